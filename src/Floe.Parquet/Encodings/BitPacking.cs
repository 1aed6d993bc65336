using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using Floe.Common.Errors;

namespace Floe.Parquet.Encodings;

/// <summary>
/// Parquet bit packing: values packed least-significant bit first, eight values per group of <c>bitWidth</c> bytes.
/// <list type="bullet">
/// <item><see cref="Unpack32"/> / <see cref="Unpack64"/>: unpack <c>dst.Length</c> values of width 0..32 / 0..64.</item>
/// <item><see cref="Pack32"/> / <see cref="Pack64"/>: the inverse; high bits above the width are dropped.</item>
/// <item><see cref="PackedLength"/>, <see cref="BitWidth(uint)"/>: sizes.</item>
/// </list>
/// Unpack32 has one JIT-specialised loop per width that reads each value with one unaligned 64-bit load.
/// </summary>
public static unsafe class BitPacking
{
    /// <summary>Bytes needed to pack <paramref name="count"/> values of <paramref name="bitWidth"/> bits.</summary>
    public static int PackedLength(int count, int bitWidth) => checked((int)(((long)count * bitWidth + 7) >> 3));

    /// <summary>Bits needed for values up to <paramref name="maxValue"/> (0 for 0).</summary>
    public static int BitWidth(uint maxValue) => 32 - BitOperations.LeadingZeroCount(maxValue);

    /// <summary>Bits needed for values up to <paramref name="maxValue"/> (0 for 0).</summary>
    public static int BitWidth(ulong maxValue) => 64 - BitOperations.LeadingZeroCount(maxValue);

    /// <summary>Unpacks <c>dst.Length</c> values of <paramref name="bitWidth"/> (0..32) bits from <paramref name="src"/>.</summary>
    public static void Unpack32(ReadOnlySpan<byte> src, Span<int> dst, int bitWidth)
    {
        if ((uint)bitWidth > 32)
        {
            throw new ParquetException($"Bit width {bitWidth} is outside 0..32.");
        }

        int count = dst.Length;
        if (count == 0)
        {
            return;
        }

        if (bitWidth == 0)
        {
            dst.Clear();
            return;
        }

        int needed = PackedLength(count, bitWidth);
        if (src.Length < needed)
        {
            throw new ParquetException($"Bit-packed data holds {src.Length} bytes; {count} values of width {bitWidth} need {needed}.");
        }

        // Whole groups whose 8-byte loads stay inside src take the specialised path.
        int fastGroups = Math.Min(count >> 3, Math.Max(0, src.Length - 8) / bitWidth);
        int done = 0;
        if (fastGroups > 0)
        {
            fixed (byte* s = src)
            fixed (int* d = dst)
            {
                UnpackGroups(s, d, fastGroups, bitWidth);
            }

            done = fastGroups * 8;
        }

        if (done < count)
        {
            UnpackScalar(src.Slice(done / 8 * bitWidth), dst.Slice(done), bitWidth);
        }
    }

    /// <summary>Unpacks <c>dst.Length</c> values of <paramref name="bitWidth"/> (0..64) bits from <paramref name="src"/>.</summary>
    public static void Unpack64(ReadOnlySpan<byte> src, Span<long> dst, int bitWidth)
    {
        if ((uint)bitWidth > 64)
        {
            throw new ParquetException($"Bit width {bitWidth} is outside 0..64.");
        }

        int count = dst.Length;
        if (count == 0)
        {
            return;
        }

        if (bitWidth == 0)
        {
            dst.Clear();
            return;
        }

        int needed = PackedLength(count, bitWidth);
        if (src.Length < needed)
        {
            throw new ParquetException($"Bit-packed data holds {src.Length} bytes; {count} values of width {bitWidth} need {needed}.");
        }

        ulong mask = bitWidth == 64 ? ulong.MaxValue : (1UL << bitWidth) - 1;
        long bit = 0;
        int i = 0;
        fixed (byte* s = src)
        {
            // Loads of 9 bytes (8 + 1 spill byte) stay inside src.
            long fastLimitBits = ((long)src.Length - 9) * 8;
            for (; i < count && bit <= fastLimitBits; i++, bit += bitWidth)
            {
                byte* p = s + (bit >> 3);
                int shift = (int)(bit & 7);
                ulong v = Unsafe.ReadUnaligned<ulong>(p) >> shift;
                if (shift + bitWidth > 64)
                {
                    v |= (ulong)p[8] << (64 - shift);
                }

                dst[i] = (long)(v & mask);
            }
        }

        for (; i < count; i++, bit += bitWidth)
        {
            dst[i] = (long)(ReadBitsSafe(src, bit, bitWidth) & mask);
        }
    }

