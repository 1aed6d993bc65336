using System.Diagnostics.CodeAnalysis;

namespace Floe.Parquet.Compression;

/// <summary>Uniform messages for corrupt compressed pages.</summary>
internal static class CompressionErrors
{
    [DoesNotReturn]
    public static void Corrupt(CompressionCodec codec, string detail, Exception? inner = null) =>
        throw new ParquetException($"{Name(codec)} compressed page is corrupt: {detail}", inner);

    [DoesNotReturn]
    public static void SizeMismatch(CompressionCodec codec, long actual, int expected) =>
        throw new ParquetException(
            $"{Name(codec)} compressed page is corrupt: it decompresses to {(actual < 0 ? "more than " + expected : actual.ToString())} bytes, but the page header says {expected}.");

    public static string Name(CompressionCodec codec) => codec switch
    {
        CompressionCodec.Lz4Raw => "LZ4_RAW",
        _ => codec.ToString().ToUpperInvariant(),
    };
}
