using Floe.Common.Errors;
using Floe.Server.Store;

namespace Floe.Server.Security;

/// <summary>Creates, lists and revokes tokens, and turns a presented secret into the <see cref="FloePrincipal"/> it grants.</summary>
public sealed class TokenService
{
    private const int MaxNameLength = 64;
    private readonly ITokenStore _store;
    private readonly TimeProvider _time;

    public TokenService(ITokenStore store, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Makes a token. <paramref name="isAdmin"/> grants everything; otherwise <paramref name="catalogs"/> lists the
    /// catalogs it may use, and none listed means every catalog (but no administration).
    /// </summary>
    public async Task<CreatedToken> CreateAsync(string name, bool isAdmin, IReadOnlyCollection<string>? catalogs, CancellationToken cancellationToken = default)
    {
        CheckName(name);
        string[]? grants = null;
        if (catalogs is { Count: > 0 })
        {
            foreach (string catalog in catalogs)
            {
                CheckCatalogGrant(catalog);
            }

            grants = [.. catalogs.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }

        if (isAdmin && grants is not null)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Token '{name}': an admin token may use every catalog; do not list catalogs for it.");
        }

        string secret = TokenSecrets.Generate();
        var record = new TokenRecord(name, TokenSecrets.Hash(secret), isAdmin, grants, _time.GetUtcNow().ToUnixTimeMilliseconds(), Revoked: false);
        await _store.InsertAsync(record, cancellationToken).ConfigureAwait(false);
        return new CreatedToken(record, secret);
    }

    public Task<IReadOnlyList<TokenRecord>> ListAsync(CancellationToken cancellationToken = default) => _store.ListAsync(cancellationToken);

    /// <summary>Revokes the token; NotFound when there is none of that name.</summary>
    public async Task RevokeAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!await _store.RevokeAsync(name, cancellationToken).ConfigureAwait(false))
        {
            throw new FloeException(FloeErrorKind.NotFound, $"There is no token named '{name}'.");
        }
    }

    /// <summary>The principal <paramref name="secret"/> grants; Unauthorized when it is unknown or revoked.</summary>
    public async Task<FloePrincipal> AuthenticateAsync(string secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        TokenRecord? token = secret.Length is > 0 and <= 512
            ? await _store.FindByHashAsync(TokenSecrets.Hash(secret), cancellationToken).ConfigureAwait(false)
            : null;
        if (token is null)
        {
            throw new FloeException(FloeErrorKind.Unauthorized, "The bearer token is not valid.");
        }

        if (token.Revoked)
        {
            throw new FloeException(FloeErrorKind.Unauthorized, $"Token '{token.Name}' has been revoked.");
        }

        IReadOnlySet<string>? catalogs = token.Catalogs is null ? null : new HashSet<string>(token.Catalogs, StringComparer.Ordinal);
        return new FloePrincipal(token.Name, token.IsAdmin, catalogs);
    }

    private static void CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        // Names are path segments (DELETE /tokens/{name}), where '.' and '..' would be resolved away.
        bool valid = name.Length is > 0 and <= MaxNameLength && char.IsAsciiLetterOrDigit(name[0])
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
        if (!valid)
        {
            throw new FloeException(
                FloeErrorKind.InvalidArgument,
                $"'{name}' is not a token name: use 1 to {MaxNameLength} letters, digits, '_', '-' or '.', starting with a letter or digit.");
        }
    }

    private static void CheckCatalogGrant(string catalog)
    {
        // Grants are stored comma-joined, so a comma would split one grant into two.
        if (string.IsNullOrWhiteSpace(catalog) || catalog.Contains(',', StringComparison.Ordinal))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"'{catalog}' is not a catalog name to grant.");
        }
    }
}
