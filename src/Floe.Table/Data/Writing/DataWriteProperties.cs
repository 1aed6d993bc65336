using Floe.Core.Properties;
using Floe.Parquet.Compression;
using Floe.Parquet.Writing;

namespace Floe.Table.Data.Writing;

/// <summary>Data file settings from the table properties declared in <see cref="IcebergWriteProperties"/>.</summary>
public static class DataWriteProperties
{
    /// <summary>
    /// Parquet writer options from table properties. The codec defaults to zstd; <c>lz4</c> means LZ4_RAW, since
    /// the Hadoop LZ4 framing is deprecated.
    /// </summary>
    public static ParquetWriterOptions ParquetOptions(IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return new ParquetWriterOptions
        {
            Codec = ParseCodec(IcebergWriteProperties.ParquetCompressionCodec.Read(properties)),
            CompressionLevel = IcebergWriteProperties.ParquetCompressionLevel.Read(properties),
            RowGroupSizeBytes = IcebergWriteProperties.ParquetRowGroupSizeBytes.Read(properties),
            PageSizeBytes = IcebergWriteProperties.ParquetPageSizeBytes.Read(properties),
            PageRowLimit = IcebergWriteProperties.ParquetPageRowLimit.Read(properties),
            DictionaryPageSizeLimit = IcebergWriteProperties.ParquetDictionarySizeBytes.Read(properties),
        };
    }

    /// <summary>The size at which data files roll over (<c>write.target-file-size-bytes</c>).</summary>
    public static long TargetFileSize(IReadOnlyDictionary<string, string> properties) =>
        IcebergWriteProperties.TargetFileSizeBytes.Read(properties);

    /// <summary>The size at which delete files roll over (<c>write.delete.target-file-size-bytes</c>).</summary>
    public static long DeleteTargetFileSize(IReadOnlyDictionary<string, string> properties) =>
        IcebergWriteProperties.DeleteTargetFileSizeBytes.Read(properties);

    /// <summary>Parses a codec name as tables store it (<c>zstd</c>, <c>snappy</c>, <c>gzip</c>, <c>lz4</c>, <c>brotli</c>, <c>uncompressed</c>).</summary>
    public static CompressionCodec ParseCodec(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return IcebergWriteProperties.ParquetCompressionCodec.Parse(IcebergWriteProperties.ParquetCompressionCodec.Key, name) switch
        {
            "zstd" => CompressionCodec.Zstd,
            "snappy" => CompressionCodec.Snappy,
            "gzip" => CompressionCodec.Gzip,
            "lz4" or "lz4_raw" => CompressionCodec.Lz4Raw,
            "brotli" => CompressionCodec.Brotli,
            "uncompressed" or "none" => CompressionCodec.Uncompressed,
            string other => throw new System.Diagnostics.UnreachableException($"Codec '{other}' is declared but has no Parquet mapping."),
        };
    }
}
