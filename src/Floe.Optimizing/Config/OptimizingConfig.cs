using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Properties;

namespace Floe.Optimizing.Config;

/// <summary>
/// A table's self-optimizing settings, read from its properties with Amoro's names and defaults
/// (<see cref="SelfOptimizingProperties"/>). Invalid values fail with <see cref="FloeErrorKind.InvalidArgument"/> naming
/// the property.
/// </summary>
public sealed record OptimizingConfig
{
    public bool Enabled { get; init; } = SelfOptimizingProperties.Enabled.Default;

    /// <summary>The optimizer group (resource group) whose optimizers run this table's tasks.</summary>
    public string Group { get; init; } = SelfOptimizingProperties.OptimizerGroup.Default!;

    /// <summary>The table's share of its group: at most 1 a fraction of the group's threads, above 1 a thread count.</summary>
    public double Quota { get; init; } = SelfOptimizingProperties.Quota.Default;

    public int ExecuteNumRetries { get; init; } = SelfOptimizingProperties.ExecuteNumRetries.Default;

    /// <summary>The size output files are rolled at and files are classified against.</summary>
    public long TargetSize { get; init; } = SelfOptimizingProperties.TargetSize.Default;

    /// <summary>The most input files one process takes.</summary>
    public int MaxFileCount { get; init; } = SelfOptimizingProperties.MaxFileCount.Default;

    public long MaxTaskSizeBytes { get; init; } = SelfOptimizingProperties.MaxTaskSizeBytes.Default;

    public int FragmentRatio { get; init; } = SelfOptimizingProperties.FragmentRatio.Default;

    public double MinTargetSizeRatio { get; init; } = SelfOptimizingProperties.MinTargetSizeRatio.Default;

    public int MinorTriggerFileCount { get; init; } = SelfOptimizingProperties.MinorTriggerFileCount.Default;

    /// <summary>Pending change bytes of a primary-key table's partition that trigger a minor optimizing.</summary>
    public long MinorTriggerChangeBytes { get; init; } = SelfOptimizingProperties.MinorTriggerChangeBytes.Default;

    /// <summary>Milliseconds after the last minor optimizing when any two small files trigger one; -1 off.</summary>
    public long MinorTriggerIntervalMs { get; init; } = SelfOptimizingProperties.MinorTriggerInterval.Default;

    public double MajorTriggerDuplicateRatio { get; init; } = SelfOptimizingProperties.MajorTriggerDuplicateRatio.Default;

    /// <summary>Milliseconds between full optimizings; -1 (the default) never triggers one.</summary>
    public long FullTriggerIntervalMs { get; init; } = SelfOptimizingProperties.FullTriggerInterval.Default;

    public bool FullRewriteAllFiles { get; init; } = SelfOptimizingProperties.FullRewriteAllFiles.Default;

    public long MinPlanIntervalMs { get; init; } = SelfOptimizingProperties.MinPlanInterval.Default;

    /// <summary>A SQL predicate limiting the partitions optimized (kept as text for the server to bind).</summary>
    public string? Filter { get; init; }

    public bool AllowPartialCommit { get; init; } = SelfOptimizingProperties.AllowPartialCommit.Default;

    public long RefreshAdaptiveMaxIntervalMs { get; init; } = SelfOptimizingProperties.RefreshAdaptiveMaxInterval.Default;

    public long RefreshAdaptiveIncreaseStepMs { get; init; } = SelfOptimizingProperties.RefreshAdaptiveIncreaseStep.Default;

    public long EvaluationFallbackIntervalMs { get; init; } = SelfOptimizingProperties.EvaluationFallbackInterval.Default;

    public double EvaluationMseTolerance { get; init; } = SelfOptimizingProperties.EvaluationMseTolerance.Default;

    public bool RowGroupMergeEnabled { get; init; } = SelfOptimizingProperties.RowGroupMergeEnabled.Default;

    /// <summary>Files at most this size are fragments: <c>target-size / fragment-ratio</c>.</summary>
    public long FragmentSize => TargetSize / FragmentRatio;

