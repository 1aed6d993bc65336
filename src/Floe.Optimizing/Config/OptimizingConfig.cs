using Floe.Common.Errors;

namespace Floe.Optimizing.Config;

/// <summary>
/// A table's self-optimizing settings, read from its properties with Amoro's names and defaults
/// (<see cref="OptimizingProperties"/>). Invalid values fail with <see cref="FloeErrorKind.InvalidArgument"/> naming
/// the property.
/// </summary>
public sealed record OptimizingConfig
{
    public bool Enabled { get; init; } = OptimizingProperties.EnabledDefault;

    /// <summary>The optimizer group (resource group) whose optimizers run this table's tasks.</summary>
    public string Group { get; init; } = OptimizingProperties.GroupDefault;

    /// <summary>The table's share of its group: at most 1 a fraction of the group's threads, above 1 a thread count.</summary>
    public double Quota { get; init; } = OptimizingProperties.QuotaDefault;

    public int ExecuteNumRetries { get; init; } = OptimizingProperties.ExecuteNumRetriesDefault;

    /// <summary>The size output files are rolled at and files are classified against.</summary>
    public long TargetSize { get; init; } = OptimizingProperties.TargetSizeDefault;

    /// <summary>The most input files one process takes.</summary>
    public int MaxFileCount { get; init; } = OptimizingProperties.MaxFileCountDefault;

    public long MaxTaskSizeBytes { get; init; } = OptimizingProperties.MaxTaskSizeBytesDefault;

    public int FragmentRatio { get; init; } = OptimizingProperties.FragmentRatioDefault;

    public double MinTargetSizeRatio { get; init; } = OptimizingProperties.MinTargetSizeRatioDefault;

    public int MinorTriggerFileCount { get; init; } = OptimizingProperties.MinorTriggerFileCountDefault;

    /// <summary>Milliseconds after the last minor optimizing when any two small files trigger one; -1 off.</summary>
    public long MinorTriggerIntervalMs { get; init; } = OptimizingProperties.MinorTriggerIntervalDefault;

    public double MajorTriggerDuplicateRatio { get; init; } = OptimizingProperties.MajorTriggerDuplicateRatioDefault;

    /// <summary>Milliseconds between full optimizings; -1 (the default) never triggers one.</summary>
    public long FullTriggerIntervalMs { get; init; } = OptimizingProperties.FullTriggerIntervalDefault;

    public bool FullRewriteAllFiles { get; init; } = OptimizingProperties.FullRewriteAllFilesDefault;

    public long MinPlanIntervalMs { get; init; } = OptimizingProperties.MinPlanIntervalDefault;

    /// <summary>A SQL predicate limiting the partitions optimized (kept as text for the server to bind).</summary>
    public string? Filter { get; init; }

    public bool AllowPartialCommit { get; init; } = OptimizingProperties.AllowPartialCommitDefault;

    public long RefreshAdaptiveMaxIntervalMs { get; init; } = OptimizingProperties.RefreshAdaptiveMaxIntervalDefault;

    public long RefreshAdaptiveIncreaseStepMs { get; init; } = OptimizingProperties.RefreshAdaptiveIncreaseStepDefault;

    public long EvaluationFallbackIntervalMs { get; init; } = OptimizingProperties.EvaluationFallbackIntervalDefault;

    public double EvaluationMseTolerance { get; init; } = OptimizingProperties.EvaluationMseToleranceDefault;

    public bool RowGroupMergeEnabled { get; init; } = OptimizingProperties.RowGroupMergeEnabledDefault;

    /// <summary>Files at most this size are fragments: <c>target-size / fragment-ratio</c>.</summary>
    public long FragmentSize => TargetSize / FragmentRatio;

    /// <summary>Segments at most this size are undersized: <c>target-size × min-target-size-ratio</c>.</summary>
    public long MinTargetSize => (long)(TargetSize * MinTargetSizeRatio);

    /// <summary>The capacity of one task: <c>max(target-size, max-task-size-bytes)</c>.</summary>
    public long TaskCapacity => Math.Max(TargetSize, MaxTaskSizeBytes);

