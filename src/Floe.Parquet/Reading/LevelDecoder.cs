using Floe.Common.Errors;
using Floe.Parquet.Encodings;
using Floe.Parquet.Metadata;

namespace Floe.Parquet.Reading;

/// <summary>Decodes repetition and definition levels of data pages and checks them against the column's maximum.</summary>
internal static class LevelDecoder
{
    /// <summary>Decodes version 1 page levels (RLE with a 4-byte length, or the legacy BIT_PACKED); returns the bytes consumed.</summary>
    public static int DecodeV1(ReadOnlySpan<byte> data, Encoding encoding, int maxLevel, Span<int> levels, string what)
    {
        int bitWidth = BitPacking.BitWidth((uint)maxLevel);
        int consumed = encoding switch
        {
            Encoding.Rle => RleBitPackedHybrid.DecodeLengthPrefixed(data, bitWidth, levels),
            Encoding.BitPacked => DecodeBitPacked(data, bitWidth, levels, what),
            _ => throw new ParquetException(FloeErrorKind.Unsupported, $"{what} levels use encoding {encoding}; RLE or BIT_PACKED was expected."),
        };
        Validate(levels, maxLevel, what);
        return consumed;
    }

    /// <summary>Decodes version 2 page levels: RLE runs without a length prefix, occupying exactly <paramref name="data"/>.</summary>
    public static void DecodeV2(ReadOnlySpan<byte> data, int maxLevel, Span<int> levels, string what)
    {
        RleBitPackedHybrid.Decode(data, BitPacking.BitWidth((uint)maxLevel), levels);
        Validate(levels, maxLevel, what);
    }

    private static void Validate(ReadOnlySpan<int> levels, int maxLevel, string what)
    {
        for (int i = 0; i < levels.Length; i++)
        {
            if ((uint)levels[i] > (uint)maxLevel)
            {
                throw new ParquetException($"{what} level {levels[i]} at entry {i} exceeds the column's maximum {maxLevel}.");
            }
        }
    }

    /// <summary>The deprecated BIT_PACKED level encoding: values packed most significant bit first, no header.</summary>
    private static int DecodeBitPacked(ReadOnlySpan<byte> data, int bitWidth, Span<int> levels, string what)
    {
        long bits = (long)levels.Length * bitWidth;
        int bytes = (int)((bits + 7) / 8);
        if (bytes > data.Length)
        {
            throw new ParquetException($"BIT_PACKED {what} levels need {bytes} bytes; the page holds {data.Length}.");
        }

        long bit = 0;
        for (int i = 0; i < levels.Length; i++)
        {
            int value = 0;
            for (int b = 0; b < bitWidth; b++, bit++)
            {
                value = (value << 1) | ((data[(int)(bit >> 3)] >> (7 - (int)(bit & 7))) & 1);
            }

            levels[i] = value;
        }

        return bytes;
    }
}
