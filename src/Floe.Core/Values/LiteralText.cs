using System.Globalization;
using System.Text;
using Floe.Common.Errors;

namespace Floe.Core.Values;

/// <summary>
/// Text forms of values used by the spec's JSON single-value serialization: ISO dates, times and timestamps
/// (6 fraction digits for micros, 9 for nanos, <c>+00:00</c> for zoned values), plain decimals and hex bytes.
/// </summary>
public static class LiteralText
{
    public static string FormatDecimal(Int128 unscaled, int scale)
    {
        bool negative = unscaled < 0;
        UInt128 magnitude = negative ? (UInt128)(-(unscaled + 1)) + 1 : (UInt128)unscaled;
        string digits = magnitude.ToString(CultureInfo.InvariantCulture);
        if (scale > 0)
        {
            digits = digits.PadLeft(scale + 1, '0');
            digits = string.Concat(digits.AsSpan(0, digits.Length - scale), ".", digits.AsSpan(digits.Length - scale));
        }

        return negative ? "-" + digits : digits;
    }

    /// <summary>Parses a plain decimal ("14.20", "-0.5", "3") into its unscaled value and scale.</summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, out Int128 unscaled, out int scale)
    {
        unscaled = 0;
        scale = 0;
        text = text.Trim();
        bool negative = false;
        if (text.Length > 0 && text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        if (text.IsEmpty)
        {
            return false;
        }

        bool seenPoint = false;
        int digits = 0;
        UInt128 value = 0;
        foreach (char c in text)
        {
            if (c == '.' && !seenPoint)
            {
                seenPoint = true;
                continue;
            }

            if (c is < '0' or > '9' || ++digits > 38)
            {
                return false;
            }

            value = (value * 10) + (uint)(c - '0');
            if (seenPoint)
            {
                scale++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        unscaled = negative ? -(Int128)value : (Int128)value;
        return true;
    }

    public static string FormatDate(int days) =>
        DateTimeUtil.DateFromDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool TryParseDate(ReadOnlySpan<char> text, out int days)
    {
        days = 0;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return false;
        }

        days = DateTimeUtil.DaysFromDate(date);
        return true;
    }

    /// <summary>HH:mm:ss with a fraction of <paramref name="fractionDigits"/> digits when it is not zero.</summary>
    public static string FormatTime(long unitsOfDay, int fractionDigits = 6)
    {
        long unitsPerSecond = fractionDigits == 9 ? 1_000_000_000 : 1_000_000;
        long seconds = unitsOfDay / unitsPerSecond;
        long fraction = unitsOfDay % unitsPerSecond;
        var sb = new StringBuilder(18);
        sb.Append(CultureInfo.InvariantCulture, $"{seconds / 3600:D2}:{seconds / 60 % 60:D2}:{seconds % 60:D2}");
        if (fraction != 0)
        {
            sb.Append('.').Append(fraction.ToString(fractionDigits == 9 ? "D9" : "D6", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary>Parses HH:mm[:ss[.fraction]] into units (micros or nanos) since midnight.</summary>
    public static bool TryParseTime(ReadOnlySpan<char> text, int fractionDigits, out long unitsOfDay)
    {
        unitsOfDay = 0;
        if (text.Length < 5 || text[2] != ':' || !TwoDigits(text[..2], out int hour) || !TwoDigits(text[3..5], out int minute)
            || hour > 23 || minute > 59)
        {
            return false;
        }

        int second = 0;
        long fraction = 0;
        var rest = text[5..];
        if (!rest.IsEmpty)
        {
            if (rest.Length < 3 || rest[0] != ':' || !TwoDigits(rest[1..3], out second) || second > 59)
            {
                return false;
            }

            rest = rest[3..];
            if (!rest.IsEmpty)
            {
                if (rest[0] != '.' || rest.Length == 1 || rest.Length - 1 > 9)
                {
                    return false;
                }

                int digits = 0;
                foreach (char c in rest[1..])
                {
                    if (c is < '0' or > '9')
                    {
                        return false;
                    }

                    fraction = (fraction * 10) + (c - '0');
                    digits++;
                }

                // Scale the written fraction to the wanted unit, dropping digits finer than the unit.
                for (; digits < 9; digits++)
                {
                    fraction *= 10;
                }

                fraction /= fractionDigits == 9 ? 1 : 1000;
            }
        }

        long unitsPerSecond = fractionDigits == 9 ? 1_000_000_000 : 1_000_000;
        unitsOfDay = (((hour * 3600L) + (minute * 60L) + second) * unitsPerSecond) + fraction;
        return true;
    }

    /// <summary>yyyy-MM-ddTHH:mm:ss[.ffffff], plus <c>+00:00</c> for zoned types.</summary>
    public static string FormatTimestamp(long unitsSinceEpoch, bool withZone, bool nanos = false)
    {
        long unitsPerDay = nanos ? DateTimeUtil.MicrosPerDay * 1000 : DateTimeUtil.MicrosPerDay;
        long days = DateTimeUtil.FloorDiv(unitsSinceEpoch, unitsPerDay);
        long ofDay = DateTimeUtil.FloorMod(unitsSinceEpoch, unitsPerDay);
        string text = FormatDate(checked((int)days)) + "T" + FormatTime(ofDay, nanos ? 9 : 6);
        return withZone ? text + "+00:00" : text;
    }

    /// <summary>
    /// Parses an ISO local date-time; with <paramref name="withZone"/> an offset (<c>+hh:mm</c>, <c>-hh:mm</c> or
    /// <c>Z</c>) is required and the result is converted to UTC; without it an offset is rejected.
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> text, bool withZone, bool nanos, out long unitsSinceEpoch)
    {
        unitsSinceEpoch = 0;
        int t = text.IndexOf('T');
        if (t != 10 || !TryParseDate(text[..10], out int days))
        {
            return false;
        }

        var time = text[11..];
        long offsetMinutes = 0;
        if (withZone)
        {
            if (time.EndsWith("Z"))
            {
                time = time[..^1];
            }
            else
            {
                if (time.Length < 6 || time[^6] is not ('+' or '-') || time[^3] != ':'
                    || !TwoDigits(time[^5..^3], out int oh) || !TwoDigits(time[^2..], out int om))
                {
                    return false;
                }

                offsetMinutes = ((oh * 60) + om) * (time[^6] == '-' ? -1 : 1);
                time = time[..^6];
            }
        }

        if (!TryParseTime(time, nanos ? 9 : 6, out long ofDay))
        {
            return false;
        }

        long unitsPerMinute = (nanos ? 1_000_000_000L : 1_000_000L) * 60;
        long unitsPerDay = unitsPerMinute * 60 * 24;
        unitsSinceEpoch = (days * unitsPerDay) + ofDay - (offsetMinutes * unitsPerMinute);
        return true;
    }

    public static string FormatHex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    public static bool TryParseHex(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 2 != 0)
        {
            return false;
        }

        try
        {
            bytes = Convert.FromHexString(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    internal static FloeException Invalid(string what, string text) =>
        new(FloeErrorKind.InvalidArgument, $"Cannot parse '{text}' as {what}.");

    private static bool TwoDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        if (s.Length != 2 || s[0] is < '0' or > '9' || s[1] is < '0' or > '9')
        {
            return false;
        }

        value = ((s[0] - '0') * 10) + (s[1] - '0');
        return true;
    }
}
