namespace Floe.Parquet.Compression;

/// <summary>Page compression codecs, numbered exactly as the Thrift <c>CompressionCodec</c> enum of parquet.thrift.</summary>
public enum CompressionCodec
{
    Uncompressed = 0,
    Snappy = 1,
    Gzip = 2,
    Lzo = 3,
    Brotli = 4,

    /// <summary>The deprecated Hadoop-framed LZ4 codec; read only.</summary>
    Lz4 = 5,
    Zstd = 6,

    /// <summary>Raw LZ4 block format, no framing.</summary>
    Lz4Raw = 7,
}
