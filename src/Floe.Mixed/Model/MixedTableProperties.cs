using System.Globalization;
using Floe.Common.Errors;
using Floe.Core.Metadata;

namespace Floe.Mixed.Model;

/// <summary>The table properties that mark and shape a primary-key table's stores (Amoro's names).</summary>
public static class MixedTableProperties
{
    /// <summary>Marks both stores as parts of a mixed table.</summary>
    public const string TableFormat = "table-format";
    public const string MixedIcebergFormat = "MIXED_ICEBERG";

    /// <summary>Which store a metadata file describes: <see cref="BaseStore"/> or <see cref="ChangeStore"/>.</summary>
    public const string TableStore = "mixed-format.table-store";
    public const string BaseStore = "base";
    public const string ChangeStore = "change";

    /// <summary>The key column names, comma-joined in key order.</summary>
    public const string PrimaryKeyFields = "mixed-format.primary-key-fields";

    /// <summary>Number of base buckets (a power of two).</summary>
    public const string BaseHashBucket = "base.file-index.hash-bucket";

    /// <summary>Number of change buckets (a power of two).</summary>
    public const string ChangeHashBucket = "change.file-index.hash-bucket";
    public const int HashBucketDefault = 4;

    /// <summary>Snapshot summary key of base snapshots written by optimizing: per partition, the last transaction merged.</summary>
    public const string OptimizedSequence = "mixed-format.optimized-sequence";

    /// <summary>Snapshot summary key naming what produced a base snapshot.</summary>
    public const string SnapshotProducer = "snapshot.producer";
    public const string OptimizeProducer = "OPTIMIZE";

    /// <summary>
    /// Whether full optimizing splits a base bucket node whose files outgrow the target file size into child nodes, and
    /// merges child nodes back (never above the configured bucket count) when they shrink under half of it.
    /// </summary>
    public const string BaseAutoBucket = "base.file-index.auto-bucket.enabled";
    public const bool BaseAutoBucketDefault = true;

    /// <summary>How long change files are kept once optimized, in minutes.</summary>
    public const string ChangeDataTtlMinutes = "change.data.ttl.minutes";
    public const long ChangeDataTtlMinutesDefault = 10080;

    /// <summary>Whether the metadata is a store of a primary-key table.</summary>
    public static bool IsMixed(TableMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return string.Equals(metadata.Property(TableFormat), MixedIcebergFormat, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The bucket count of a store from its property, checked to be a power of two.</summary>
    public static int Buckets(TableMetadata metadata, string property)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        string? text = metadata.Property(property);
        return text is null ? HashBucketDefault : ParseBuckets(property, text);
    }

    /// <summary>Parses a bucket count: a power of two from 1 to 2^16.</summary>
    public static int ParseBuckets(string property, string text)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int buckets) || !IsValidBuckets(buckets))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"{property} must be a power of two from 1 to 65536, got '{text}'.");
        }

        return buckets;
    }

    /// <summary>Whether auto-bucketing is on in <paramref name="properties"/> (a base store's).</summary>
    public static bool AutoBucket(IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        if (!properties.TryGetValue(BaseAutoBucket, out string? text))
        {
            return BaseAutoBucketDefault;
        }

        return bool.TryParse(text, out bool enabled)
            ? enabled
            : throw new FloeException(FloeErrorKind.InvalidArgument, $"{BaseAutoBucket} must be true or false, got '{text}'.");
    }

    /// <summary>The change-store TTL in minutes from <paramref name="properties"/>: a whole number from 0.</summary>
    public static long ChangeDataTtl(IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        if (!properties.TryGetValue(ChangeDataTtlMinutes, out string? text))
        {
            return ChangeDataTtlMinutesDefault;
        }

        // Bounded so that the TTL in milliseconds cannot overflow.
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long minutes) && minutes is >= 0 and <= long.MaxValue / 120_000
            ? minutes
            : throw new FloeException(FloeErrorKind.InvalidArgument, $"{ChangeDataTtlMinutes} must be a whole number of minutes from 0, got '{text}'.");
    }

    public static bool IsValidBuckets(int buckets) => buckets is >= 1 and <= 65536 && int.IsPow2(buckets);
}
