using Floe.Common.Errors;

namespace Floe.Parquet.Compression;

/// <summary>
/// Entry point of the compression layer: <see cref="Get"/> returns the shared default instance for a codec and
/// <see cref="Create"/> one with an explicit level (ZSTD: zstd levels, default 3; GZIP: zlib levels 0..9, default 6;
/// BROTLI: quality 0..11, default 5; the other codecs have no level).
/// LZO is not supported and raises <see cref="ParquetException"/> of kind <see cref="FloeErrorKind.Unsupported"/>;
/// a missing native library (ZSTD, LZ4, LZ4_RAW) raises <see cref="FloeException"/> of kind
/// <see cref="FloeErrorKind.Environment"/>.
/// </summary>
public static class Compressors
{
    private static readonly ICompressor?[] Shared = new ICompressor?[8];

    /// <summary>The shared instance of <paramref name="codec"/> at its default level.</summary>
    public static ICompressor Get(CompressionCodec codec)
    {
        if ((uint)codec < (uint)Shared.Length && Shared[(int)codec] is { } cached)
        {
            return cached;
        }

        ICompressor created = Create(codec, level: null);
        Shared[(int)codec] = created;
        return created;
    }

    /// <summary>A new instance of <paramref name="codec"/>; <paramref name="level"/> null means the codec's default.</summary>
    public static ICompressor Create(CompressionCodec codec, int? level) => codec switch
    {
        CompressionCodec.Uncompressed => new UncompressedCompressor(),
        CompressionCodec.Snappy => new SnappyCompressor(),
        CompressionCodec.Gzip => new GzipCompressor(CheckRange(level ?? GzipCompressor.DefaultLevel, 0, 9, codec)),
        CompressionCodec.Brotli => new BrotliCompressor(CheckRange(level ?? BrotliCompressor.DefaultQuality, 0, 11, codec)),
        CompressionCodec.Zstd => new ZstdCompressor(level ?? ZstdCompressor.DefaultLevel),
        CompressionCodec.Lz4Raw => new Lz4RawCompressor(),
        CompressionCodec.Lz4 => new Lz4HadoopCompressor(),
        CompressionCodec.Lzo => throw new ParquetException(FloeErrorKind.Unsupported, "The LZO compression codec is not supported; rewrite the file with SNAPPY, ZSTD or GZIP."),
        _ => throw new ParquetException($"Unknown compression codec {(int)codec}."),
    };

    private static int CheckRange(int level, int min, int max, CompressionCodec codec)
    {
        if (level < min || level > max)
        {
            throw new ParquetException(FloeErrorKind.InvalidArgument, $"{CompressionErrors.Name(codec)} level {level} is outside {min}..{max}.");
        }

        return level;
    }
}
