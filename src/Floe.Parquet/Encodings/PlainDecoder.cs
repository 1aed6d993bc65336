using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Floe.Parquet.Encodings;

/// <summary>
/// PLAIN decoding of every physical type. Each method decodes exactly the destination's value count and returns
/// the bytes of <c>data</c> consumed, or throws <see cref="ParquetException"/> when the data is too short.
/// <list type="bullet">
/// <item><see cref="DecodeBooleans"/>: bit-packed, LSB first.</item>
/// <item><see cref="DecodeFixed{T}"/>: INT32, INT64, FLOAT, DOUBLE as little-endian copies.</item>
/// <item>INT96: see <see cref="Int96Timestamp"/> (or <see cref="DecodeFixedLenByteArrays"/> with width 12 for raw bytes).</item>
/// <item><see cref="MeasureByteArrays"/> then <see cref="DecodeByteArrays"/>: BYTE_ARRAY into end offsets plus contiguous bytes.</item>
/// <item><see cref="DecodeFixedLenByteArrays"/>: FIXED_LEN_BYTE_ARRAY into contiguous bytes.</item>
/// </list>
/// </summary>
public static class PlainDecoder
{
    /// <summary>Decodes bit-packed booleans; returns the bytes consumed (count rounded up to whole bytes).</summary>
    public static int DecodeBooleans(ReadOnlySpan<byte> data, Span<bool> destination)
    {
        int bytes = (int)(((long)destination.Length + 7) >> 3);
        if (data.Length < bytes)
        {
            throw new ParquetException($"PLAIN BOOLEAN: {destination.Length} values need {bytes} bytes; the page holds {data.Length}.");
        }

        int full = destination.Length >> 3;
        Span<byte> asBytes = MemoryMarshal.AsBytes(destination);
        for (int i = 0; i < full; i++)
        {
            // Multiplying a nibble by 1 + 2^7 + 2^14 + 2^21 moves bit k to bit 8k without carries (the
            // shifted copies never overlap), so the mask leaves each bit as the 0/1 value of its own bool byte.
            ulong b = data[i];
            ulong spread = ((b & 0x0F) * 0x0000_0000_0020_4081UL & 0x0000_0000_0101_0101UL)
                | ((b >> 4) * 0x0000_0000_0020_4081UL & 0x0000_0000_0101_0101UL) << 32;
            BinaryPrimitives.WriteUInt64LittleEndian(asBytes.Slice(i * 8, 8), spread);
        }

        for (int i = full * 8; i < destination.Length; i++)
        {
            destination[i] = (data[i >> 3] >> (i & 7) & 1) != 0;
        }

        return bytes;
    }

    /// <summary>Decodes little-endian INT32/INT64/FLOAT/DOUBLE values; returns the bytes consumed.</summary>
    public static int DecodeFixed<T>(ReadOnlySpan<byte> data, Span<T> destination)
        where T : unmanaged
    {
        Span<byte> target = MemoryMarshal.AsBytes(destination);
        if (data.Length < target.Length)
        {
            throw new ParquetException(
                $"PLAIN {typeof(T).Name}: {destination.Length} values need {target.Length} bytes; the page holds {data.Length}.");
        }

        data.Slice(0, target.Length).CopyTo(target);
        return target.Length;
    }

    /// <summary>Decodes FIXED_LEN_BYTE_ARRAY values of <paramref name="typeLength"/> bytes into contiguous bytes; returns bytes consumed.</summary>
    public static int DecodeFixedLenByteArrays(ReadOnlySpan<byte> data, int typeLength, int count, Span<byte> destination)
    {
        if (typeLength <= 0)
        {
            throw new ParquetException($"PLAIN FIXED_LEN_BYTE_ARRAY: type length {typeLength} must be positive.");
        }

        if (count < 0)
        {
            throw new ParquetException($"PLAIN FIXED_LEN_BYTE_ARRAY: value count {count} is negative.");
        }

        long needed = (long)typeLength * count;
        if (data.Length < needed)
        {
            throw new ParquetException($"PLAIN FIXED_LEN_BYTE_ARRAY({typeLength}): {count} values need {needed} bytes; the page holds {data.Length}.");
        }

        if (destination.Length < needed)
        {
            throw new ArgumentException($"Destination holds {destination.Length} bytes; {needed} are needed.", nameof(destination));
        }

        data.Slice(0, (int)needed).CopyTo(destination);
        return (int)needed;
    }

    /// <summary>
    /// Validates <paramref name="count"/> BYTE_ARRAY values and returns their total payload size, so the caller
    /// can size the byte buffer before <see cref="DecodeByteArrays"/>.
    /// </summary>
    public static int MeasureByteArrays(ReadOnlySpan<byte> data, int count)
    {
        int position = 0;
        long total = 0;
        for (int i = 0; i < count; i++)
        {
            int length = ReadLength(data, position, i);
            position += 4 + length;
            total += length;
        }

        return (int)total;
    }

    /// <summary>
    /// Decodes <c>endOffsets.Length</c> BYTE_ARRAY values: payloads are copied back to back into <paramref name="bytes"/>,
    /// and <c>endOffsets[i]</c> receives the end of value i as <paramref name="dataStart"/> plus its position in
    /// <paramref name="bytes"/> (the columnar "offsets plus bytes" layout). Returns the bytes of data consumed.
    /// Bytes of <paramref name="bytes"/> past the last value may be overwritten.
    /// </summary>
    public static int DecodeByteArrays(ReadOnlySpan<byte> data, Span<int> endOffsets, Span<byte> bytes, int dataStart = 0)
    {
        int position = 0;
        int written = 0;
        ref byte src = ref MemoryMarshal.GetReference(data);
        ref byte dst = ref MemoryMarshal.GetReference(bytes);
        for (int i = 0; i < endOffsets.Length; i++)
        {
            int length = ReadLength(data, position, i);
            if (length > bytes.Length - written)
            {
                throw new ArgumentException($"The byte buffer ({bytes.Length} bytes) is too small for value {i} of the page.", nameof(bytes));
            }

            if (length <= 16 && data.Length - position >= 20 && bytes.Length - written >= 16)
            {
                // Short values dominate string columns: one fixed 16-byte move (both ends checked above) beats a
                // variable-length copy; the bytes past the value are overwritten by the next one.
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, written), Unsafe.ReadUnaligned<Int128>(ref Unsafe.Add(ref src, position + 4)));
            }
            else
            {
                data.Slice(position + 4, length).CopyTo(bytes.Slice(written));
            }

            position += 4 + length;
            written += length;
            endOffsets[i] = dataStart + written;
        }

        return position;
    }

    private static int ReadLength(ReadOnlySpan<byte> data, int position, int index)
    {
        if (data.Length - position < 4)
        {
            throw new ParquetException($"PLAIN BYTE_ARRAY: value {index} at byte {position} has no 4-byte length ({data.Length - position} bytes remain).");
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(data.Slice(position));
        if (length < 0 || length > data.Length - position - 4)
        {
            throw new ParquetException(
                $"PLAIN BYTE_ARRAY: value {index} at byte {position} has length {length}, but {data.Length - position - 4} bytes remain.");
        }

        return length;
    }
}
