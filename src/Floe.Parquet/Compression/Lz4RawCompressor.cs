using Floe.Compression;
using Floe.Parquet.Encodings;

namespace Floe.Parquet.Compression;

/// <summary>The LZ4_RAW codec: one raw LZ4 block per page, through the system liblz4.</summary>
internal sealed class Lz4RawCompressor : ICompressor
{
    public Lz4RawCompressor() => NativeCodecLibrary.Require(Lz4Block.Library, Lz4Block.DebianPackage, CompressionErrors.Name(CompressionCodec.Lz4Raw));

    public CompressionCodec Codec => CompressionCodec.Lz4Raw;

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int n = Lz4Block.Decompress(source, destination);
        if (n < 0)
        {
            CompressionErrors.Corrupt(Codec, $"the LZ4 block is malformed (liblz4 error at input byte {-n - 1}).");
        }

        if (n != destination.Length)
        {
            CompressionErrors.SizeMismatch(Codec, n, destination.Length);
        }
    }

    public int Compress(ReadOnlySpan<byte> source, PooledBuffer destination) => Lz4Block.Compress(source, destination);
}
