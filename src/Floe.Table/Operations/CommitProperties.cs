namespace Floe.Table.Operations;

/// <summary>Table properties that steer commits, with Iceberg's names and defaults.</summary>
public static class CommitProperties
{
    public const string NumRetries = "commit.retry.num-retries";
    public const int NumRetriesDefault = 4;

    public const string MinWaitMs = "commit.retry.min-wait-ms";
    public const int MinWaitMsDefault = 100;

    public const string MaxWaitMs = "commit.retry.max-wait-ms";
    public const int MaxWaitMsDefault = 60_000;

    public const string TotalTimeoutMs = "commit.retry.total-timeout-ms";
    public const int TotalTimeoutMsDefault = 1_800_000;

    public const string ManifestTargetSizeBytes = "commit.manifest.target-size-bytes";
    public const long ManifestTargetSizeBytesDefault = 8L * 1024 * 1024;

    public const string ManifestMinMergeCount = "commit.manifest.min-count-to-merge";
    public const int ManifestMinMergeCountDefault = 100;

    public const string ManifestMergeEnabled = "commit.manifest-merge.enabled";
    public const bool ManifestMergeEnabledDefault = true;
}
