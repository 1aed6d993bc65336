using Floe.Common.Threading;
using Floe.Parquet.Compression;

namespace Floe.Parquet.Writing;

/// <summary>
/// Settings of a <see cref="ParquetFileWriter"/>. The defaults follow Apache Iceberg's Parquet write properties:
/// ZSTD pages, 128 MiB row groups, 1 MiB pages of at most 20,000 rows, and a 2 MiB dictionary page limit.
/// </summary>
public sealed record ParquetWriterOptions
{
    /// <summary>Page compression codec (write.parquet.compression-codec).</summary>
    public CompressionCodec Codec { get; init; } = CompressionCodec.Zstd;

    /// <summary>Codec level; null for the codec's default (write.parquet.compression-level).</summary>
    public int? CompressionLevel { get; init; }

    /// <summary>Target size of a row group's encoded pages (write.parquet.row-group-size-bytes).</summary>
    public long RowGroupSizeBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>Target size of a data page before compression (write.parquet.page-size-bytes).</summary>
    public int PageSizeBytes { get; init; } = 1024 * 1024;

    /// <summary>Most rows (records) in one data page (write.parquet.page-row-limit).</summary>
    public int PageRowLimit { get; init; } = 20_000;

    /// <summary>Dictionary size past which a column falls back to PLAIN (write.parquet.dict-size-bytes).</summary>
    public int DictionaryPageSizeLimit { get; init; } = 2 * 1024 * 1024;

    /// <summary>Whether dictionary encoding is tried for columns left at <see cref="ColumnEncoding.Default"/>.</summary>
    public bool EnableDictionary { get; init; } = true;

    /// <summary>DATA_PAGE (v1, the default) or DATA_PAGE_V2.</summary>
    public DataPageVersion DataPageVersion { get; init; } = DataPageVersion.V1;

    /// <summary>
    /// Encodings per leaf column, keyed by the dotted column path (e.g. <c>"payload.tags.list.element"</c>) or by
    /// the top-level column name for a flat column.
    /// </summary>
    public IReadOnlyDictionary<string, ColumnEncoding> ColumnEncodings { get; init; } = new Dictionary<string, ColumnEncoding>();

    /// <summary>Whether column chunks carry statistics (min, max, null count).</summary>
    public bool WriteStatistics { get; init; } = true;

    /// <summary>Longest min/max kept for byte-string columns; longer bounds are truncated to stay valid bounds.</summary>
    public int MaxStatisticsSize { get; init; } = 64;

    /// <summary>
    /// Whether every page header carries the CRC-32 of the page's stored bytes (parquet-java's
    /// parquet.page.write-checksum.enabled), so readers can detect a corrupt page instead of decoding wrong values.
    /// </summary>
    public bool WritePageChecksums { get; init; } = true;

    /// <summary>Key-value metadata of the footer (Iceberg stores its schema under <c>iceberg.schema</c>).</summary>
    public IReadOnlyDictionary<string, string> KeyValueMetadata { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Most columns encoded and compressed at once, each on its own thread, while a batch is written and a row group
    /// closed. 1 (the default) encodes on the caller's thread only: the right choice when the caller already runs one
    /// writer per core. The file's bytes are the same whatever the value.
    /// </summary>
    public int EncodingParallelism { get; init; } = 1;

    /// <summary>
    /// Threads this writer shares with others (null: none shared). The writer's own thread always encodes; for each
    /// batch and row group it borrows up to <see cref="EncodingParallelism"/> − 1 more of the budget's idle threads and
    /// gives them back when those columns are done, so writers on one budget keep no more threads busy than it holds.
    /// </summary>
    public ThreadBudget? EncodingThreads { get; init; }

    /// <summary>The footer's created_by string.</summary>
    public string CreatedBy { get; init; } = DefaultCreatedBy;

    /// <summary><c>Floe version X</c>, from the assembly version.</summary>
    public static string DefaultCreatedBy { get; } =
        $"Floe version {typeof(ParquetWriterOptions).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"}";

    internal void Validate()
    {
        Check(RowGroupSizeBytes > 0, nameof(RowGroupSizeBytes));
        Check(PageSizeBytes > 0, nameof(PageSizeBytes));
        Check(PageRowLimit > 0, nameof(PageRowLimit));
        Check(DictionaryPageSizeLimit > 0, nameof(DictionaryPageSizeLimit));
        Check(MaxStatisticsSize > 0, nameof(MaxStatisticsSize));
        Check(EncodingParallelism > 0, nameof(EncodingParallelism));
        Check(DataPageVersion is DataPageVersion.V1 or DataPageVersion.V2, nameof(DataPageVersion));
        if (Codec is CompressionCodec.Lz4 or CompressionCodec.Lzo)
        {
            throw new ParquetException(
                Common.Errors.FloeErrorKind.Unsupported,
                $"the writer does not produce {Codec} pages (deprecated codec); use LZ4_RAW, ZSTD or SNAPPY");
        }
    }

    private static void Check(bool valid, string name)
    {
        if (!valid)
        {
            throw new ParquetException(Common.Errors.FloeErrorKind.InvalidArgument, $"writer option {name} is out of range");
        }
    }
}
