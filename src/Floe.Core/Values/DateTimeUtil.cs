using Floe.Common.Errors;

namespace Floe.Core.Values;

/// <summary>
/// Conversions between Iceberg's integer time representations (days, micros, nanos since the epoch or midnight)
/// and .NET calendar types, with floor semantics for values before 1970.
/// </summary>
public static class DateTimeUtil
{
    public const long MicrosPerSecond = 1_000_000;
    public const long MicrosPerHour = 3_600_000_000;
    public const long MicrosPerDay = 86_400_000_000;
    public const long NanosPerMicro = 1_000;

    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>Floor division (rounds toward negative infinity).</summary>
    public static long FloorDiv(long value, long divisor)
    {
        long q = value / divisor;
        return (value % divisor != 0 && ((value < 0) != (divisor < 0))) ? q - 1 : q;
    }

    /// <summary>Non-negative remainder for a positive divisor.</summary>
    public static long FloorMod(long value, long divisor) => value - (FloorDiv(value, divisor) * divisor);

    public static int DaysFromDate(DateOnly date) => date.DayNumber - EpochDayNumber;

    public static DateOnly DateFromDays(long days)
    {
        long dayNumber = days + EpochDayNumber;
        if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Date {days} days from 1970-01-01 is outside years 1..9999.");
        }

        return DateOnly.FromDayNumber((int)dayNumber);
    }

    public static long MicrosFromTime(TimeOnly time) => time.Ticks / 10;

    public static TimeOnly TimeFromMicros(long micros)
    {
        if (micros is < 0 or >= MicrosPerDay)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Time {micros} µs is outside one day.");
        }

        return new TimeOnly(micros * 10);
    }

    /// <summary>Microseconds since the epoch of a UTC (or unspecified-kind local) date-time.</summary>
    public static long MicrosFromTimestamp(DateTime value) => FloorDiv(value.Ticks - DateTime.UnixEpoch.Ticks, 10);

    public static long MicrosFromTimestamp(DateTimeOffset value) => FloorDiv(value.UtcTicks - DateTime.UnixEpoch.Ticks, 10);

    public static DateTime TimestampFromMicros(long micros)
    {
        var date = DateFromDays(FloorDiv(micros, MicrosPerDay));
        long microsOfDay = FloorMod(micros, MicrosPerDay);
        return date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddTicks(microsOfDay * 10);
    }

    /// <summary>Whole years since 1970 (negative before).</summary>
    public static int YearsFromDays(long days) => DateFromDays(days).Year - 1970;

    /// <summary>Whole months since 1970-01 (negative before).</summary>
    public static int MonthsFromDays(long days)
    {
        var date = DateFromDays(days);
        return ((date.Year - 1970) * 12) + date.Month - 1;
    }

    public static int DaysFromMicros(long micros) => checked((int)FloorDiv(micros, MicrosPerDay));

    public static int HoursFromMicros(long micros) => checked((int)FloorDiv(micros, MicrosPerHour));

    public static long MicrosFromNanos(long nanos) => FloorDiv(nanos, NanosPerMicro);
}
