using Floe.Parquet.Encodings;

namespace Floe.Parquet.Compression;

/// <summary>The SNAPPY codec: raw Snappy blocks, implemented in managed code.</summary>
internal sealed class SnappyCompressor : ICompressor
{
    public CompressionCodec Codec => CompressionCodec.Snappy;

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination) => SnappyBlockDecoder.Decompress(source, destination);

    public int Compress(ReadOnlySpan<byte> source, PooledBuffer destination) => SnappyBlockEncoder.Compress(source, destination);
}
