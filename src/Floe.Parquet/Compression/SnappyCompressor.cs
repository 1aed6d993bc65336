using Floe.Compression;
using Floe.Parquet.Encodings;

namespace Floe.Parquet.Compression;

/// <summary>The SNAPPY codec: raw Snappy blocks, implemented in managed code.</summary>
internal sealed class SnappyCompressor : ICompressor
{
    public CompressionCodec Codec => CompressionCodec.Snappy;

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        try
        {
            int declared = SnappyBlockDecoder.ReadUncompressedLength(source, out int start);
            if (declared != destination.Length)
            {
                CompressionErrors.SizeMismatch(Codec, declared, destination.Length);
            }

            int produced = SnappyBlockDecoder.Decompress(source, start, destination);
            if (produced != destination.Length)
            {
                CompressionErrors.SizeMismatch(Codec, produced, destination.Length);
            }
        }
        catch (CorruptDataException ex)
        {
            CompressionErrors.Corrupt(Codec, ex.Message, ex);
        }
    }

    public int Compress(ReadOnlySpan<byte> source, PooledBuffer destination) => SnappyBlockEncoder.Compress(source, destination);
}
