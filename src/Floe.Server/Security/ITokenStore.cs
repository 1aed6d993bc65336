using Floe.Server.Store;

namespace Floe.Server.Security;

/// <summary>Where tokens are kept (the metastore's <c>tokens</c> table).</summary>
public interface ITokenStore
{
    /// <summary>Adds a token; AlreadyExists when a token of that name exists (revoked or not).</summary>
    Task InsertAsync(TokenRecord token, CancellationToken cancellationToken = default);

    /// <summary>Every token, revoked ones included, sorted by name.</summary>
    Task<IReadOnlyList<TokenRecord>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The token whose secret hashes to <paramref name="secretHash"/>, or null.</summary>
    Task<TokenRecord?> FindByHashAsync(string secretHash, CancellationToken cancellationToken = default);

    /// <summary>Marks the token revoked; false when there is no token of that name.</summary>
    Task<bool> RevokeAsync(string name, CancellationToken cancellationToken = default);
}
