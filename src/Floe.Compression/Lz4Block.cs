using System.Buffers;
using Floe.Common.Errors;

namespace Floe.Compression;

/// <summary>Raw LZ4 blocks through the system liblz4.</summary>
public static class Lz4Block
{
    public const string Library = Lz4Native.Library;
    public const string DebianPackage = Lz4Native.DebianPackage;

    /// <summary>Decompresses one block into <paramref name="destination"/>; returns the bytes produced or a negative value for corrupt data.</summary>
    public static int Decompress(ReadOnlySpan<byte> source, Span<byte> destination) => Lz4Native.DecompressBlock(source, destination);

    /// <summary>Appends the LZ4 block of <paramref name="source"/> to <paramref name="destination"/>; returns its size.</summary>
    public static int Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination)
    {
        int bound = Lz4Native.LZ4_compressBound(source.Length);
        if (bound <= 0)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"LZ4 cannot compress {source.Length} bytes in one block.");
        }

        int written = Lz4Native.CompressBlock(source, destination.GetSpan(bound));
        if (written <= 0)
        {
            throw new FloeException(FloeErrorKind.Unexpected, $"LZ4 compression of {source.Length} bytes failed.");
        }

        destination.Advance(written);
        return written;
    }
}
