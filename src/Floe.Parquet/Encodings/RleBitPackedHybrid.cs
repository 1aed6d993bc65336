using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Floe.Common.Errors;

namespace Floe.Parquet.Encodings;

/// <summary>
/// The RLE / bit-packed hybrid encoding (Parquet encoding RLE = 3) for repetition and definition levels,
/// dictionary indices and v2 booleans.
/// <list type="bullet">
/// <item><see cref="Decode"/>: runs without a length prefix (v2 page levels, RLE booleans).</item>
/// <item><see cref="DecodeLengthPrefixed"/>: the v1 data page layout, a 4-byte little-endian length first.</item>
/// <item><see cref="DecodeDictionaryIndices"/>: RLE_DICTIONARY / PLAIN_DICTIONARY data: one bit-width byte, then runs.</item>
/// <item><see cref="DecodeBooleans"/>: RLE-encoded BOOLEAN values (length-prefixed, width 1) straight into bools.</item>
/// <item><see cref="Encode"/>, <see cref="EncodeLengthPrefixed"/>, <see cref="EncodeDictionaryIndices"/>, <see cref="EncodeBooleans"/>: the inverses.</item>
/// </list>
/// Decoders fill the whole destination (its length is the expected value count) and return the bytes consumed.
/// For batch-wise decoding use <see cref="RleBitPackedHybridDecoder"/>.
/// </summary>
public static class RleBitPackedHybrid
{
    // A repeated value shorter than this stays inside a bit-packed run: an RLE run costs a header and a value,
    // and breaking a bit-packed run costs another header.
    private const int MinRleRun = 8;

    /// <summary>Decodes <c>values.Length</c> values of <paramref name="bitWidth"/> bits; returns the bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> values)
    {
        var decoder = new RleBitPackedHybridDecoder(data, bitWidth);
        decoder.Read(values);
        return decoder.Position;
    }

    /// <summary>Decodes the 4-byte-length-prefixed form; returns the bytes consumed (4 + the prefixed length).</summary>
    public static int DecodeLengthPrefixed(ReadOnlySpan<byte> data, int bitWidth, Span<int> values)
    {
        ReadOnlySpan<byte> body = RleBitPackedHybridDecoder.SliceLengthPrefixed(data, out int consumed);
        var decoder = new RleBitPackedHybridDecoder(body, bitWidth);
        decoder.Read(values);
        return consumed;
    }

    /// <summary>Decodes dictionary indices (a bit-width byte, then runs); returns the bytes consumed.</summary>
    public static int DecodeDictionaryIndices(ReadOnlySpan<byte> data, Span<int> indices)
    {
        if (data.IsEmpty)
        {
            if (indices.IsEmpty)
            {
                return 0;
            }

            throw new ParquetException($"Dictionary index data is empty; {indices.Length} indices were expected.");
        }

        int bitWidth = data[0];
        if (bitWidth > 32)
        {
            throw new ParquetException($"Dictionary index bit width {bitWidth} is outside 0..32.");
        }

        var decoder = new RleBitPackedHybridDecoder(data.Slice(1), bitWidth);
        decoder.Read(indices);
        return 1 + decoder.Position;
    }

    /// <summary>
    /// Decodes RLE-encoded BOOLEAN page values (bit width 1 behind a 4-byte length, as data pages store them);
    /// returns the bytes consumed.
    /// </summary>
    public static int DecodeBooleans(ReadOnlySpan<byte> data, Span<bool> values)
    {
        ReadOnlySpan<byte> body = RleBitPackedHybridDecoder.SliceLengthPrefixed(data, out int consumed);
        var decoder = new RleBitPackedHybridDecoder(body, 1);
        Span<int> chunk = stackalloc int[256];
        while (!values.IsEmpty)
        {
            int n = Math.Min(chunk.Length, values.Length);
            decoder.Read(chunk.Slice(0, n));
            for (int i = 0; i < n; i++)
            {
                values[i] = chunk[i] != 0;
            }

            values = values.Slice(n);
        }

        return consumed;
    }

    /// <summary>Appends RLE-encoded BOOLEAN page values (a 4-byte length, then bit width 1 runs); returns bytes written.</summary>
    public static int EncodeBooleans(ReadOnlySpan<bool> values, PooledBuffer output)
    {
        int[] scratch = ArrayPool<int>.Shared.Rent(Math.Max(values.Length, 1));
        try
        {
            for (int i = 0; i < values.Length; i++)
            {
                scratch[i] = values[i] ? 1 : 0;
            }

            return EncodeLengthPrefixed(scratch.AsSpan(0, values.Length), 1, output);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(scratch);
        }
    }

