using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;

namespace Floe.Avro.Generic;

/// <summary>Conversions between logical-type values and their underlying Avro values.</summary>
public static class AvroLogicalValues
{
    private static readonly DateTime UnixEpoch = DateTime.UnixEpoch;

    /// <summary>The unscaled big-endian two's-complement integer of a decimal.</summary>
    public static BigInteger DecimalUnscaled(ReadOnlySpan<byte> bytes) =>
        bytes.IsEmpty ? BigInteger.Zero : new BigInteger(bytes, isUnsigned: false, isBigEndian: true);

    /// <summary>A decimal as exact text (<c>-12.345</c>) from its unscaled bytes and scale.</summary>
    public static string DecimalToString(ReadOnlySpan<byte> bytes, int scale)
    {
        BigInteger unscaled = DecimalUnscaled(bytes);
        string digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture);
        string sign = unscaled.Sign < 0 ? "-" : string.Empty;
        if (scale <= 0)
        {
            return sign + digits + new string('0', -scale);
        }

        digits = digits.PadLeft(scale + 1, '0');
        return sign + digits[..^scale] + "." + digits[^scale..];
    }

    /// <summary>The bytes of a decimal: the minimal big-endian two's complement of <paramref name="value"/> scaled by <paramref name="scale"/>.</summary>
    public static byte[] DecimalToBytes(decimal value, int scale)
    {
        decimal scaled = decimal.Round(value * Pow10(scale), 0, MidpointRounding.ToEven);
        return new BigInteger(scaled).ToByteArray(isUnsigned: false, isBigEndian: true);
    }

    /// <summary>The bytes of a decimal padded (sign-extended) to a fixed size.</summary>
    public static byte[] DecimalToFixed(BigInteger unscaled, int size)
    {
        byte[] minimal = unscaled.ToByteArray(isUnsigned: false, isBigEndian: true);
        if (minimal.Length > size)
        {
            throw new ArgumentOutOfRangeException(nameof(unscaled), $"the decimal needs {minimal.Length} bytes, the fixed holds {size}");
        }

        byte[] result = new byte[size];
        result.AsSpan(0, size - minimal.Length).Fill(unscaled.Sign < 0 ? (byte)0xFF : (byte)0);
        minimal.CopyTo(result, size - minimal.Length);
        return result;
    }

    /// <summary>A decimal value from its unscaled bytes (throws <see cref="OverflowException"/> beyond <see cref="decimal"/>'s range).</summary>
    public static decimal DecimalToDecimal(ReadOnlySpan<byte> bytes, int scale) => (decimal)DecimalUnscaled(bytes) / Pow10(scale);

    private static decimal Pow10(int scale)
    {
        decimal result = 1m;
        for (int i = 0; i < scale; i++)
        {
            result *= 10m;
        }

        return result;
    }

    /// <summary>The date <paramref name="days"/> after 1970-01-01.</summary>
    public static DateOnly Date(int days) => DateOnly.FromDayNumber(DateOnly.FromDateTime(UnixEpoch).DayNumber + days);

    /// <summary>Days since 1970-01-01.</summary>
    public static int Days(DateOnly date) => date.DayNumber - DateOnly.FromDateTime(UnixEpoch).DayNumber;

    /// <summary>A UTC instant from microseconds since the epoch.</summary>
    public static DateTime TimestampMicros(long micros) => UnixEpoch.AddTicks(checked(micros * 10));

    /// <summary>A UTC instant from milliseconds since the epoch.</summary>
    public static DateTime TimestampMillis(long millis) => UnixEpoch.AddTicks(checked(millis * TimeSpan.TicksPerMillisecond));

    /// <summary>Microseconds since the epoch.</summary>
    public static long ToTimestampMicros(DateTime value) => (value.ToUniversalTime() - UnixEpoch).Ticks / 10;

    /// <summary>A time of day from microseconds after midnight.</summary>
    public static TimeOnly TimeMicros(long micros) => new(checked(micros * 10));

    /// <summary>A time of day from milliseconds after midnight.</summary>
    public static TimeOnly TimeMillis(int millis) => new(checked(millis * TimeSpan.TicksPerMillisecond));

    /// <summary>A UUID from the 16 bytes of a <c>fixed(16)</c> (big-endian, RFC 4122 order).</summary>
    public static Guid Uuid(ReadOnlySpan<byte> bytes) => new(bytes, bigEndian: true);

    /// <summary>The 16 big-endian bytes of a UUID.</summary>
    public static byte[] UuidBytes(Guid value)
    {
        byte[] bytes = new byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        return bytes;
    }

    /// <summary>A duration fixed(12): months, days, milliseconds (little-endian unsigned).</summary>
    public static (uint Months, uint Days, uint Milliseconds) Duration(ReadOnlySpan<byte> bytes) =>
        (BinaryPrimitives.ReadUInt32LittleEndian(bytes), BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]), BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]));
}