    /// <summary>Packs <paramref name="values"/> at <paramref name="bitWidth"/> (0..32) bits into <paramref name="dst"/>; returns bytes written.</summary>
    public static int Pack32(ReadOnlySpan<int> values, int bitWidth, Span<byte> dst)
    {
        if ((uint)bitWidth > 32)
        {
            throw new ParquetException(FloeErrorKind.InvalidArgument, $"Bit width {bitWidth} is outside 0..32.");
        }

        int total = PackedLength(values.Length, bitWidth);
        if (dst.Length < total)
        {
            throw new ArgumentException($"Destination holds {dst.Length} bytes; {total} are needed.", nameof(dst));
        }

        if (bitWidth == 0)
        {
            return 0;
        }

        // Whole groups of 8 values go through the width-specialised packer; the rest bit by bit.
        int groups = values.Length >> 3;
        int o = 0;
        if (groups > 0)
        {
            fixed (int* s = values)
            fixed (byte* d = dst)
            {
                PackGroups(s, d, groups, bitWidth);
            }

            o = groups * bitWidth;
            values = values.Slice(groups * 8);
        }

        ulong mask = bitWidth == 32 ? uint.MaxValue : (1UL << bitWidth) - 1;
        ulong acc = 0;
        int bits = 0;
        foreach (int v in values)
        {
            acc |= ((ulong)(uint)v & mask) << bits;
            bits += bitWidth;
            if (bits >= 32)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(dst.Slice(o), (uint)acc);
                o += 4;
                acc >>= 32;
                bits -= 32;
            }
        }

        while (bits > 0)
        {
            dst[o++] = (byte)acc;
            acc >>= 8;
            bits -= 8;
        }

