namespace Floe.Core.Properties;

/// <summary>Which column metrics data files record in manifests (Iceberg's <c>write.metadata.metrics.*</c>).</summary>
public static class MetricsProperties
{
    public const string Group = "Column metrics";

    public static readonly MetricsModeProperty DefaultMode = new(
        "write.metadata.metrics.default", Group,
        "Metrics mode of every column; unset, the first max-inferred-column-defaults columns get truncate(16) and the rest none.");

    public static readonly MetricsModeProperty ColumnMode = new(
        "write.metadata.metrics.column.", Group, "Metrics mode of one column, named after the prefix (overrides the default).")
    {
        IsPrefix = true,
    };

    public static readonly IntProperty MaxInferredColumnDefaults = new(
        "write.metadata.metrics.max-inferred-column-defaults", 100, Group, "How many leading columns get metrics when no default mode is set.");
}
