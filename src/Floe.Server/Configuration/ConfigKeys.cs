namespace Floe.Server.Configuration;

/// <summary>The configuration keys (<c>section.key</c>) and the environment variable that overrides each.</summary>
internal static class ConfigKeys
{
    public const string Host = "server.host";
    public const string Port = "server.port";
    public const string DataDir = "server.data-dir";
    public const string MaxRequestBodyBytes = "server.max-request-body-bytes";
    public const string DefaultCatalog = "server.default-catalog";
    public const string Auth = "auth";
    public const string MetastoreType = "metastore.type";
    public const string MetastorePath = "metastore.path";
    public const string MetastoreConnectionString = "metastore.connection-string";
    public const string MetastoreInitialize = "metastore.initialize";
    public const string OptimizingEnabled = "optimizing.enabled";
    public const string OptimizingRefreshInterval = "optimizing.refresh-interval-ms";
    public const string OptimizingCommitRefreshDelay = "optimizing.commit-refresh-delay-ms";
    public const string OptimizingHeartbeatTimeout = "optimizing.heartbeat-timeout-ms";
    public const string OptimizingHeartbeatInterval = "optimizing.heartbeat-interval-ms";
    public const string OptimizingAckTimeout = "optimizing.task-ack-timeout-ms";
    public const string OptimizingExecuteTimeout = "optimizing.task-execute-timeout-ms";
    public const string OptimizingPollTimeout = "optimizing.poll-timeout-ms";
    public const string OptimizingLocalThreads = "optimizing.local-threads";
    public const string OptimizingMaxInputPerThread = "optimizing.max-input-file-size-per-thread";
    public const string OptimizingBreakQuotaLimit = "optimizing.break-quota-limit-enabled";
    public const string OptimizingHistoryKeep = "optimizing.history-keep-ms";
    public const string MaintenanceEnabled = "maintenance.enabled";
    public const string MaintenanceWorkers = "maintenance.thread-count";
    public const string MaintenanceHistoryKeep = "maintenance.history-keep-ms";

    /// <summary>The maintenance actions, by Amoro's names; each has <c>maintenance.NAME.enabled</c> and <c>maintenance.NAME.interval</c>.</summary>
    public static readonly IReadOnlyList<string> MaintenanceActions =
        ["expire-snapshots", "clean-orphan-files", "clean-dangling-delete-files", "expire-data", "auto-create-tags"];

    /// <summary>The sections of keys (<c>section.key</c>); besides them the file has <see cref="Auth"/> and <see cref="Catalogs"/>.</summary>
    public static readonly IReadOnlyList<string> Sections =
        ["server", "metastore", "optimizing", "maintenance", .. ConfiguredCaches.All.Select(c => c.Section).Distinct()];

    /// <summary>The list of external catalogs; a YAML sequence, not overridable by one variable.</summary>
    public const string Catalogs = "catalogs";

    public static readonly IReadOnlyList<string> Scalars =
    [
        Host, Port, DataDir, MaxRequestBodyBytes, DefaultCatalog, Auth, MetastoreType, MetastorePath, MetastoreConnectionString, MetastoreInitialize,
        OptimizingEnabled, OptimizingRefreshInterval, OptimizingCommitRefreshDelay, OptimizingHeartbeatTimeout, OptimizingHeartbeatInterval, OptimizingAckTimeout,
        OptimizingExecuteTimeout, OptimizingPollTimeout, OptimizingLocalThreads, OptimizingMaxInputPerThread, OptimizingBreakQuotaLimit, OptimizingHistoryKeep,
        MaintenanceEnabled, MaintenanceWorkers, MaintenanceHistoryKeep,
        .. MaintenanceActions.SelectMany(a => new[] { MaintenanceSwitch(a), MaintenanceInterval(a) }),
        .. ConfiguredCaches.All.Select(c => c.Key),
    ];

    public static string MaintenanceSwitch(string action) => $"maintenance.{action}.enabled";

    public static string MaintenanceInterval(string action) => $"maintenance.{action}.interval";

    public static readonly IReadOnlyList<string> CatalogEntryKeys = ["name", "type", "warehouse"];

    /// <summary><c>server.data-dir</c> → <c>FLOE_SERVER_DATA_DIR</c>.</summary>
    public static string EnvironmentVariable(string key) =>
        "FLOE_" + key.ToUpperInvariant().Replace('.', '_').Replace('-', '_');
}
