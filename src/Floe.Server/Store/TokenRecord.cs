namespace Floe.Server.Store;

/// <summary>
/// An API token as the metastore keeps it: the SHA-256 hash of its secret, never the secret.
/// <paramref name="Catalogs"/> null means every catalog.
/// </summary>
public sealed record TokenRecord(
    string Name,
    string SecretHash,
    bool IsAdmin,
    IReadOnlyList<string>? Catalogs,
    long CreatedMs,
    bool Revoked);
