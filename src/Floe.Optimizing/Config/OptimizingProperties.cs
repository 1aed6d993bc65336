namespace Floe.Optimizing.Config;

/// <summary>
/// The table property names of self-optimizing, as Amoro names them, so settings carry over. Every key is also read
/// with the older <c>optimize.</c> prefix when the <c>self-optimizing.</c> one is absent.
/// </summary>
public static class OptimizingProperties
{
    public const string Prefix = "self-optimizing.";
    public const string LegacyPrefix = "optimize.";

    public const string Enabled = "self-optimizing.enabled";
    public const string Group = "self-optimizing.group";
    public const string Quota = "self-optimizing.quota";
    public const string ExecuteNumRetries = "self-optimizing.execute.num-retries";
    public const string TargetSize = "self-optimizing.target-size";
    public const string MaxFileCount = "self-optimizing.max-file-count";
    public const string MaxTaskSizeBytes = "self-optimizing.max-task-size-bytes";
    public const string FragmentRatio = "self-optimizing.fragment-ratio";
    public const string MinTargetSizeRatio = "self-optimizing.min-target-size-ratio";
    public const string MinorTriggerFileCount = "self-optimizing.minor.trigger.file-count";
    public const string MinorTriggerInterval = "self-optimizing.minor.trigger.interval";
    public const string MajorTriggerDuplicateRatio = "self-optimizing.major.trigger.duplicate-ratio";
    public const string FullTriggerInterval = "self-optimizing.full.trigger.interval";
    public const string FullRewriteAllFiles = "self-optimizing.full.rewrite-all-files";
    public const string MinPlanInterval = "self-optimizing.min-plan-interval";
    public const string Filter = "self-optimizing.filter";
    public const string AllowPartialCommit = "self-optimizing.allow-partial-commit";
    public const string RefreshAdaptiveMaxInterval = "self-optimizing.refresh-table.adaptive.max-interval-ms";
    public const string RefreshAdaptiveIncreaseStep = "self-optimizing.refresh-table.adaptive.increase-step-ms";
    public const string EvaluationFallbackInterval = "self-optimizing.evaluation.fallback-interval";
    public const string EvaluationMseTolerance = "self-optimizing.evaluation.file-size.mse-tolerance";
    public const string RowGroupMergeEnabled = "self-optimizing.rewrite.use-parquet-row-group-merge.enabled";

    public const bool EnabledDefault = true;
    public const string GroupDefault = "default";
    public const double QuotaDefault = 0.5;
    public const int ExecuteNumRetriesDefault = 5;
    public const long TargetSizeDefault = 128L * 1024 * 1024;
    public const int MaxFileCountDefault = 10_000;
    public const long MaxTaskSizeBytesDefault = 128L * 1024 * 1024;
    public const int FragmentRatioDefault = 8;
    public const double MinTargetSizeRatioDefault = 0.75;
    public const int MinorTriggerFileCountDefault = 12;
    public const long MinorTriggerIntervalDefault = 3_600_000;
    public const double MajorTriggerDuplicateRatioDefault = 0.1;
    public const long FullTriggerIntervalDefault = -1;
    public const bool FullRewriteAllFilesDefault = true;
    public const long MinPlanIntervalDefault = 60_000;
    public const bool AllowPartialCommitDefault = false;
    public const long RefreshAdaptiveMaxIntervalDefault = 0;
    public const long RefreshAdaptiveIncreaseStepDefault = 30_000;
    public const long EvaluationFallbackIntervalDefault = -1;
    public const double EvaluationMseToleranceDefault = 0;
    public const bool RowGroupMergeEnabledDefault = false;
}
