namespace Floe.Server.Configuration;

/// <summary>
/// Everything a <see cref="Hosting.FloeServer"/> needs to start: where it listens, where its data lives, how requests
/// authenticate, which metastore keeps the catalogs and which external catalogs it serves besides.
/// Load it with <see cref="ServerConfigLoader"/>; every path here is absolute.
/// </summary>
public sealed record ServerOptions
{
    /// <summary>The port Floe listens on unless configured otherwise (Amoro's AMS port).</summary>
    public const int DefaultPort = 1630;

    /// <summary>The largest request body accepted unless configured otherwise: 10 MiB.</summary>
    public const long DefaultMaxRequestBodyBytes = 10 * 1024 * 1024;

    /// <summary>The internal catalog created on first start and used by requests that name none.</summary>
    public const string DefaultCatalogName = "default";

    /// <summary>The address to bind (an IP address or <c>localhost</c>).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one (see <see cref="Hosting.FloeServer.Address"/>).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The server's own directory: the SQLite metastore and the internal catalogs' warehouses by default.</summary>
    public required string DataDirectory { get; init; }

    public long MaxRequestBodyBytes { get; init; } = DefaultMaxRequestBodyBytes;

    /// <summary>The internal catalog requests use when they name none; created on first start when missing.</summary>
    public string DefaultCatalog { get; init; } = DefaultCatalogName;

    public AuthMode Auth { get; init; } = AuthMode.None;

    public required MetastoreOptions Metastore { get; init; }

    /// <summary>Catalogs the server serves but does not own, such as a filesystem warehouse.</summary>
    public IReadOnlyList<ExternalCatalogOptions> Catalogs { get; init; } = [];

    /// <summary>The optimizing service: timeouts, the embedded optimizer's threads.</summary>
    public OptimizingOptions Optimizing { get; init; } = new();

    /// <summary>The maintenance scheduler: each action's switch and interval, its threads, its history.</summary>
    public MaintenanceOptions Maintenance { get; init; } = new();

    /// <summary>
    /// Bounds in MB of the process-wide caches (<see cref="ConfiguredCaches"/>) by configuration key, applied at start;
    /// a cache whose key is missing gets its built-in bound, 0 turns one off.
    /// </summary>
    public IReadOnlyDictionary<string, long> CacheMegabytes { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>
    /// The clock of every timer and timestamp the server keeps itself: optimizer heartbeats and task timeouts, the
    /// refresh and maintenance intervals, token creation times, uptime. Tests pass a fake one to move time on demand.
    /// </summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Where the internal catalog <paramref name="catalog"/> keeps its tables unless created with a warehouse.</summary>
    public string DefaultWarehouseFor(string catalog) => Path.Combine(DataDirectory, "warehouse", catalog);
}
