namespace Floe.Core.Properties;

/// <summary>The properties that mark and shape a primary-key table's base and change stores (Amoro's names).</summary>
public static class PrimaryKeyProperties
{
    public const string Group = "Primary-key tables";

    public static readonly TextProperty TableFormat = new(
        "table-format", null, Group, "`MIXED_ICEBERG` on both stores of a primary-key table.");

    public static readonly TextProperty TableStore = new(
        "mixed-format.table-store", null, Group, "Which store of a primary-key table the metadata describes: `base` or `change`.");

    public static readonly TextProperty PrimaryKeyFields = new(
        "mixed-format.primary-key-fields", null, Group, "The key column names, comma-joined in key order.", nonEmpty: true, what: "column list");

    public static readonly BucketCountProperty BaseHashBucket = new(
        "base.file-index.hash-bucket", 4, Group, "Number of base-store buckets rows are hashed into by key.");

    public static readonly BucketCountProperty ChangeHashBucket = new(
        "change.file-index.hash-bucket", 4, Group, "Number of change-store buckets rows are hashed into by key.");

    public static readonly BoolProperty BaseAutoBucket = new(
        "base.file-index.auto-bucket.enabled", true, Group,
        "Whether optimizing splits base buckets that outgrow the target size and merges ones holding under half of it (a small partition down to one file).");

    /// <summary>Bounded so that the TTL in milliseconds cannot overflow.</summary>
    public static readonly LongProperty ChangeDataTtlMinutes = new(
        "change.data.ttl.minutes", 10080, Group, "How long change files are kept once optimized.", max: long.MaxValue / 120_000, unit: "minutes");
}
