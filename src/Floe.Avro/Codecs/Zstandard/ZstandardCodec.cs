using Floe.Avro.Binary;
using Floe.Common.Errors;

namespace Floe.Avro.Codecs.Zstandard;

/// <summary>Avro's <c>zstandard</c> codec through the system's <c>libzstd.so.1</c>.</summary>
public sealed class ZstandardCodec : AvroCodec
{
    public ZstandardCodec(int level = 3)
    {
        Level = level;
    }

    /// <summary>The compression level (1–22; 3 is zstd's default).</summary>
    public int Level { get; }

    public override string Name => "zstandard";

    /// <summary>True when libzstd can be loaded on this machine.</summary>
    public static bool IsAvailable
    {
        get
        {
            try
            {
                return ZstdNative.CompressBound(1) > 0;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                return false;
            }
        }
    }

    public override unsafe void Compress(ReadOnlySpan<byte> data, AvroBufferWriter output)
    {
        try
        {
            int bound = checked((int)ZstdNative.CompressBound((nuint)data.Length));
            Span<byte> target = output.GetSpan(bound);
            nuint written;
            fixed (byte* source = data)
            fixed (byte* destination = target)
            {
                written = ZstdNative.Compress(destination, (nuint)target.Length, source, (nuint)data.Length, Level);
            }

            if (ZstdNative.IsError(written) != 0)
            {
                throw new AvroException(FloeErrorKind.Unexpected, $"zstd compression failed: {ZstdNative.ErrorName(written)}");
            }

            output.Advance((int)written);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            throw Missing(ex);
        }
    }

    public override unsafe void Decompress(ReadOnlySpan<byte> data, AvroBufferWriter output, int maxLength)
    {
        nint stream;
        try
        {
            stream = ZstdNative.CreateDStream();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            throw Missing(ex);
        }

        if (stream == 0)
        {
            throw new OutOfMemoryException("zstd could not create a decompression stream");
        }

        try
        {
            ZstdNative.InitDStream(stream);
            int start = output.Length;
            fixed (byte* source = data)
            {
                var input = new ZstdNative.InBuffer { Source = source, Size = (nuint)data.Length, Position = 0 };
                nuint lastResult = 0;
                while (true)
                {
                    Span<byte> target = output.GetSpan(128 * 1024);
                    nuint produced;
                    fixed (byte* destination = target)
                    {
                        var outBuffer = new ZstdNative.OutBuffer { Destination = destination, Size = (nuint)target.Length, Position = 0 };
                        nuint consumedBefore = input.Position;
                        lastResult = ZstdNative.DecompressStream(stream, &outBuffer, &input);
                        if (ZstdNative.IsError(lastResult) != 0)
                        {
                            throw new AvroException($"zstd data is corrupt: {ZstdNative.ErrorName(lastResult)} (input offset {input.Position})");
                        }

                        produced = outBuffer.Position;
                        if (produced == 0 && input.Position == consumedBefore && input.Position >= input.Size)
                        {
                            break;
                        }
                    }

                    output.Advance((int)produced);
                    if (output.Length - start > maxLength)
                    {
                        throw TooLarge(Name, maxLength);
                    }

                    if (input.Position >= input.Size && produced < (nuint)target.Length && lastResult == 0)
                    {
                        break;
                    }
                }

                if (lastResult != 0)
                {
                    throw new AvroException("zstd data is truncated: the frame does not end");
                }
            }
        }
        finally
        {
            ZstdNative.FreeDStream(stream);
        }
    }

    private static FloeException Missing(Exception inner) =>
        new(FloeErrorKind.Environment, "the zstandard codec needs the system library libzstd.so.1 (install libzstd1)", inner);
}
