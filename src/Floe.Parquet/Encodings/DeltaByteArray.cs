using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Floe.Parquet.Encodings;

/// <summary>
/// DELTA_BYTE_ARRAY (incremental / front coding): the prefix length each value shares with the previous one as a
/// DELTA_BINARY_PACKED stream, then the suffixes as DELTA_LENGTH_BYTE_ARRAY.
/// <list type="bullet">
/// <item><see cref="MeasureValueBytes"/> then <see cref="Decode"/>: into end offsets plus contiguous bytes.</item>
/// <item><see cref="Encode"/>: from the columnar layout (offsets with one more entry than values, plus bytes).</item>
/// </list>
/// Prefix lengths are validated against the previous value, so every value is at most as long as the suffix
/// bytes consumed so far.
/// </summary>
public static class DeltaByteArray
{
    private const string What = "DELTA_BYTE_ARRAY";

    /// <summary>Validates the stream for <paramref name="count"/> values and returns the total bytes of the decoded values.</summary>
    public static long MeasureValueBytes(ReadOnlySpan<byte> data, int count)
    {
        int[] scratch = ArrayPool<int>.Shared.Rent(Math.Max(count * 2, 1));
        try
        {
            Span<int> prefixes = scratch.AsSpan(0, count);
            Span<int> suffixes = scratch.AsSpan(count, count);
            ReadStreams(data, prefixes, suffixes, out _, out _);
            long total = 0;
            for (int i = 0; i < count; i++)
            {
                total += prefixes[i] + (long)suffixes[i];
            }

            return total;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// Decodes exactly <c>endOffsets.Length</c> values into <paramref name="bytes"/> (size it with
    /// <see cref="MeasureValueBytes"/>); <c>endOffsets[i]</c> receives <paramref name="dataStart"/> plus the end of
    /// value i within <paramref name="bytes"/>. Returns the bytes of <paramref name="data"/> consumed.
    /// Bytes of <paramref name="bytes"/> past the last value may be overwritten.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> data, Span<int> endOffsets, Span<byte> bytes, int dataStart = 0)
    {
        int count = endOffsets.Length;
        int[] scratch = ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
        try
        {
            Span<int> prefixes = scratch.AsSpan(0, count);
            Span<int> suffixes = endOffsets;
            ReadStreams(data, prefixes, suffixes, out int suffixAt, out int end);
            int written = 0;
            int previousStart = 0;
            for (int i = 0; i < count; i++)
            {
                int prefix = prefixes[i];
                int suffix = suffixes[i];
                if ((long)prefix + suffix > bytes.Length - written)
                {
                    throw new ArgumentException($"The byte buffer ({bytes.Length} bytes) is too small for value {i}.", nameof(bytes));
                }

                int valueStart = written;
                CopyShort(bytes.Slice(previousStart), bytes.Slice(written), prefix);
                written += prefix;
                CopyShort(data.Slice(suffixAt), bytes.Slice(written), suffix);
                written += suffix;
                suffixAt += suffix;
                previousStart = valueStart;
                endOffsets[i] = dataStart + written;
            }

            return end;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(scratch);
        }
    }

    /// <summary>Appends the encoding of values given as offsets (one more entry than values) plus bytes; returns bytes written.</summary>
    public static int Encode(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> bytes, PooledBuffer output)
    {
        int count = Math.Max(offsets.Length - 1, 0);
        int start = output.WrittenCount;
        int[] scratch = ArrayPool<int>.Shared.Rent(Math.Max(count * 2, 1));
        try
        {
            Span<int> prefixes = scratch.AsSpan(0, count);
            Span<int> suffixes = scratch.AsSpan(count, count);
            ReadOnlySpan<byte> previous = default;
            for (int i = 0; i < count; i++)
            {
                ReadOnlySpan<byte> value = bytes.Slice(offsets[i], offsets[i + 1] - offsets[i]);
                int prefix = previous.CommonPrefixLength(value);
                prefixes[i] = prefix;
                suffixes[i] = value.Length - prefix;
                previous = value;
            }

            DeltaBinaryPacked.EncodeInt32(prefixes, output);
            DeltaBinaryPacked.EncodeInt32(suffixes, output);
            for (int i = 0; i < count; i++)
            {
                output.Write(bytes.Slice(offsets[i + 1] - suffixes[i], suffixes[i]));
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(scratch);
        }

        return output.WrittenCount - start;
    }

    /// <summary>Copies <paramref name="length"/> bytes; short copies move 16 bytes at once when both sides have room.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyShort(ReadOnlySpan<byte> source, Span<byte> destination, int length)
    {
        if (length <= 16 && source.Length >= 16 && destination.Length >= 16)
        {
            // One load then one store, so an overlapping prefix copy (source before destination) stays correct.
            Unsafe.WriteUnaligned(ref MemoryMarshal.GetReference(destination), Unsafe.ReadUnaligned<Int128>(ref MemoryMarshal.GetReference(source)));
        }
        else
        {
            source.Slice(0, length).CopyTo(destination);
        }
    }

    /// <summary>Reads both length streams and checks every prefix and suffix; reports where the suffix bytes start and end.</summary>
    private static void ReadStreams(ReadOnlySpan<byte> data, Span<int> prefixes, Span<int> suffixes, out int suffixAt, out int end)
    {
        DeltaLengthByteArray.DecodeLengths(data, prefixes, out int prefixEnd, What + " prefix lengths");
        DeltaLengthByteArray.DecodeLengths(data.Slice(prefixEnd), suffixes, out int suffixLengthsEnd, What + " suffix lengths");
        suffixAt = prefixEnd + suffixLengthsEnd;
        int available = data.Length - suffixAt;
        long suffixTotal = 0;
        long previousLength = 0;
        for (int i = 0; i < prefixes.Length; i++)
        {
            int prefix = prefixes[i];
            int suffix = suffixes[i];
            if (prefix < 0 || prefix > previousLength)
            {
                throw new ParquetException($"{What}: value {i} has prefix length {prefix}, but the previous value is {previousLength} bytes long.");
            }

            if (suffix < 0)
            {
                throw new ParquetException($"{What}: value {i} has negative suffix length {suffix}.");
            }

            suffixTotal += suffix;
            if (suffixTotal > available)
            {
                throw new ParquetException($"{What}: the suffix of value {i} runs past the end of the data ({available} suffix bytes).");
            }

            previousLength = (long)prefix + suffix;
        }

        end = suffixAt + (int)suffixTotal;
    }
}