    /// <summary>Segments at most this size are undersized: <c>target-size × min-target-size-ratio</c>.</summary>
    public long MinTargetSize => (long)(TargetSize * MinTargetSizeRatio);

    /// <summary>The capacity of one task: <c>max(target-size, max-task-size-bytes)</c>.</summary>
    public long TaskCapacity => Math.Max(TargetSize, MaxTaskSizeBytes);

    /// <summary>The settings of a table with these properties (unknown keys are ignored).</summary>
    /// <exception cref="FloeException">A value is not allowed (InvalidArgument, naming the key).</exception>
    public static OptimizingConfig FromProperties(IReadOnlyDictionary<string, string> properties) => From(new TableSettings(properties));

    /// <summary>The settings of <paramref name="metadata"/>, from its once-parsed properties.</summary>
    /// <exception cref="FloeException">A value is not allowed (InvalidArgument, naming the key).</exception>
    public static OptimizingConfig Of(TableMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return From(metadata.Settings);
    }

    private static OptimizingConfig From(TableSettings settings) => new()
    {
        Enabled = settings.Get(SelfOptimizingProperties.Enabled),
        Group = settings.Get(SelfOptimizingProperties.OptimizerGroup)!.Trim(),
        Quota = settings.Get(SelfOptimizingProperties.Quota),
        ExecuteNumRetries = settings.Get(SelfOptimizingProperties.ExecuteNumRetries),
        TargetSize = settings.Get(SelfOptimizingProperties.TargetSize),
        MaxFileCount = settings.Get(SelfOptimizingProperties.MaxFileCount),
        MaxTaskSizeBytes = settings.Get(SelfOptimizingProperties.MaxTaskSizeBytes),
        FragmentRatio = settings.Get(SelfOptimizingProperties.FragmentRatio),
        MinTargetSizeRatio = settings.Get(SelfOptimizingProperties.MinTargetSizeRatio),
        MinorTriggerFileCount = settings.Get(SelfOptimizingProperties.MinorTriggerFileCount),
        MinorTriggerChangeBytes = settings.Get(SelfOptimizingProperties.MinorTriggerChangeBytes),
        MinorTriggerIntervalMs = settings.Get(SelfOptimizingProperties.MinorTriggerInterval),
        MajorTriggerDuplicateRatio = settings.Get(SelfOptimizingProperties.MajorTriggerDuplicateRatio),
        FullTriggerIntervalMs = settings.Get(SelfOptimizingProperties.FullTriggerInterval),
        FullRewriteAllFiles = settings.Get(SelfOptimizingProperties.FullRewriteAllFiles),
        MinPlanIntervalMs = settings.Get(SelfOptimizingProperties.MinPlanInterval),
        Filter = settings.Get(SelfOptimizingProperties.Filter) is { } filter && filter.Trim().Length > 0 ? filter.Trim() : null,
        AllowPartialCommit = settings.Get(SelfOptimizingProperties.AllowPartialCommit),
        RefreshAdaptiveMaxIntervalMs = settings.Get(SelfOptimizingProperties.RefreshAdaptiveMaxInterval),
        RefreshAdaptiveIncreaseStepMs = settings.Get(SelfOptimizingProperties.RefreshAdaptiveIncreaseStep),
        EvaluationFallbackIntervalMs = settings.Get(SelfOptimizingProperties.EvaluationFallbackInterval),
        EvaluationMseTolerance = settings.Get(SelfOptimizingProperties.EvaluationMseTolerance),
        RowGroupMergeEnabled = settings.Get(SelfOptimizingProperties.RowGroupMergeEnabled),
    };

    /// <summary>The number of optimizer threads this table may occupy in a group of <paramref name="groupThreads"/>.</summary>
    public int QuotaThreads(int groupThreads) =>
        Quota > 1 ? (int)Math.Ceiling(Quota) : Math.Max(1, (int)Math.Ceiling(Quota * Math.Max(0, groupThreads)));
}
