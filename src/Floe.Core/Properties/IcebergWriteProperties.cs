namespace Floe.Core.Properties;

/// <summary>How data and delete files are written (Iceberg's <c>write.*</c> names and the Java library's defaults).</summary>
public static class IcebergWriteProperties
{
    public const string Group = "Iceberg writes";
    private const long MiB = 1024 * 1024;

    public static readonly LongProperty TargetFileSizeBytes = new(
        "write.target-file-size-bytes", 512 * MiB, Group, "Size at which data files roll over to a new file.", min: 1, unit: "bytes");

    public static readonly LongProperty DeleteTargetFileSizeBytes = new(
        "write.delete.target-file-size-bytes", 64 * MiB, Group, "Size at which delete files roll over to a new file.", min: 1, unit: "bytes");

    /// <summary>The codec of new Parquet files; new tables store <c>zstd</c> explicitly, as Iceberg's Java library does.</summary>
    public static readonly ChoiceProperty ParquetCompressionCodec = new(
        "write.parquet.compression-codec", "zstd", Group, "Compression of Parquet data and delete files (lz4 means LZ4_RAW).",
        "zstd", "snappy", "gzip", "lz4", "lz4_raw", "brotli", "uncompressed", "none");

    public static readonly OptionalIntProperty ParquetCompressionLevel = new(
        "write.parquet.compression-level", Group, "Codec level; the codec's own default when unset.");

    public static readonly LongProperty ParquetRowGroupSizeBytes = new(
        "write.parquet.row-group-size-bytes", 128 * MiB, Group, "Target size of a Parquet row group.", min: 1, unit: "bytes");

    public static readonly IntProperty ParquetPageSizeBytes = new(
        "write.parquet.page-size-bytes", 1024 * 1024, Group, "Target size of a Parquet data page.", min: 1, unit: "bytes");

    public static readonly IntProperty ParquetPageRowLimit = new(
        "write.parquet.page-row-limit", 20_000, Group, "Most rows in one Parquet data page.", min: 1);

    public static readonly IntProperty ParquetDictionarySizeBytes = new(
        "write.parquet.dict-size-bytes", 2 * 1024 * 1024, Group, "Largest dictionary page before a column falls back to plain encoding.", min: 1, unit: "bytes");

    public static readonly TextProperty DataPath = new(
        "write.data.path", null, Group, "Folder for new data files; `<location>/data` when unset. Must lie under the table location.", nonEmpty: true, what: "path");
}
