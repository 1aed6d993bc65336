using Floe.Common.Errors;
using Floe.Compression;
using Floe.Parquet.Encodings;

namespace Floe.Parquet.Compression;

/// <summary>The ZSTD codec through the shared libzstd binding and its per-thread contexts.</summary>
internal sealed class ZstdCompressor : ICompressor
{
    /// <summary>The level used when none is given (zstd's own default).</summary>
    public const int DefaultLevel = Zstd.DefaultLevel;

    private readonly int _level;

    public ZstdCompressor(int level)
    {
        NativeCodecLibrary.Require(Zstd.Library, Zstd.DebianPackage, CompressionErrors.Name(CompressionCodec.Zstd));
        int min = Zstd.MinLevel;
        int max = Zstd.MaxLevel;
        if (level < min || level > max)
        {
            throw new ParquetException(FloeErrorKind.InvalidArgument, $"ZSTD level {level} is outside {min}..{max}.");
        }

        _level = level;
    }

    public CompressionCodec Codec => CompressionCodec.Zstd;

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        long result = 0;
        try
        {
            result = Zstd.Decompress(source, destination);
        }
        catch (CorruptDataException ex)
        {
            CompressionErrors.Corrupt(Codec, ex.Message, ex);
        }

        if (result != destination.Length)
        {
            CompressionErrors.SizeMismatch(Codec, result, destination.Length);
        }
    }

    public int Compress(ReadOnlySpan<byte> source, PooledBuffer destination) => Zstd.Compress(source, destination, _level);
}
