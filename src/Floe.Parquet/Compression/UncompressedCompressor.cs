using Floe.Parquet.Encodings;

namespace Floe.Parquet.Compression;

/// <summary>The UNCOMPRESSED codec: a checked copy.</summary>
internal sealed class UncompressedCompressor : ICompressor
{
    public CompressionCodec Codec => CompressionCodec.Uncompressed;

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Length != destination.Length)
        {
            CompressionErrors.SizeMismatch(Codec, source.Length, destination.Length);
        }

        source.CopyTo(destination);
    }

    public int Compress(ReadOnlySpan<byte> source, PooledBuffer destination)
    {
        destination.Write(source);
        return source.Length;
    }
}
