namespace Floe.Core.Metadata;

/// <summary>Table property names and defaults the model itself uses.</summary>
public static class TableProperties
{
    public const string ParquetCompression = "write.parquet.compression-codec";
    public const string ParquetCompressionForNewTables = "zstd";
    public const string MetadataPreviousVersionsMax = "write.metadata.previous-versions-max";
    public const int MetadataPreviousVersionsMaxDefault = 100;

    /// <summary>Whether a commit deletes the metadata files that fell out of metadata-log (Iceberg's default: false).</summary>
    public const string MetadataDeleteAfterCommit = "write.metadata.delete-after-commit.enabled";
    public const string FormatVersion = "format-version";

    /// <summary>Properties that control create and update requests and are never stored.</summary>
    public static IReadOnlySet<string> Reserved { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "format-version", "uuid", "snapshot-count", "current-snapshot-id", "current-snapshot-summary",
        "current-snapshot-timestamp-ms", "current-schema", "default-partition-spec", "default-sort-order",
    };
}
