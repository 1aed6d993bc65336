using Floe.Common.Errors;
using Floe.Parquet.Encodings;

namespace Floe.Parquet.Compression;

/// <summary>
/// The ZSTD codec through the system libzstd. Each thread reuses one compression and one decompression context,
/// so steady-state page compression allocates nothing.
/// </summary>
internal sealed unsafe class ZstdCompressor : ICompressor
{
    /// <summary>The level used when none is given (zstd's own default).</summary>
    public const int DefaultLevel = 3;

    [ThreadStatic]
    private static ZstdCompressionContext? s_compression;

    [ThreadStatic]
    private static ZstdDecompressionContext? s_decompression;

    private readonly int _level;

    public ZstdCompressor(int level)
    {
        NativeCodecLibrary.Require(ZstdNative.Library, ZstdNative.DebianPackage, CompressionCodec.Zstd);
        int min = ZstdNative.ZSTD_minCLevel();
        int max = ZstdNative.ZSTD_maxCLevel();
        if (level < min || level > max)
        {
            throw new ParquetException(FloeErrorKind.InvalidArgument, $"ZSTD level {level} is outside {min}..{max}.");
        }

        _level = level;
    }

    public CompressionCodec Codec => CompressionCodec.Zstd;

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ZstdDecompressionContext context = s_decompression ??= new ZstdDecompressionContext();
        nuint result;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            result = ZstdNative.ZSTD_decompressDCtx(context.DangerousGetHandle(), dst, (nuint)destination.Length, src, (nuint)source.Length);
        }

        GC.KeepAlive(context);
        if (ZstdNative.ZSTD_isError(result) != 0)
        {
            string name = ZstdNative.ErrorName(result);
            if (name.Contains("too small", StringComparison.OrdinalIgnoreCase))
            {
                CompressionErrors.SizeMismatch(Codec, -1, destination.Length);
            }

            CompressionErrors.Corrupt(Codec, name + ".");
        }

        if (result != (nuint)destination.Length)
        {
            CompressionErrors.SizeMismatch(Codec, (long)result, destination.Length);
        }
    }

    public int Compress(ReadOnlySpan<byte> source, PooledBuffer destination)
    {
        ZstdCompressionContext context = s_compression ??= new ZstdCompressionContext();
        nuint bound = ZstdNative.ZSTD_compressBound((nuint)source.Length);
        if (bound > (nuint)Array.MaxLength)
        {
            throw new ParquetException(FloeErrorKind.InvalidArgument, $"ZSTD cannot compress {source.Length} bytes in one frame.");
        }

        Span<byte> span = destination.GetSpan((int)bound);
        nuint result;
        fixed (byte* src = source)
        fixed (byte* dst = span)
        {
            result = ZstdNative.ZSTD_compressCCtx(context.DangerousGetHandle(), dst, (nuint)span.Length, src, (nuint)source.Length, _level);
        }

        GC.KeepAlive(context);
        if (ZstdNative.ZSTD_isError(result) != 0)
        {
            throw new ParquetException(FloeErrorKind.Unexpected, $"ZSTD compression failed: {ZstdNative.ErrorName(result)}.");
        }

        destination.Advance((int)result);
        return (int)result;
    }
}
