using System.Net;
using Floe.Server.Configuration;
using Floe.Server.Security;
using Floe.Server.Tests.Hosting;
using Floe.TestKit.Server;

namespace Floe.Server.Tests.Security;

public sealed class AuthenticationTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private RunningServer _running = null!;
    private string _admin = null!;
    private string _salesOnly = null!;

    public async ValueTask InitializeAsync()
    {
        _running = await RunningServer.StartAsync(AuthMode.Token, openStores: InMemoryStores.OpenNewAsync);
        _admin = (await _running.Server.Tokens.CreateAsync("admin", isAdmin: true, null, _ct)).Secret;
        _salesOnly = (await _running.Server.Tokens.CreateAsync("sales-reader", isAdmin: false, ["sales"], _ct)).Secret;
        await _running.Server.Catalogs.CreateInternalAsync("sales", Path.Combine(_running.Server.Options.DataDirectory, "sales"), cancellationToken: _ct);
    }

    public async ValueTask DisposeAsync() => await _running.DisposeAsync();

    [Theory]
    [InlineData("/api/floe/v1/catalogs")]
    [InlineData("/api/iceberg/rest/v1/config")]
    [InlineData("/api/iceberg/rest/v1/namespaces")]
    public async Task Without_a_token_the_answer_is_401_with_an_iceberg_error(string path)
    {
        var (response, body) = await _running.SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("NotAuthorizedException", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(401, body.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task With_an_unknown_token_the_answer_is_401()
    {
        var (response, body) = await _running.SendAsync(HttpMethod.Get, "/api/floe/v1/catalogs", token: "floe_not-a-real-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("not valid", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_token_is_401_from_the_next_request_on()
    {
        var (before, _) = await _running.SendAsync(HttpMethod.Get, "/api/floe/v1/catalogs", token: _salesOnly);
        await _running.Server.Tokens.RevokeAsync("sales-reader", _ct);

        var (after, _) = await _running.SendAsync(HttpMethod.Get, "/api/floe/v1/catalogs", token: _salesOnly);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Health_needs_no_token()
    {
        var (response, _) = await _running.SendAsync(HttpMethod.Get, "/api/floe/v1/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_catalog_token_sees_only_its_catalogs_and_is_forbidden_elsewhere()
    {
        var (list, body) = await _running.SendAsync(HttpMethod.Get, "/api/floe/v1/catalogs", token: _salesOnly);
        var (own, _) = await _running.SendAsync(HttpMethod.Get, "/api/floe/v1/catalogs/sales/namespaces", token: _salesOnly);
        var (other, error) = await _running.SendAsync(HttpMethod.Get, "/api/floe/v1/catalogs/default/namespaces", token: _salesOnly);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(["sales"], body.GetProperty("catalogs").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("ForbiddenException", error.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_catalog_token_is_forbidden_on_another_catalogs_rest_routes()
    {
        var (own, _) = await _running.SendAsync(HttpMethod.Get, "/api/iceberg/rest/v1/sales/namespaces", token: _salesOnly);
        var (other, _) = await _running.SendAsync(HttpMethod.Get, "/api/iceberg/rest/v1/default/namespaces", token: _salesOnly);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/floe/v1/catalogs")]
    [InlineData("DELETE", "/api/floe/v1/catalogs/sales")]
    [InlineData("GET", "/api/floe/v1/tokens")]
    [InlineData("POST", "/api/floe/v1/tokens")]
    [InlineData("DELETE", "/api/floe/v1/tokens/admin")]
    public async Task Administration_needs_an_admin_token(string method, string path)
    {
        var (response, _) = await _running.SendAsync(new HttpMethod(method), path, token: _salesOnly, json: new { name = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("sales", (await _running.Server.Catalogs.ListAsync(_ct)).Select(c => c.Name));
        Assert.Equal(2, (await _running.Server.Tokens.ListAsync(_ct)).Count(t => !t.Revoked));
    }

    [Fact]
    public async Task An_admin_token_manages_tokens_over_http()
    {
        var (created, token) = await _running.SendAsync(HttpMethod.Post, "/api/floe/v1/tokens", token: _admin, json: new { name = "ci", catalogs = new[] { "sales" } });
        string secret = token.GetProperty("secret").GetString()!;
        var (listed, list) = await _running.SendAsync(HttpMethod.Get, "/api/floe/v1/tokens", token: _admin);
        var (usable, _) = await _running.SendAsync(HttpMethod.Get, "/api/floe/v1/catalogs/sales", token: secret);
        var (revoked, _) = await _running.SendAsync(HttpMethod.Delete, "/api/floe/v1/tokens/ci", token: _admin);
        var (afterRevoke, _) = await _running.SendAsync(HttpMethod.Get, "/api/floe/v1/catalogs/sales", token: secret);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith(TokenSecrets.Prefix, secret, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.All(list.GetProperty("tokens").EnumerateArray(), t => Assert.False(t.TryGetProperty("secret", out _)));
        Assert.Equal(["admin", "ci", "sales-reader"], list.GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.OK, usable.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
    }
}