    /// <summary>Appends the encoding of <paramref name="values"/> (each within <paramref name="bitWidth"/> bits); returns bytes written.</summary>
    public static int Encode(ReadOnlySpan<int> values, int bitWidth, PooledBuffer output)
    {
        if ((uint)bitWidth > 32)
        {
            throw new ParquetException(FloeErrorKind.InvalidArgument, $"RLE/bit-packed hybrid: bit width {bitWidth} is outside 0..32.");
        }

        int start = output.WrittenCount;
        int n = values.Length;
        int literalStart = 0;
        int pos = 0;
        while (pos < n)
        {
            int value = values[pos];
            if (pos + 1 < n && values[pos + 1] != value)
            {
                // Literal stretch: jump to the next pair of equal neighbours, the only place a run can start.
                pos = NextEqualPair(values, pos + 1);
                continue;
            }

            int run = 1;
            while (run < MinRleRun && pos + run < n && values[pos + run] == value)
            {
                run++;
            }

            if (run == MinRleRun && pos + run < n)
            {
                // A long run (all-present levels, sorted indices): finish it with a vectorised scan.
                int more = values.Slice(pos + run).IndexOfAnyExcept(value);
                run = more < 0 ? n - pos : run + more;
            }

            if (run >= MinRleRun)
            {
                // Bit-packed runs hold whole groups of 8: lend the pending literals the head of this run.
                int literalCount = pos - literalStart;
                int pad = (8 - (literalCount & 7)) & 7;
                if (run - pad >= MinRleRun)
                {
                    if (literalCount + pad > 0)
                    {
                        WriteBitPacked(values.Slice(literalStart, literalCount + pad), bitWidth, output);
                    }

                    WriteRle(value, run - pad, bitWidth, output);
                    pos += run;
                    literalStart = pos;
                    continue;
                }
            }

            pos += run;
        }

        if (literalStart < n)
        {
            WriteBitPacked(values.Slice(literalStart), bitWidth, output);
        }

        return output.WrittenCount - start;
    }

    /// <summary>Appends a 4-byte little-endian length followed by the encoding; returns bytes written including the prefix.</summary>
    public static int EncodeLengthPrefixed(ReadOnlySpan<int> values, int bitWidth, PooledBuffer output)
    {
        int prefixAt = output.WrittenCount;
        output.GetSpan(4);
        output.Advance(4);
        int length = Encode(values, bitWidth, output);
        BinaryPrimitives.WriteInt32LittleEndian(output.WrittenSpanMutable.Slice(prefixAt, 4), length);
        return 4 + length;
    }

    /// <summary>
    /// Appends dictionary indices: the bit width needed for <paramref name="dictionarySize"/> entries as one byte,
    /// then the runs. Returns the bytes written.
    /// </summary>
    public static int EncodeDictionaryIndices(ReadOnlySpan<int> indices, int dictionarySize, PooledBuffer output)
    {
        int bitWidth = dictionarySize <= 1 ? 0 : BitPacking.BitWidth((uint)(dictionarySize - 1));
        output.WriteByte((byte)bitWidth);
        return 1 + Encode(indices, bitWidth, output);
    }

    /// <summary>The first index i at or after <paramref name="from"/> with values[i] == values[i + 1], or the length.</summary>
    private static int NextEqualPair(ReadOnlySpan<int> values, int from)
    {
        int n = values.Length;
        int i = from;
        if (Vector256.IsHardwareAccelerated)
        {
            ref int start = ref MemoryMarshal.GetReference(values);
            for (; i + Vector256<int>.Count + 1 <= n; i += Vector256<int>.Count)
            {
                Vector256<int> equal = Vector256.Equals(
                    Vector256.LoadUnsafe(ref start, (nuint)i),
                    Vector256.LoadUnsafe(ref start, (nuint)(i + 1)));
                if (equal != Vector256<int>.Zero)
                {
                    return i + BitOperations.TrailingZeroCount(equal.ExtractMostSignificantBits());
                }
            }
        }

        for (; i + 1 < n; i++)
        {
            if (values[i] == values[i + 1])
            {
                return i;
            }
        }

        return n;
    }

    private static void WriteRle(int value, int count, int bitWidth, PooledBuffer output)
    {
        CheckFits(value, bitWidth);
        int valueBytes = (bitWidth + 7) >> 3;
        Span<byte> span = output.GetSpan(5 + valueBytes);
        int n = Varint.Write(span, (ulong)((uint)count << 1));
        for (int i = 0; i < valueBytes; i++)
        {
            span[n++] = (byte)(value >> (8 * i));
        }

        output.Advance(n);
    }

    private static void WriteBitPacked(ReadOnlySpan<int> values, int bitWidth, PooledBuffer output)
    {
        int groups = (values.Length + 7) >> 3;
        int bytes = groups * bitWidth;
        Span<byte> span = output.GetSpan(5 + bytes);
        int n = Varint.Write(span, ((ulong)(uint)groups << 1) | 1);
        int fullValues = values.Length & ~7;
        int check = 0;
        foreach (int v in values)
        {
            check |= v;
        }

        if (bitWidth < 32 && (uint)check >> bitWidth != 0)
        {
            foreach (int v in values)
            {
                CheckFits(v, bitWidth);
            }
        }

        int written = BitPacking.Pack32(values.Slice(0, fullValues), bitWidth, span.Slice(n));
        if (fullValues < values.Length)
        {
            // The final group is padded with zeros to 8 values.
            Span<int> last = stackalloc int[8];
            last.Clear();
            values.Slice(fullValues).CopyTo(last);
            written += BitPacking.Pack32(last, bitWidth, span.Slice(n + written));
        }

        output.Advance(n + written);
    }

    private static void CheckFits(int value, int bitWidth)
    {
        if (bitWidth < 32 && (uint)value >> bitWidth != 0)
        {
            throw new ParquetException(FloeErrorKind.InvalidArgument, $"RLE/bit-packed hybrid: value {value} does not fit in bit width {bitWidth}.");
        }
    }
}
