namespace Floe.Server.Rest;

/// <summary>
/// Limits of the Iceberg REST catalog. Register an instance in DI to change them; without one the defaults apply.
/// </summary>
public sealed class IcebergRestOptions
{
    /// <summary>Largest request body accepted; a larger one is refused with 413 before it is parsed.</summary>
    public long MaxRequestBodyBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Page size used when a client asks for paging (<c>pageToken</c>) without a <c>pageSize</c>.</summary>
    public int DefaultPageSize { get; init; } = 100;

    /// <summary>Largest page served; a bigger <c>pageSize</c> is lowered to this.</summary>
    public int MaxPageSize { get; init; } = 1000;
}
