namespace Floe.Core.Properties;

/// <summary>
/// Self-optimizing settings with Amoro's names and defaults, so settings carry over. Every key is also read with
/// the older <c>optimize.</c> prefix when the <c>self-optimizing.</c> one is absent.
/// </summary>
public static class SelfOptimizingProperties
{
    public const string Group = "Self-optimizing";
    public const string Prefix = "self-optimizing.";
    public const string LegacyPrefix = "optimize.";
    private const long MiB = 1024 * 1024;

    public static readonly BoolProperty Enabled = new(Prefix + "enabled", true, Group, "Whether the table is optimized at all.");

    public static readonly TextProperty OptimizerGroup = new(
        Prefix + "group", "default", Group, "The optimizer group whose optimizers run the table's tasks.", nonEmpty: true, what: "group name");

    public static readonly DoubleProperty Quota = new(
        Prefix + "quota", 0.5, Group, "Share of the group: at most 1 a fraction of its threads, above 1 a thread count.", above: 0);

    public static readonly IntProperty ExecuteNumRetries = new(
        Prefix + "execute.num-retries", 5, Group, "Retries of a failed optimizing task.");

    public static readonly LongProperty TargetSize = new(
        Prefix + "target-size", 128 * MiB, Group, "Size optimizing rolls output files at and classifies files against.", min: 1, unit: "bytes");

    public static readonly IntProperty MaxFileCount = new(
        Prefix + "max-file-count", 10_000, Group, "Most input files one optimizing process takes.", min: 1);

    public static readonly LongProperty MaxTaskSizeBytes = new(
        Prefix + "max-task-size-bytes", 128 * MiB, Group, "Most input bytes of one task (at least the target size).", min: 1, unit: "bytes");

    public static readonly IntProperty FragmentRatio = new(
        Prefix + "fragment-ratio", 8, Group, "Files under target-size / fragment-ratio are fragments.", min: 1);

    public static readonly DoubleProperty MinTargetSizeRatio = new(
        Prefix + "min-target-size-ratio", 0.75, Group, "Segments under target-size × this ratio are undersized.", above: 0, max: 1);

    public static readonly IntProperty MinorTriggerFileCount = new(
        Prefix + "minor.trigger.file-count", 12, Group, "Small files that trigger a minor optimizing.", min: 1);

    public static readonly LongProperty MinorTriggerChangeBytes = new(
        Prefix + "minor.trigger.change-bytes", 128 * MiB, Group,
        "Bytes of change files pending in a partition of a primary-key table that trigger a minor optimizing, however few the files (Floe's; Amoro counts files only).",
        min: 1, unit: "bytes");

    public static readonly IntervalProperty MinorTriggerInterval = new(
        Prefix + "minor.trigger.interval", 3_600_000, Group, "Milliseconds after the last minor optimizing when any two small files trigger one.");

    public static readonly DoubleProperty MajorTriggerDuplicateRatio = new(
        Prefix + "major.trigger.duplicate-ratio", 0.1, Group, "Share of deleted rows in a segment that triggers a major optimizing.", above: 0);

    public static readonly IntervalProperty FullTriggerInterval = new(
        Prefix + "full.trigger.interval", -1, Group, "Milliseconds between full optimizings.");

    public static readonly BoolProperty FullRewriteAllFiles = new(
        Prefix + "full.rewrite-all-files", true, Group, "Whether a full optimizing rewrites every file, not only those with deletes.");

    public static readonly LongProperty MinPlanInterval = new(
        Prefix + "min-plan-interval", 60_000, Group, "Least time between two plans of the table.", unit: "ms");

    public static readonly TextProperty Filter = new(
        Prefix + "filter", null, Group, "A SQL predicate limiting the partitions optimized.", what: "a SQL predicate");

    public static readonly BoolProperty AllowPartialCommit = new(
        Prefix + "allow-partial-commit", false, Group, "Whether a process commits the tasks that succeeded when others failed.");

    public static readonly LongProperty RefreshAdaptiveMaxInterval = new(
        Prefix + "refresh-table.adaptive.max-interval-ms", 0, Group, "Longest interval between refreshes of an idle table (0: no adaptive refresh).", unit: "ms");

    public static readonly LongProperty RefreshAdaptiveIncreaseStep = new(
        Prefix + "refresh-table.adaptive.increase-step-ms", 30_000, Group, "How much the refresh interval of an idle table grows each time.", min: 1, unit: "ms");

    public static readonly IntervalProperty EvaluationFallbackInterval = new(
        Prefix + "evaluation.fallback-interval", -1, Group, "Milliseconds after which a table whose files look healthy is planned anyway.");

    public static readonly DoubleProperty EvaluationMseTolerance = new(
        Prefix + "evaluation.file-size.mse-tolerance", 0, Group, "File-size mean squared error tolerated before optimizing is due.", above: 0, inclusive: true);

    public static readonly BoolProperty RowGroupMergeEnabled = new(
        Prefix + "rewrite.use-parquet-row-group-merge.enabled", false, Group, "Whether rewrites copy whole Parquet row groups when they can.");

    /// <summary>The older spelling of a self-optimizing key, or null for other keys.</summary>
    public static string? LegacyKeyOf(string key) =>
        key.StartsWith(Prefix, StringComparison.Ordinal) ? LegacyPrefix + key[Prefix.Length..] : null;
}
