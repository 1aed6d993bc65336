using System.Globalization;
using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Properties;

namespace Floe.PrimaryKeys.Model;

/// <summary>
/// Values and snapshot summary keys of primary-key tables (Amoro's names). The table properties themselves are
/// declared in <see cref="PrimaryKeyProperties"/>; the members below that read them are shorthands for those declarations.
/// </summary>
public static class PrimaryKeyTableProperties
{
    /// <summary>The <see cref="PrimaryKeyProperties.TableFormat"/> value of both stores of a mixed table.</summary>
    public const string MixedIcebergFormat = "MIXED_ICEBERG";

    /// <summary>The <see cref="PrimaryKeyProperties.TableStore"/> values.</summary>
    public const string BaseStore = "base";
    public const string ChangeStore = "change";

    /// <summary>Snapshot summary key of base snapshots written by optimizing: per partition, the last transaction merged.</summary>
    public const string OptimizedSequence = "mixed-format.optimized-sequence";

    /// <summary>Snapshot summary key naming what produced a base snapshot.</summary>
    public const string SnapshotProducer = "snapshot.producer";
    public const string OptimizeProducer = "OPTIMIZE";

    /// <summary>The key of <see cref="PrimaryKeyProperties.BaseHashBucket"/>.</summary>
    public static string BaseHashBucket => PrimaryKeyProperties.BaseHashBucket.Key;

    /// <summary>The key of <see cref="PrimaryKeyProperties.ChangeHashBucket"/>.</summary>
    public static string ChangeHashBucket => PrimaryKeyProperties.ChangeHashBucket.Key;

    /// <summary>Whether the metadata is a store of a primary-key table.</summary>
    public static bool IsPrimaryKey(TableMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return string.Equals(metadata.Settings.Get(PrimaryKeyProperties.TableFormat), MixedIcebergFormat, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The bucket count of a store from its property.</summary>
    public static int Buckets(TableMetadata metadata, BucketCountProperty property)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.Settings.Get(property);
    }

    /// <summary>Parses a bucket count given as <paramref name="name"/> (a command option): a power of two from 1 to 2^16.</summary>
    public static int ParseBuckets(string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int buckets) && IsValidBuckets(buckets)
            ? buckets
            : throw new FloeException(FloeErrorKind.InvalidArgument, $"{name} must be {PrimaryKeyProperties.BaseHashBucket.Allowed}, got '{text}'.");

    /// <summary>Whether auto-bucketing is on in <paramref name="properties"/> (a base store's).</summary>
    public static bool AutoBucket(IReadOnlyDictionary<string, string> properties) => PrimaryKeyProperties.BaseAutoBucket.Read(properties);

    /// <summary>The change-store TTL in minutes from <paramref name="properties"/>.</summary>
    public static long ChangeDataTtl(IReadOnlyDictionary<string, string> properties) => PrimaryKeyProperties.ChangeDataTtlMinutes.Read(properties);

    public static bool IsValidBuckets(int buckets) => BucketCountProperty.IsValid(buckets);
}
