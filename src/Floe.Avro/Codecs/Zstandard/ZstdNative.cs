using System.Runtime.InteropServices;

namespace Floe.Avro.Codecs.Zstandard;

/// <summary>The parts of the system's libzstd that the codec uses.</summary>
internal static unsafe partial class ZstdNative
{
    private const string Library = "libzstd.so.1";

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

    [LibraryImport(Library, EntryPoint = "ZSTD_compressBound")]
    internal static partial nuint CompressBound(nuint sourceSize);

    [LibraryImport(Library, EntryPoint = "ZSTD_compress")]
    internal static partial nuint Compress(void* destination, nuint destinationCapacity, void* source, nuint sourceSize, int level);

    [LibraryImport(Library, EntryPoint = "ZSTD_isError")]
    internal static partial uint IsError(nuint code);

    [LibraryImport(Library, EntryPoint = "ZSTD_getErrorName")]
    internal static partial byte* GetErrorName(nuint code);

    [LibraryImport(Library, EntryPoint = "ZSTD_createDStream")]
    internal static partial nint CreateDStream();

    [LibraryImport(Library, EntryPoint = "ZSTD_freeDStream")]
    internal static partial nuint FreeDStream(nint stream);

    [LibraryImport(Library, EntryPoint = "ZSTD_initDStream")]
    internal static partial nuint InitDStream(nint stream);

    [LibraryImport(Library, EntryPoint = "ZSTD_decompressStream")]
    internal static partial nuint DecompressStream(nint stream, OutBuffer* output, InBuffer* input);

    internal static string ErrorName(nuint code) => Marshal.PtrToStringUTF8((nint)GetErrorName(code)) ?? "unknown error";
}