    /// <summary>The settings of a table with these properties (unknown keys are ignored).</summary>
    public static OptimizingConfig FromProperties(IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var read = new PropertyReader(properties);
        const string Positive = "a positive whole number";
        const string NonNegative = "a whole number >= 0";
        string group = read.String(OptimizingProperties.Group, OptimizingProperties.GroupDefault);
        if (group.Length == 0)
        {
            throw PropertyReader.Invalid(OptimizingProperties.Group, group, "a group name");
        }

        var config = new OptimizingConfig
        {
            Enabled = read.Bool(OptimizingProperties.Enabled, OptimizingProperties.EnabledDefault),
            Group = group,
            Quota = read.Double(OptimizingProperties.Quota, OptimizingProperties.QuotaDefault, 0, "a number above 0"),
            ExecuteNumRetries = read.Int(OptimizingProperties.ExecuteNumRetries, OptimizingProperties.ExecuteNumRetriesDefault, 0, NonNegative),
            TargetSize = read.Long(OptimizingProperties.TargetSize, OptimizingProperties.TargetSizeDefault, 1, Positive),
            MaxFileCount = read.Int(OptimizingProperties.MaxFileCount, OptimizingProperties.MaxFileCountDefault, 1, Positive),
            MaxTaskSizeBytes = read.Long(OptimizingProperties.MaxTaskSizeBytes, OptimizingProperties.MaxTaskSizeBytesDefault, 1, Positive),
            FragmentRatio = read.Int(OptimizingProperties.FragmentRatio, OptimizingProperties.FragmentRatioDefault, 1, Positive),
            MinTargetSizeRatio = read.Double(OptimizingProperties.MinTargetSizeRatio, OptimizingProperties.MinTargetSizeRatioDefault, 0, "a number in (0, 1]"),
            MinorTriggerFileCount = read.Int(OptimizingProperties.MinorTriggerFileCount, OptimizingProperties.MinorTriggerFileCountDefault, 1, Positive),
            MinorTriggerIntervalMs = read.Interval(OptimizingProperties.MinorTriggerInterval, OptimizingProperties.MinorTriggerIntervalDefault),
            MajorTriggerDuplicateRatio = read.Double(OptimizingProperties.MajorTriggerDuplicateRatio, OptimizingProperties.MajorTriggerDuplicateRatioDefault, 0, "a number above 0"),
            FullTriggerIntervalMs = read.Interval(OptimizingProperties.FullTriggerInterval, OptimizingProperties.FullTriggerIntervalDefault),
            FullRewriteAllFiles = read.Bool(OptimizingProperties.FullRewriteAllFiles, OptimizingProperties.FullRewriteAllFilesDefault),
            MinPlanIntervalMs = read.Long(OptimizingProperties.MinPlanInterval, OptimizingProperties.MinPlanIntervalDefault, 0, NonNegative),
            Filter = read.Raw(OptimizingProperties.Filter, out _) is { } filter && filter.Trim().Length > 0 ? filter.Trim() : null,
            AllowPartialCommit = read.Bool(OptimizingProperties.AllowPartialCommit, OptimizingProperties.AllowPartialCommitDefault),
            RefreshAdaptiveMaxIntervalMs = read.Long(OptimizingProperties.RefreshAdaptiveMaxInterval, OptimizingProperties.RefreshAdaptiveMaxIntervalDefault, 0, NonNegative),
            RefreshAdaptiveIncreaseStepMs = read.Long(OptimizingProperties.RefreshAdaptiveIncreaseStep, OptimizingProperties.RefreshAdaptiveIncreaseStepDefault, 1, Positive),
            EvaluationFallbackIntervalMs = read.Interval(OptimizingProperties.EvaluationFallbackInterval, OptimizingProperties.EvaluationFallbackIntervalDefault),
            EvaluationMseTolerance = read.Double(OptimizingProperties.EvaluationMseTolerance, OptimizingProperties.EvaluationMseToleranceDefault, -1e-300, "a number >= 0"),
            RowGroupMergeEnabled = read.Bool(OptimizingProperties.RowGroupMergeEnabled, OptimizingProperties.RowGroupMergeEnabledDefault),
        };

        if (config.MinTargetSizeRatio > 1)
        {
            throw PropertyReader.Invalid(OptimizingProperties.MinTargetSizeRatio, config.MinTargetSizeRatio.ToString(System.Globalization.CultureInfo.InvariantCulture), "a number in (0, 1]");
        }

        return config;
    }

    /// <summary>The number of optimizer threads this table may occupy in a group of <paramref name="groupThreads"/>.</summary>
    public int QuotaThreads(int groupThreads) =>
        Quota > 1 ? (int)Math.Ceiling(Quota) : Math.Max(1, (int)Math.Ceiling(Quota * Math.Max(0, groupThreads)));
}
