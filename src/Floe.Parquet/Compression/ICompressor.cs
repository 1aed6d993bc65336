using Floe.Parquet.Encodings;

namespace Floe.Parquet.Compression;

/// <summary>
/// One page compression codec. Instances come from <see cref="Compressors"/> and are safe to share between threads.
/// </summary>
public interface ICompressor
{
    /// <summary>The codec this instance implements.</summary>
    CompressionCodec Codec { get; }

    /// <summary>
    /// Decompresses <paramref name="source"/> into exactly <c>destination.Length</c> bytes (the uncompressed size the
    /// page header records). Corrupt data, or data that decompresses to a different size, throws
    /// <see cref="ParquetException"/> naming the codec; nothing is ever written past <paramref name="destination"/>.
    /// </summary>
    void Decompress(ReadOnlySpan<byte> source, Span<byte> destination);

    /// <summary>Appends the compressed form of <paramref name="source"/> to <paramref name="destination"/>; returns the compressed size.</summary>
    int Compress(ReadOnlySpan<byte> source, PooledBuffer destination);
}
