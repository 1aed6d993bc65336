using System.Globalization;
using Floe.Common.Errors;
using Floe.Parquet.Compression;
using Floe.Parquet.Writing;

namespace Floe.Table.Data.Writing;

/// <summary>The table properties that shape data files, with their defaults (those of the Java library).</summary>
public static class DataWriteProperties
{
    public const string TargetFileSizeBytes = "write.target-file-size-bytes";
    public const long TargetFileSizeBytesDefault = 512L * 1024 * 1024;
    public const string DeleteTargetFileSizeBytes = "write.delete.target-file-size-bytes";
    public const long DeleteTargetFileSizeBytesDefault = 64L * 1024 * 1024;
    public const string CompressionCodec = "write.parquet.compression-codec";
    public const string CompressionLevel = "write.parquet.compression-level";
    public const string RowGroupSizeBytes = "write.parquet.row-group-size-bytes";
    public const string PageSizeBytes = "write.parquet.page-size-bytes";
    public const string PageRowLimit = "write.parquet.page-row-limit";
    public const string DictionarySizeBytes = "write.parquet.dict-size-bytes";
    public const string DataPath = "write.data.path";

    /// <summary>
    /// Parquet writer options from table properties. The codec defaults to zstd; <c>lz4</c> means LZ4_RAW, since
    /// the Hadoop LZ4 framing is deprecated.
    /// </summary>
    public static ParquetWriterOptions ParquetOptions(IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var defaults = new ParquetWriterOptions();
        return defaults with
        {
            Codec = properties.TryGetValue(CompressionCodec, out string? codec) ? ParseCodec(codec) : Parquet.Compression.CompressionCodec.Zstd,
            CompressionLevel = properties.TryGetValue(CompressionLevel, out string? level) ? ParseInt(CompressionLevel, level, 0) : null,
            RowGroupSizeBytes = Long(properties, RowGroupSizeBytes, defaults.RowGroupSizeBytes),
            PageSizeBytes = (int)Long(properties, PageSizeBytes, defaults.PageSizeBytes, int.MaxValue),
            PageRowLimit = (int)Long(properties, PageRowLimit, defaults.PageRowLimit, int.MaxValue),
            DictionaryPageSizeLimit = (int)Long(properties, DictionarySizeBytes, defaults.DictionaryPageSizeLimit, int.MaxValue),
        };
    }

    /// <summary>The size at which data files roll over (<c>write.target-file-size-bytes</c>).</summary>
    public static long TargetFileSize(IReadOnlyDictionary<string, string> properties) =>
        Long(properties, TargetFileSizeBytes, TargetFileSizeBytesDefault);

    /// <summary>The size at which delete files roll over (<c>write.delete.target-file-size-bytes</c>).</summary>
    public static long DeleteTargetFileSize(IReadOnlyDictionary<string, string> properties) =>
        Long(properties, DeleteTargetFileSizeBytes, DeleteTargetFileSizeBytesDefault);

    /// <summary>Parses a codec name as tables store it (<c>zstd</c>, <c>snappy</c>, <c>gzip</c>, <c>lz4</c>, <c>brotli</c>, <c>uncompressed</c>).</summary>
    public static CompressionCodec ParseCodec(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "zstd" => Parquet.Compression.CompressionCodec.Zstd,
            "snappy" => Parquet.Compression.CompressionCodec.Snappy,
            "gzip" => Parquet.Compression.CompressionCodec.Gzip,
            "lz4" or "lz4_raw" => Parquet.Compression.CompressionCodec.Lz4Raw,
            "brotli" => Parquet.Compression.CompressionCodec.Brotli,
            "uncompressed" or "none" => Parquet.Compression.CompressionCodec.Uncompressed,
            _ => throw new FloeException(
                FloeErrorKind.InvalidArgument,
                $"{CompressionCodec} '{name}' is not supported: use zstd, snappy, gzip, lz4, brotli or uncompressed"),
        };
    }

    private static long Long(IReadOnlyDictionary<string, string> properties, string key, long fallback, long max = long.MaxValue) =>
        properties.TryGetValue(key, out string? text) ? ParseLong(key, text, 1, max) : fallback;

    private static int ParseInt(string key, string text, int min) => (int)ParseLong(key, text, min, int.MaxValue);

    private static long ParseLong(string key, string text, long min, long max)
    {
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) || value < min || value > max)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"table property {key} must be an integer in [{min}, {max}], got '{text}'");
        }

        return value;
    }
}
