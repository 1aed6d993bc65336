using Floe.Common.Errors;
using Floe.Server.Security;
using Floe.Server.Store;
using Floe.Server.Tests.Hosting;

namespace Floe.Server.Tests.Security;

public sealed class TokenServiceTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly InMemoryStores _store = new();
    private readonly TokenService _tokens;

    public TokenServiceTests()
    {
        _tokens = new TokenService(_store);
    }

    [Fact]
    public void Hash_is_the_hex_sha256_of_the_utf8_secret()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenSecrets.Hash("abc"));
        Assert.Equal(TokenSecrets.Hash(new string('é', 300)), TokenSecrets.Hash(new string('é', 300)));
        Assert.NotEqual(TokenSecrets.Hash(new string('é', 300)), TokenSecrets.Hash(new string('é', 301)));
    }

    [Fact]
    public void Generate_makes_distinct_prefixed_url_safe_secrets()
    {
        string a = TokenSecrets.Generate();
        string b = TokenSecrets.Generate();

        Assert.NotEqual(a, b);
        Assert.StartsWith("floe_", a, StringComparison.Ordinal);
        Assert.Equal(5 + 43, a.Length);
        Assert.All(a[5..], c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
    }

    [Fact]
    public async Task Create_stores_only_the_hash_and_the_secret_authenticates()
    {
        CreatedToken created = await _tokens.CreateAsync("etl", isAdmin: false, ["sales", "ops", "sales"], _ct);

        TokenRecord stored = Assert.Single(await _tokens.ListAsync(_ct));
        Assert.Equal(TokenSecrets.Hash(created.Secret), stored.SecretHash);
        Assert.DoesNotContain(created.Secret, stored.ToString(), StringComparison.Ordinal);
        Assert.Equal(["ops", "sales"], stored.Catalogs);
        FloePrincipal principal = await _tokens.AuthenticateAsync(created.Secret, _ct);
        Assert.Equal("etl", principal.Name);
        Assert.False(principal.IsAdmin);
        Assert.True(principal.CanUse("sales"));
        Assert.False(principal.CanUse("finance"));
    }

    [Fact]
    public async Task An_admin_token_may_use_every_catalog()
    {
        CreatedToken created = await _tokens.CreateAsync("root", isAdmin: true, null, _ct);

        FloePrincipal principal = await _tokens.AuthenticateAsync(created.Secret, _ct);

        Assert.True(principal.IsAdmin);
        Assert.Null(principal.Catalogs);
    }

    [Fact]
    public async Task A_revoked_token_no_longer_authenticates()
    {
        CreatedToken created = await _tokens.CreateAsync("old", isAdmin: true, null, _ct);

        await _tokens.RevokeAsync("old", _ct);

        var error = await Assert.ThrowsAsync<FloeException>(() => _tokens.AuthenticateAsync(created.Secret, _ct));
        Assert.Equal(FloeErrorKind.Unauthorized, error.Kind);
        Assert.Contains("revoked", error.Message, StringComparison.Ordinal);
        Assert.True(Assert.Single(await _tokens.ListAsync(_ct)).Revoked);
    }

    [Theory]
    [InlineData("")]
    [InlineData("floe_unknown")]
    public async Task An_unknown_secret_is_unauthorized(string secret)
    {
        await _tokens.CreateAsync("one", isAdmin: true, null, _ct);

        var error = await Assert.ThrowsAsync<FloeException>(() => _tokens.AuthenticateAsync(secret, _ct));

        Assert.Equal(FloeErrorKind.Unauthorized, error.Kind);
    }

    [Fact]
    public async Task Revoking_an_unknown_token_is_not_found()
    {
        var error = await Assert.ThrowsAsync<FloeException>(() => _tokens.RevokeAsync("ghost", _ct));

        Assert.Equal(FloeErrorKind.NotFound, error.Kind);
    }

    [Theory]
    [InlineData("", false, null)]
    [InlineData("has space", false, null)]
    [InlineData("..", false, null)]
    [InlineData(".hidden", false, null)]
    [InlineData("ok", true, "sales")]
    [InlineData("ok", false, "a,b")]
    [InlineData("ok", false, " ")]
    public async Task Bad_names_and_grants_are_refused(string name, bool admin, string? catalog)
    {
        var error = await Assert.ThrowsAsync<FloeException>(() => _tokens.CreateAsync(name, admin, catalog is null ? null : [catalog], _ct));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Empty(await _tokens.ListAsync(_ct));
    }
}
