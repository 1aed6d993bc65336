using System.Buffers;
using Floe.Common.Errors;

namespace Floe.Compression;

/// <summary>
/// Zstandard through the system libzstd. Each thread reuses one compression and one decompression context, so
/// steady-state compression allocates nothing. A missing library surfaces as <see cref="DllNotFoundException"/>;
/// callers check <see cref="NativeCodecLibrary.Require"/> first or map it to their own message.
/// </summary>
public static unsafe class Zstd
{
    public const string Library = ZstdNative.Library;
    public const string DebianPackage = ZstdNative.DebianPackage;

    /// <summary>zstd's own default level.</summary>
    public const int DefaultLevel = 3;

    [ThreadStatic]
    private static ZstdCompressionContext? s_compression;

    [ThreadStatic]
    private static ZstdDecompressionContext? s_decompression;

    public static int MinLevel => ZstdNative.ZSTD_minCLevel();

    public static int MaxLevel => ZstdNative.ZSTD_maxCLevel();

    /// <summary>True when libzstd can be loaded on this machine.</summary>
    public static bool IsAvailable
    {
        get
        {
            try
            {
                return ZstdNative.ZSTD_compressBound(1) > 0;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                return false;
            }
        }
    }

    /// <summary>Appends one zstd frame holding <paramref name="source"/> to <paramref name="destination"/>; returns its size.</summary>
    public static int Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int level)
    {
        nuint bound = ZstdNative.ZSTD_compressBound((nuint)source.Length);
        if (bound > (nuint)Array.MaxLength)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"ZSTD cannot compress {source.Length} bytes in one frame.");
        }

        ZstdCompressionContext context = s_compression ??= new ZstdCompressionContext();
        Span<byte> span = destination.GetSpan((int)bound);
        nuint result;
        fixed (byte* src = source)
        fixed (byte* dst = span)
        {
            result = ZstdNative.ZSTD_compressCCtx(context.DangerousGetHandle(), dst, (nuint)span.Length, src, (nuint)source.Length, level);
        }

        GC.KeepAlive(context);
        if (ZstdNative.ZSTD_isError(result) != 0)
        {
            throw new FloeException(FloeErrorKind.Unexpected, $"ZSTD compression failed: {ZstdNative.ErrorName(result)}.");
        }

        destination.Advance((int)result);
        return (int)result;
    }

    /// <summary>
    /// Decompresses the frames of <paramref name="source"/> into <paramref name="destination"/>; returns the bytes
    /// produced, or -1 when they do not fit.
    /// </summary>
    /// <exception cref="CorruptDataException">The data is not valid zstd.</exception>
    public static long Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
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
                return -1;
            }

            throw new CorruptDataException(name + ".");
        }

        return (long)result;
    }

    /// <summary>
    /// Decompresses the frames of <paramref name="source"/>, whose decompressed size is not known in advance, onto
    /// <paramref name="output"/>; returns the bytes appended, or -1 as soon as they exceed <paramref name="maxLength"/>.
    /// </summary>
    /// <exception cref="CorruptDataException">The data is not valid zstd or its last frame is cut short.</exception>
    public static long DecompressStreaming(ReadOnlySpan<byte> source, IBufferWriter<byte> output, int maxLength)
    {
        ZstdDecompressionContext context = s_decompression ??= new ZstdDecompressionContext();
        nint stream = context.DangerousGetHandle();
        ZstdNative.ZSTD_initDStream(stream);
        long total = 0;
        nuint lastResult = 0;
        fixed (byte* src = source)
        {
            var input = new ZstdNative.InBuffer { Source = src, Size = (nuint)source.Length, Position = 0 };
            while (true)
            {
                Span<byte> target = output.GetSpan(128 * 1024);
                nuint produced;
                fixed (byte* dst = target)
                {
                    var outBuffer = new ZstdNative.OutBuffer { Destination = dst, Size = (nuint)target.Length, Position = 0 };
                    nuint consumedBefore = input.Position;
                    lastResult = ZstdNative.ZSTD_decompressStream(stream, &outBuffer, &input);
                    if (ZstdNative.ZSTD_isError(lastResult) != 0)
                    {
                        throw new CorruptDataException($"{ZstdNative.ErrorName(lastResult)} (input byte {input.Position}).");
                    }

                    produced = outBuffer.Position;
                    if (produced == 0 && input.Position == consumedBefore && input.Position >= input.Size)
                    {
                        break;
                    }
                }

                output.Advance((int)produced);
                total += (long)produced;
                if (total > maxLength)
                {
                    return -1;
                }

                if (input.Position >= input.Size && produced < (nuint)target.Length && lastResult == 0)
                {
                    break;
                }
            }
        }

        GC.KeepAlive(context);
        if (lastResult != 0)
        {
            throw new CorruptDataException("the data ends inside a frame.");
        }

        return total;
    }
}
