using System.Buffers.Binary;

namespace Floe.Parquet.Encodings;

/// <summary>
/// The legacy INT96 timestamp: 12 bytes holding nanoseconds of the day (little-endian int64) followed by the
/// Julian day number (little-endian int32). Converts to and from Unix-epoch microseconds and nanoseconds.
/// </summary>
public static class Int96Timestamp
{
    /// <summary>Size of one INT96 value in bytes.</summary>
    public const int Size = 12;

    /// <summary>The Julian day number of 1970-01-01.</summary>
    public const int UnixEpochJulianDay = 2_440_588;

    private const long NanosPerDay = 86_400_000_000_000L;
    private const long MicrosPerDay = 86_400_000_000L;

    /// <summary>Converts one 12-byte value to microseconds since the Unix epoch (sub-microsecond nanoseconds are floored).</summary>
    public static long ToUnixMicros(ReadOnlySpan<byte> value)
    {
        Split(value, out long nanosOfDay, out int julianDay);
        try
        {
            return checked(((long)julianDay - UnixEpochJulianDay) * MicrosPerDay + FloorDiv(nanosOfDay, 1000));
        }
        catch (OverflowException ex)
        {
            throw new ParquetException($"INT96 timestamp (Julian day {julianDay}, {nanosOfDay} ns) is outside the int64 microsecond range.", ex);
        }
    }

    /// <summary>Converts one 12-byte value to nanoseconds since the Unix epoch; throws when it does not fit in an int64.</summary>
    public static long ToUnixNanos(ReadOnlySpan<byte> value)
    {
        Split(value, out long nanosOfDay, out int julianDay);
        try
        {
            return checked(((long)julianDay - UnixEpochJulianDay) * NanosPerDay + nanosOfDay);
        }
        catch (OverflowException ex)
        {
            throw new ParquetException($"INT96 timestamp (Julian day {julianDay}, {nanosOfDay} ns) is outside the int64 nanosecond range.", ex);
        }
    }

    /// <summary>Writes microseconds since the Unix epoch as a 12-byte INT96 value.</summary>
    public static void FromUnixMicros(long micros, Span<byte> destination)
    {
        long days = Math.DivRem(micros, MicrosPerDay, out long microsOfDay);
        if (microsOfDay < 0)
        {
            microsOfDay += MicrosPerDay;
            days--;
        }

        Write(destination, microsOfDay * 1000, days + UnixEpochJulianDay);
    }

    /// <summary>Writes nanoseconds since the Unix epoch as a 12-byte INT96 value.</summary>
    public static void FromUnixNanos(long nanos, Span<byte> destination)
    {
        long days = Math.DivRem(nanos, NanosPerDay, out long nanosOfDay);
        if (nanosOfDay < 0)
        {
            nanosOfDay += NanosPerDay;
            days--;
        }

        Write(destination, nanosOfDay, days + UnixEpochJulianDay);
    }

    /// <summary>Converts PLAIN-encoded INT96 values to microseconds; returns the bytes consumed.</summary>
    public static int DecodeToUnixMicros(ReadOnlySpan<byte> data, Span<long> destination)
    {
        int bytes = CheckLength(data, destination.Length);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = ToUnixMicros(data.Slice(i * Size, Size));
        }

        return bytes;
    }

    /// <summary>Converts PLAIN-encoded INT96 values to nanoseconds; returns the bytes consumed.</summary>
    public static int DecodeToUnixNanos(ReadOnlySpan<byte> data, Span<long> destination)
    {
        int bytes = CheckLength(data, destination.Length);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = ToUnixNanos(data.Slice(i * Size, Size));
        }

        return bytes;
    }

    private static long FloorDiv(long value, long divisor)
    {
        long q = Math.DivRem(value, divisor, out long r);
        return r < 0 ? q - 1 : q;
    }

    private static void Split(ReadOnlySpan<byte> value, out long nanosOfDay, out int julianDay)
    {
        if (value.Length < Size)
        {
            throw new ParquetException($"INT96 value needs {Size} bytes; {value.Length} are available.");
        }

        nanosOfDay = BinaryPrimitives.ReadInt64LittleEndian(value);
        julianDay = BinaryPrimitives.ReadInt32LittleEndian(value.Slice(8));
    }

    private static void Write(Span<byte> destination, long nanosOfDay, long julianDay)
    {
        if (julianDay is < int.MinValue or > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(julianDay), julianDay, "The timestamp is outside the INT96 Julian day range.");
        }

        BinaryPrimitives.WriteInt64LittleEndian(destination, nanosOfDay);
        BinaryPrimitives.WriteInt32LittleEndian(destination.Slice(8, 4), (int)julianDay);
    }

    private static int CheckLength(ReadOnlySpan<byte> data, int count)
    {
        long needed = (long)count * Size;
        if (data.Length < needed)
        {
            throw new ParquetException($"PLAIN INT96: {count} values need {needed} bytes; the page holds {data.Length}.");
        }

        return (int)needed;
    }
}
