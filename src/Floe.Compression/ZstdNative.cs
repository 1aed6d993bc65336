using System.Runtime.InteropServices;

namespace Floe.Compression;

/// <summary>P/Invoke declarations for the system libzstd (Debian package libzstd1).</summary>
internal static unsafe partial class ZstdNative
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct InBuffer
    {
        public void* Source;
        public nuint Size;
        public nuint Position;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct OutBuffer
    {
        public void* Destination;
        public nuint Size;
        public nuint Position;
    }

    public const string Library = "libzstd.so.1";
    public const string DebianPackage = "libzstd1";

    [LibraryImport(Library)]
    public static partial nint ZSTD_createCCtx();

    [LibraryImport(Library)]
    public static partial nuint ZSTD_freeCCtx(nint context);

    [LibraryImport(Library)]
    public static partial nint ZSTD_createDCtx();

    [LibraryImport(Library)]
    public static partial nuint ZSTD_freeDCtx(nint context);

    [LibraryImport(Library)]
    public static partial nuint ZSTD_compressCCtx(nint context, byte* destination, nuint capacity, byte* source, nuint sourceSize, int level);

    [LibraryImport(Library)]
    public static partial nuint ZSTD_decompressDCtx(nint context, byte* destination, nuint capacity, byte* source, nuint sourceSize);

    [LibraryImport(Library)]
    public static partial nuint ZSTD_initDStream(nint context);

    [LibraryImport(Library)]
    public static partial nuint ZSTD_decompressStream(nint context, OutBuffer* output, InBuffer* input);

    [LibraryImport(Library)]
    public static partial nuint ZSTD_compressBound(nuint sourceSize);

    [LibraryImport(Library)]
    public static partial uint ZSTD_isError(nuint code);

    [LibraryImport(Library)]
    public static partial byte* ZSTD_getErrorName(nuint code);

    [LibraryImport(Library)]
    public static partial int ZSTD_minCLevel();

    [LibraryImport(Library)]
    public static partial int ZSTD_maxCLevel();

    public static string ErrorName(nuint code) => Marshal.PtrToStringUTF8((nint)ZSTD_getErrorName(code)) ?? "unknown error";
}
