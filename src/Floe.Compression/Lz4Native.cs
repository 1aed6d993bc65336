using System.Runtime.InteropServices;

namespace Floe.Compression;

/// <summary>P/Invoke declarations for the system liblz4 (Debian package liblz4-1).</summary>
internal static unsafe partial class Lz4Native
{
    public const string Library = "liblz4.so.1";
    public const string DebianPackage = "liblz4-1";

    [LibraryImport(Library)]
    public static partial int LZ4_compress_default(byte* source, byte* destination, int sourceSize, int capacity);

    [LibraryImport(Library)]
    public static partial int LZ4_decompress_safe(byte* source, byte* destination, int compressedSize, int capacity);

    [LibraryImport(Library)]
    public static partial int LZ4_compressBound(int inputSize);

    /// <summary>Decompresses one raw LZ4 block; returns the bytes produced or a negative value for corrupt data.</summary>
    public static int DecompressBlock(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            return LZ4_decompress_safe(src, dst, source.Length, destination.Length);
        }
    }

    /// <summary>Compresses one raw LZ4 block into <paramref name="destination"/> (sized by LZ4_compressBound); returns its size.</summary>
    public static int CompressBlock(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            return LZ4_compress_default(src, dst, source.Length, destination.Length);
        }
    }
}
