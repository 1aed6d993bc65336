using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Floe.Parquet.Encodings;

namespace Floe.Parquet.Reading;

/// <summary>Converts one physical value to its columnar value; a struct so each conversion is specialised by the JIT.</summary>
internal interface IValueConverter<TIn, TOut>
    where TIn : unmanaged
    where TOut : unmanaged
{
    /// <summary>True when <typeparamref name="TIn"/> and <typeparamref name="TOut"/> are the same and values pass unchanged.</summary>
    static abstract bool IsIdentity { get; }

    static abstract TOut Convert(TIn value);
}

/// <summary>A 12-byte INT96 value as stored.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 1, Size = 12)]
internal struct Int96Value
{
    private long _nanosOfDay;
    private int _julianDay;

    public readonly long ToUnixNanos() =>
        Int96Timestamp.ToUnixNanos(MemoryMarshal.AsBytes(new ReadOnlySpan<Int96Value>(in this)));
}

internal readonly struct Identity<T> : IValueConverter<T, T>
    where T : unmanaged
{
    public static bool IsIdentity => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Convert(T value) => value;
}

internal readonly struct UInt32ToInt64 : IValueConverter<int, long>
{
    public static bool IsIdentity => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Convert(int value) => (uint)value;
}

internal readonly struct MillisToMicros : IValueConverter<int, long>
{
    public static bool IsIdentity => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Convert(int value) => value * 1000L;
}

internal readonly struct NanosToMicros : IValueConverter<long, long>
{
    public static bool IsIdentity => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Convert(long value) => value / 1000;
}

internal readonly struct Int32ToDecimal : IValueConverter<int, Int128>
{
    public static bool IsIdentity => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Int128 Convert(int value) => value;
}

internal readonly struct Int64ToDecimal : IValueConverter<long, Int128>
{
    public static bool IsIdentity => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Int128 Convert(long value) => value;
}

internal readonly struct Int96ToNanos : IValueConverter<Int96Value, long>
{
    public static bool IsIdentity => false;

    public static long Convert(Int96Value value) => value.ToUnixNanos();
}

/// <summary>Big-endian two's complement decimal bytes to a 128-bit unscaled value.</summary>
internal static class DecimalBytes
{
    public static Int128 ToInt128(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 16)
        {
            // Longer encodings are valid only when the extra leading bytes are sign extension.
            int extra = bytes.Length - 16;
            byte sign = (bytes[extra] & 0x80) != 0 ? (byte)0xFF : (byte)0;
            foreach (byte b in bytes[..extra])
            {
                if (b != sign)
                {
                    throw new ParquetException($"A decimal value of {bytes.Length} bytes does not fit in 128 bits.");
                }
            }

            bytes = bytes[extra..];
        }

        if (bytes.IsEmpty)
        {
            return Int128.Zero;
        }

        Int128 value = (sbyte)bytes[0];
        for (int i = 1; i < bytes.Length; i++)
        {
            value = (value << 8) | bytes[i];
        }

        return value;
    }
}
