namespace Floe.Core.Properties;

/// <summary>
/// How scans are split into tasks (Iceberg's <c>read.split.*</c> names and defaults), and whether planning keeps decoded
/// manifests (Iceberg Java's <c>io.manifest.cache-enabled</c>, there a catalog property off by default).
/// </summary>
public static class IcebergReadProperties
{
    public const string Group = "Iceberg reads";

    public static readonly LongProperty SplitTargetSize = new(
        "read.split.target-size", 128L * 1024 * 1024, Group, "Target size of one scan task.", min: 1, unit: "bytes");

    public static readonly LongProperty SplitOpenFileCost = new(
        "read.split.open-file-cost", 4L * 1024 * 1024, Group, "Size a file counts for when tasks are packed, however small it is.", min: 1, unit: "bytes");

    public static readonly BoolProperty ManifestCacheEnabled = new(
        "io.manifest.cache-enabled", true, Group,
        "Whether scan planning keeps the table's decoded manifests in the process-wide manifest cache (bounded in bytes; manifests never change once written).");
}
