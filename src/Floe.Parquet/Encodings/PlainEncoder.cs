using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Floe.Common.Errors;

namespace Floe.Parquet.Encodings;

/// <summary>
/// PLAIN encoding of every physical type, appended to a <see cref="PooledBuffer"/>. Each method returns the bytes written.
/// Byte arrays come in the columnar layout: <c>offsets</c> has one more entry than there are values and
/// value i is <c>bytes[offsets[i]..offsets[i + 1]]</c>.
/// </summary>
public static class PlainEncoder
{
    /// <summary>Appends booleans bit-packed LSB first.</summary>
    public static int EncodeBooleans(ReadOnlySpan<bool> values, PooledBuffer output)
    {
        int bytes = (int)(((long)values.Length + 7) >> 3);
        Span<byte> span = output.GetSpan(bytes);
        ReadOnlySpan<byte> raw = MemoryMarshal.AsBytes(values);
        int full = values.Length >> 3;
        for (int i = 0; i < full; i++)
        {
            // Gather the low bit of 8 bool bytes: multiplying by 2^(56 - 7k) summed over k moves bit 8k to bit 56 + k without carries.
            ulong eight = BinaryPrimitives.ReadUInt64LittleEndian(raw.Slice(i * 8, 8)) & 0x0101_0101_0101_0101UL;
            span[i] = (byte)((eight * 0x0102_0408_1020_4080UL) >> 56);
        }

        if (full < bytes)
        {
            int last = 0;
            for (int i = full * 8; i < values.Length; i++)
            {
                last |= (values[i] ? 1 : 0) << (i & 7);
            }

            span[full] = (byte)last;
        }

        output.Advance(bytes);
        return bytes;
    }

    /// <summary>Appends INT32/INT64/FLOAT/DOUBLE values little-endian.</summary>
    public static int EncodeFixed<T>(ReadOnlySpan<T> values, PooledBuffer output)
        where T : unmanaged
    {
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(values);
        output.Write(bytes);
        return bytes.Length;
    }

    /// <summary>Appends FIXED_LEN_BYTE_ARRAY (or raw INT96) values already laid out back to back.</summary>
    public static int EncodeFixedLenByteArrays(ReadOnlySpan<byte> values, int typeLength, PooledBuffer output)
    {
        if (typeLength <= 0 || values.Length % typeLength != 0)
        {
            throw new ParquetException(FloeErrorKind.InvalidArgument,
                $"PLAIN FIXED_LEN_BYTE_ARRAY: {values.Length} bytes are not a whole number of {typeLength}-byte values.");
        }

        output.Write(values);
        return values.Length;
    }

    /// <summary>Appends BYTE_ARRAY values, each as a 4-byte little-endian length and the bytes.</summary>
    public static int EncodeByteArrays(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> bytes, PooledBuffer output)
    {
        int start = output.WrittenCount;
        for (int i = 0; i + 1 < offsets.Length; i++)
        {
            int from = offsets[i];
            int length = offsets[i + 1] - from;
            ReadOnlySpan<byte> value = bytes.Slice(from, length);
            Span<byte> span = output.GetSpan(4 + length);
            BinaryPrimitives.WriteInt32LittleEndian(span, length);
            value.CopyTo(span.Slice(4));
            output.Advance(4 + length);
        }

        return output.WrittenCount - start;
    }

    /// <summary>Appends one BYTE_ARRAY value.</summary>
    public static int EncodeByteArray(ReadOnlySpan<byte> value, PooledBuffer output)
    {
        Span<byte> span = output.GetSpan(4 + value.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span, value.Length);
        value.CopyTo(span.Slice(4));
        output.Advance(4 + value.Length);
        return 4 + value.Length;
    }
}
