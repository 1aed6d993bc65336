using Floe.Avro.Binary;
using Floe.Common.Errors;
using Floe.Compression;

namespace Floe.Avro.Codecs.Zstandard;

/// <summary>Avro's <c>zstandard</c> codec through the system's <c>libzstd.so.1</c>.</summary>
public sealed class ZstandardCodec : AvroCodec
{
    public ZstandardCodec(int level = Zstd.DefaultLevel)
    {
        Level = level;
    }

    /// <summary>The compression level (1–22; 3 is zstd's default).</summary>
    public int Level { get; }

    public override string Name => "zstandard";

    /// <summary>True when libzstd can be loaded on this machine.</summary>
    public static bool IsAvailable => Zstd.IsAvailable;

    public override void Compress(ReadOnlySpan<byte> data, AvroBufferWriter output)
    {
        try
        {
            Zstd.Compress(data, output, Level);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            throw Missing(ex);
        }
    }

    public override void Decompress(ReadOnlySpan<byte> data, AvroBufferWriter output, int maxLength)
    {
        long produced;
        try
        {
            produced = Zstd.DecompressStreaming(data, output, maxLength);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            throw Missing(ex);
        }
        catch (CorruptDataException ex)
        {
            throw new AvroException($"zstd data is corrupt: {ex.Message}", ex);
        }

        if (produced < 0)
        {
            throw TooLarge(Name, maxLength);
        }
    }

    private static FloeException Missing(Exception inner) =>
        new(FloeErrorKind.Environment, "the zstandard codec needs the system library libzstd.so.1 (install libzstd1)", inner);
}
