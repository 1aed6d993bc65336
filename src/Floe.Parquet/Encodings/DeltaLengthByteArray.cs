using System.Buffers;

namespace Floe.Parquet.Encodings;

/// <summary>
/// DELTA_LENGTH_BYTE_ARRAY: all value lengths as one DELTA_BINARY_PACKED INT32 stream, then all value bytes
/// back to back.
/// <list type="bullet">
/// <item><see cref="Decode"/>: into end offsets plus contiguous bytes; the payload never exceeds <c>data.Length</c>
/// bytes, so that is a safe size for the byte destination.</item>
/// <item><see cref="Encode"/>: from the columnar layout (offsets with one more entry than values, plus bytes).</item>
/// </list>
/// </summary>
public static class DeltaLengthByteArray
{
    /// <summary>
    /// Decodes exactly <c>endOffsets.Length</c> values. <c>endOffsets[i]</c> receives <paramref name="dataStart"/> plus
    /// the end of value i within <paramref name="bytes"/>. Returns the bytes of <paramref name="data"/> consumed.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> data, Span<int> endOffsets, Span<byte> bytes, int dataStart = 0)
    {
        int count = DecodeLengths(data, endOffsets, out int lengthsEnd, "DELTA_LENGTH_BYTE_ARRAY");
        long total = LengthsToEndOffsets(endOffsets.Slice(0, count), dataStart, data.Length - lengthsEnd, "DELTA_LENGTH_BYTE_ARRAY");
        if (bytes.Length < total)
        {
            throw new ArgumentException($"The byte buffer ({bytes.Length} bytes) is too small for {total} value bytes.", nameof(bytes));
        }

        data.Slice(lengthsEnd, (int)total).CopyTo(bytes);
        return lengthsEnd + (int)total;
    }

    /// <summary>Appends the encoding of values given as offsets (one more entry than values) plus bytes; returns bytes written.</summary>
    public static int Encode(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> bytes, PooledBuffer output)
    {
        int count = Math.Max(offsets.Length - 1, 0);
        int start = output.WrittenCount;
        int[] lengths = ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
        try
        {
            for (int i = 0; i < count; i++)
            {
                lengths[i] = offsets[i + 1] - offsets[i];
            }

            DeltaBinaryPacked.EncodeInt32(lengths.AsSpan(0, count), output);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(lengths);
        }

        if (count > 0)
        {
            output.Write(bytes.Slice(offsets[0], offsets[count] - offsets[0]));
        }

        return output.WrittenCount - start;
    }

    /// <summary>Decodes the length stream into <paramref name="lengths"/>, requiring exactly its length in values.</summary>
    internal static int DecodeLengths(ReadOnlySpan<byte> data, Span<int> lengths, out int consumed, string what)
    {
        int count = DeltaBinaryPacked.DecodeInt32(data, lengths, out consumed);
        if (count != lengths.Length)
        {
            throw new ParquetException($"{what}: the length stream holds {count} values; {lengths.Length} were expected.");
        }

        return count;
    }

    /// <summary>Turns lengths into absolute end offsets in place; validates them against the bytes available.</summary>
    internal static long LengthsToEndOffsets(Span<int> lengthsThenEnds, int dataStart, int available, string what)
    {
        long total = 0;
        for (int i = 0; i < lengthsThenEnds.Length; i++)
        {
            int length = lengthsThenEnds[i];
            if (length < 0)
            {
                throw new ParquetException($"{what}: value {i} has negative length {length}.");
            }

            total += length;
            if (total > available)
            {
                throw new ParquetException($"{what}: value {i} ends at byte {total} of the value data, but only {available} bytes follow the lengths.");
            }

            lengthsThenEnds[i] = dataStart + (int)total;
        }

        return total;
    }
}