        return o;
    }

    /// <summary>Packs <paramref name="values"/> at <paramref name="bitWidth"/> (0..64) bits into <paramref name="dst"/>; returns bytes written.</summary>
    public static int Pack64(ReadOnlySpan<long> values, int bitWidth, Span<byte> dst)
    {
        if ((uint)bitWidth > 64)
        {
            throw new ParquetException(FloeErrorKind.InvalidArgument, $"Bit width {bitWidth} is outside 0..64.");
        }

        int total = PackedLength(values.Length, bitWidth);
        if (dst.Length < total)
        {
            throw new ArgumentException($"Destination holds {dst.Length} bytes; {total} are needed.", nameof(dst));
        }

        if (bitWidth == 0)
        {
            return 0;
        }

        ulong mask = bitWidth == 64 ? ulong.MaxValue : (1UL << bitWidth) - 1;
        ulong acc = 0;
        int bits = 0;
        int o = 0;
        foreach (long value in values)
        {
            ulong v = (ulong)value & mask;
            acc |= v << bits;
            int next = bits + bitWidth;
            if (next >= 64)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(dst.Slice(o), acc);
                o += 8;
                acc = bits == 0 ? 0 : v >> (64 - bits);
                next -= 64;
            }

            bits = next;
        }

        while (bits > 0)
        {
            dst[o++] = (byte)acc;
            acc >>= 8;
            bits -= 8;
        }

        return o;
    }

    private static void UnpackScalar(ReadOnlySpan<byte> src, Span<int> dst, int bitWidth)
    {
        ulong mask = (1UL << bitWidth) - 1;
        long bit = 0;
        for (int i = 0; i < dst.Length; i++, bit += bitWidth)
        {
            dst[i] = (int)(uint)(ReadBitsSafe(src, bit, bitWidth) & mask);
        }
    }

    /// <summary>Reads up to 64 bits at a bit offset, treating bytes past the end as zero.</summary>
    private static ulong ReadBitsSafe(ReadOnlySpan<byte> src, long bit, int bitWidth)
    {
        int first = (int)(bit >> 3);
        int shift = (int)(bit & 7);
        int bytes = (shift + bitWidth + 7) >> 3;
        ulong lo = 0;
        int n = Math.Min(Math.Min(bytes, 8), src.Length - first);
        for (int k = 0; k < n; k++)
        {
            lo |= (ulong)src[first + k] << (8 * k);
        }

        ulong v = lo >> shift;
        if (bytes > 8 && first + 8 < src.Length)
        {
            v |= (ulong)src[first + 8] << (64 - shift);
        }

        return v;
    }

    private static void PackGroups(int* s, byte* d, int groups, int bitWidth)
    {
        switch (bitWidth)
        {
            case 1: PackGroups<W1>(s, d, groups); break;
            case 2: PackGroups<W2>(s, d, groups); break;
            case 3: PackGroups<W3>(s, d, groups); break;
            case 4: PackGroups<W4>(s, d, groups); break;
            case 5: PackGroups<W5>(s, d, groups); break;
            case 6: PackGroups<W6>(s, d, groups); break;
            case 7: PackGroups<W7>(s, d, groups); break;
            case 8: PackGroups<W8>(s, d, groups); break;
            case 9: PackGroups<W9>(s, d, groups); break;
            case 10: PackGroups<W10>(s, d, groups); break;
            case 11: PackGroups<W11>(s, d, groups); break;
            case 12: PackGroups<W12>(s, d, groups); break;
            case 13: PackGroups<W13>(s, d, groups); break;
            case 14: PackGroups<W14>(s, d, groups); break;
            case 15: PackGroups<W15>(s, d, groups); break;
            case 16: PackGroups<W16>(s, d, groups); break;
            case 17: PackGroups<W17>(s, d, groups); break;
            case 18: PackGroups<W18>(s, d, groups); break;
            case 19: PackGroups<W19>(s, d, groups); break;
            case 20: PackGroups<W20>(s, d, groups); break;
            case 21: PackGroups<W21>(s, d, groups); break;
            case 22: PackGroups<W22>(s, d, groups); break;
            case 23: PackGroups<W23>(s, d, groups); break;
            case 24: PackGroups<W24>(s, d, groups); break;
            case 25: PackGroups<W25>(s, d, groups); break;
            case 26: PackGroups<W26>(s, d, groups); break;
            case 27: PackGroups<W27>(s, d, groups); break;
            case 28: PackGroups<W28>(s, d, groups); break;
            case 29: PackGroups<W29>(s, d, groups); break;
            case 30: PackGroups<W30>(s, d, groups); break;
            case 31: PackGroups<W31>(s, d, groups); break;
            default: PackGroups<W32>(s, d, groups); break;
        }
    }

    // Each group of 8 values becomes exactly W bytes; with W constant every shift and word index below folds.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackGroups<TWidth>(int* s, byte* d, int groups)
        where TWidth : struct, IBitWidth
    {
        int w = TWidth.Value;
        ulong* words = stackalloc ulong[5];
        for (int g = 0; g < groups; g++)
        {
            words[0] = 0;
            words[1] = 0;
            words[2] = 0;
            words[3] = 0;
            Put<TWidth>(words, 0, (uint)s[0]);
            Put<TWidth>(words, w, (uint)s[1]);
            Put<TWidth>(words, 2 * w, (uint)s[2]);
            Put<TWidth>(words, 3 * w, (uint)s[3]);
            Put<TWidth>(words, 4 * w, (uint)s[4]);
            Put<TWidth>(words, 5 * w, (uint)s[5]);
            Put<TWidth>(words, 6 * w, (uint)s[6]);
            Put<TWidth>(words, 7 * w, (uint)s[7]);
            Unsafe.CopyBlockUnaligned(d, words, (uint)w);
            s += 8;
            d += w;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<TWidth>(ulong* words, int bit, uint value)
        where TWidth : struct, IBitWidth
    {
        int w = TWidth.Value;
        ulong v = w == 32 ? value : value & ((1u << w) - 1);
        int index = bit >> 6;
        int shift = bit & 63;
        words[index] |= v << shift;
        if (shift + w > 64)
        {
            words[index + 1] |= v >> (64 - shift);
        }
    }

    private static void UnpackGroups(byte* s, int* d, int groups, int bitWidth)
    {
        switch (bitWidth)
        {
            case 1: UnpackGroups<W1>(s, d, groups); break;
            case 2: UnpackGroups<W2>(s, d, groups); break;
            case 3: UnpackGroups<W3>(s, d, groups); break;
            case 4: UnpackGroups<W4>(s, d, groups); break;
            case 5: UnpackGroups<W5>(s, d, groups); break;
            case 6: UnpackGroups<W6>(s, d, groups); break;
            case 7: UnpackGroups<W7>(s, d, groups); break;
            case 8: UnpackGroups<W8>(s, d, groups); break;
            case 9: UnpackGroups<W9>(s, d, groups); break;
            case 10: UnpackGroups<W10>(s, d, groups); break;
            case 11: UnpackGroups<W11>(s, d, groups); break;
            case 12: UnpackGroups<W12>(s, d, groups); break;
            case 13: UnpackGroups<W13>(s, d, groups); break;
            case 14: UnpackGroups<W14>(s, d, groups); break;
            case 15: UnpackGroups<W15>(s, d, groups); break;
            case 16: UnpackGroups<W16>(s, d, groups); break;
            case 17: UnpackGroups<W17>(s, d, groups); break;
            case 18: UnpackGroups<W18>(s, d, groups); break;
            case 19: UnpackGroups<W19>(s, d, groups); break;
            case 20: UnpackGroups<W20>(s, d, groups); break;
            case 21: UnpackGroups<W21>(s, d, groups); break;
            case 22: UnpackGroups<W22>(s, d, groups); break;
            case 23: UnpackGroups<W23>(s, d, groups); break;
            case 24: UnpackGroups<W24>(s, d, groups); break;
            case 25: UnpackGroups<W25>(s, d, groups); break;
            case 26: UnpackGroups<W26>(s, d, groups); break;
            case 27: UnpackGroups<W27>(s, d, groups); break;
            case 28: UnpackGroups<W28>(s, d, groups); break;
            case 29: UnpackGroups<W29>(s, d, groups); break;
            case 30: UnpackGroups<W30>(s, d, groups); break;
            case 31: UnpackGroups<W31>(s, d, groups); break;
            default: UnpackGroups<W32>(s, d, groups); break;
        }
    }

    // With W a compile-time constant every offset, shift and mask below folds to an immediate.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UnpackGroups<TWidth>(byte* s, int* d, int groups)
        where TWidth : struct, IBitWidth
    {
        int w = TWidth.Value;
        uint mask = w == 32 ? uint.MaxValue : (1u << w) - 1;
        for (int g = 0; g < groups; g++)
        {
            d[0] = (int)((uint)Unsafe.ReadUnaligned<ulong>(s) & mask);
            d[1] = (int)((uint)(Unsafe.ReadUnaligned<ulong>(s + (w >> 3)) >> (w & 7)) & mask);
            d[2] = (int)((uint)(Unsafe.ReadUnaligned<ulong>(s + (2 * w >> 3)) >> (2 * w & 7)) & mask);
            d[3] = (int)((uint)(Unsafe.ReadUnaligned<ulong>(s + (3 * w >> 3)) >> (3 * w & 7)) & mask);
            d[4] = (int)((uint)(Unsafe.ReadUnaligned<ulong>(s + (4 * w >> 3)) >> (4 * w & 7)) & mask);
            d[5] = (int)((uint)(Unsafe.ReadUnaligned<ulong>(s + (5 * w >> 3)) >> (5 * w & 7)) & mask);
            d[6] = (int)((uint)(Unsafe.ReadUnaligned<ulong>(s + (6 * w >> 3)) >> (6 * w & 7)) & mask);
            d[7] = (int)((uint)(Unsafe.ReadUnaligned<ulong>(s + (7 * w >> 3)) >> (7 * w & 7)) & mask);
            s += w;
            d += 8;
        }
    }

    private interface IBitWidth
    {
        static abstract int Value { get; }
    }

    private struct W1 : IBitWidth { public static int Value => 1; }
    private struct W2 : IBitWidth { public static int Value => 2; }
    private struct W3 : IBitWidth { public static int Value => 3; }
    private struct W4 : IBitWidth { public static int Value => 4; }
    private struct W5 : IBitWidth { public static int Value => 5; }
    private struct W6 : IBitWidth { public static int Value => 6; }
    private struct W7 : IBitWidth { public static int Value => 7; }
    private struct W8 : IBitWidth { public static int Value => 8; }
    private struct W9 : IBitWidth { public static int Value => 9; }
    private struct W10 : IBitWidth { public static int Value => 10; }
    private struct W11 : IBitWidth { public static int Value => 11; }
    private struct W12 : IBitWidth { public static int Value => 12; }
    private struct W13 : IBitWidth { public static int Value => 13; }
    private struct W14 : IBitWidth { public static int Value => 14; }
    private struct W15 : IBitWidth { public static int Value => 15; }
    private struct W16 : IBitWidth { public static int Value => 16; }
    private struct W17 : IBitWidth { public static int Value => 17; }
    private struct W18 : IBitWidth { public static int Value => 18; }
    private struct W19 : IBitWidth { public static int Value => 19; }
    private struct W20 : IBitWidth { public static int Value => 20; }
    private struct W21 : IBitWidth { public static int Value => 21; }
    private struct W22 : IBitWidth { public static int Value => 22; }
    private struct W23 : IBitWidth { public static int Value => 23; }
    private struct W24 : IBitWidth { public static int Value => 24; }
    private struct W25 : IBitWidth { public static int Value => 25; }
    private struct W26 : IBitWidth { public static int Value => 26; }
    private struct W27 : IBitWidth { public static int Value => 27; }
    private struct W28 : IBitWidth { public static int Value => 28; }
    private struct W29 : IBitWidth { public static int Value => 29; }
    private struct W30 : IBitWidth { public static int Value => 30; }
    private struct W31 : IBitWidth { public static int Value => 31; }
    private struct W32 : IBitWidth { public static int Value => 32; }
}
