using System.Runtime.CompilerServices;

namespace Floe.Parquet.Encodings;

/// <summary>
/// Bounded ULEB128 and zigzag varints as used by the RLE hybrid headers and the delta encodings.
/// Reads never run past the span and reject encodings longer than the target type.
/// </summary>
internal static class Varint
{
    /// <summary>Reads an unsigned 32-bit ULEB128 at <paramref name="position"/> and advances it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ReadUInt32(ReadOnlySpan<byte> data, ref int position, string what)
    {
        int pos = position;
        if ((uint)pos < (uint)data.Length && data[pos] < 0x80)
        {
            position = pos + 1;
            return data[pos];
        }

        return ReadUInt32Slow(data, ref position, what);
    }

    private static uint ReadUInt32Slow(ReadOnlySpan<byte> data, ref int position, string what)
    {
        ulong value = ReadUInt64(data, ref position, what);
        if (value > uint.MaxValue)
        {
            throw new ParquetException($"{what}: varint value {value} at byte {position} does not fit in 32 bits.");
        }

        return (uint)value;
    }

    /// <summary>Reads an unsigned 64-bit ULEB128 (at most 10 bytes) and advances <paramref name="position"/>.</summary>
    public static ulong ReadUInt64(ReadOnlySpan<byte> data, ref int position, string what)
    {
        int start = position;
        int pos = start;
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if ((uint)pos >= (uint)data.Length)
            {
                throw new ParquetException($"{what}: varint at byte {start} runs past the end of the data ({data.Length} bytes).");
            }

            byte b = data[pos++];
            if (shift == 63 && b > 1)
            {
                throw new ParquetException($"{what}: varint at byte {start} overflows 64 bits.");
            }

            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                position = pos;
                return result;
            }
        }

        throw new ParquetException($"{what}: varint at byte {start} is longer than 10 bytes.");
    }

    /// <summary>Reads a zigzag-encoded signed 64-bit varint.</summary>
    public static long ReadZigZag64(ReadOnlySpan<byte> data, ref int position, string what)
    {
        ulong raw = ReadUInt64(data, ref position, what);
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>Writes an unsigned ULEB128 into <paramref name="destination"/>; returns the bytes written (at most 10).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Write(Span<byte> destination, ulong value)
    {
        int i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>Appends an unsigned ULEB128.</summary>
    public static void Write(PooledBuffer output, ulong value)
    {
        int n = Write(output.GetSpan(10), value);
        output.Advance(n);
    }

    /// <summary>Appends a zigzag-encoded signed varint.</summary>
    public static void WriteZigZag(PooledBuffer output, long value) => Write(output, (ulong)((value << 1) ^ (value >> 63)));
}
