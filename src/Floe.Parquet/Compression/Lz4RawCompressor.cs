using Floe.Common.Errors;
using Floe.Parquet.Encodings;

namespace Floe.Parquet.Compression;

/// <summary>The LZ4_RAW codec: one raw LZ4 block per page, through the system liblz4.</summary>
internal sealed class Lz4RawCompressor : ICompressor
{
    public Lz4RawCompressor() => NativeCodecLibrary.Require(Lz4Native.Library, Lz4Native.DebianPackage, CompressionCodec.Lz4Raw);

    public CompressionCodec Codec => CompressionCodec.Lz4Raw;

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int n = Lz4Native.DecompressBlock(source, destination);
        if (n < 0)
        {
            CompressionErrors.Corrupt(Codec, $"the LZ4 block is malformed (liblz4 error at input byte {-n - 1}).");
        }

        if (n != destination.Length)
        {
            CompressionErrors.SizeMismatch(Codec, n, destination.Length);
        }
    }

    public int Compress(ReadOnlySpan<byte> source, PooledBuffer destination) => CompressBlock(source, destination);

    internal static int CompressBlock(ReadOnlySpan<byte> source, PooledBuffer destination)
    {
        int bound = Lz4Native.LZ4_compressBound(source.Length);
        if (bound <= 0)
        {
            throw new ParquetException(FloeErrorKind.InvalidArgument, $"LZ4 cannot compress {source.Length} bytes in one block.");
        }

        int written = Lz4Native.CompressBlock(source, destination.GetSpan(bound));
        if (written <= 0)
        {
            throw new ParquetException(FloeErrorKind.Unexpected, $"LZ4 compression of {source.Length} bytes failed.");
        }

        destination.Advance(written);
        return written;
    }
}
