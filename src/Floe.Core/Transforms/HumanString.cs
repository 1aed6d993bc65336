using System.Globalization;
using System.Text;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Transforms;

/// <summary>
/// Partition-path text of values, matching the Java implementation so both write the same directory names:
/// ISO dates, times without trailing zero seconds, timestamps with 'Z' for UTC, binary as base64.
/// </summary>
internal static class HumanString
{
    public static string Of(Literal value)
    {
        if (value.IsNull)
        {
            return "null";
        }

        return value.TypeId switch
        {
            TypeId.Float => JavaFloat(value.AsFloat(), value.AsFloat().ToString("R", CultureInfo.InvariantCulture)),
            TypeId.Double => JavaFloat(value.AsDouble(), value.AsDouble().ToString("R", CultureInfo.InvariantCulture)),
            TypeId.Time => Time(value.AsLong() * 1000),
            TypeId.Timestamp => Timestamp(value.AsLong(), 1000),
            TypeId.TimestampTz => Timestamp(value.AsLong(), 1000) + "Z",
            TypeId.TimestampNs => Timestamp(value.AsLong(), 1),
            TypeId.TimestampTzNs => Timestamp(value.AsLong(), 1) + "Z",
            TypeId.Fixed or TypeId.Binary => Convert.ToBase64String(value.AsBytes()),
            _ => value.ToString(),
        };
    }

    /// <summary>Java's LocalTime.toString: HH:mm, then :ss when seconds or a fraction exist, then 3, 6 or 9 digits.</summary>
    public static string Time(long nanosOfDay)
    {
        long seconds = nanosOfDay / 1_000_000_000;
        long nanos = nanosOfDay % 1_000_000_000;
        var sb = new StringBuilder(18);
        sb.Append(CultureInfo.InvariantCulture, $"{seconds / 3600:D2}:{seconds / 60 % 60:D2}");
        if (seconds % 60 != 0 || nanos != 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $":{seconds % 60:D2}");
            if (nanos != 0)
            {
                if (nanos % 1_000_000 == 0)
                {
                    sb.Append(CultureInfo.InvariantCulture, $".{nanos / 1_000_000:D3}");
                }
                else if (nanos % 1000 == 0)
                {
                    sb.Append(CultureInfo.InvariantCulture, $".{nanos / 1000:D6}");
                }
                else
                {
                    sb.Append(CultureInfo.InvariantCulture, $".{nanos:D9}");
                }
            }
        }

        return sb.ToString();
    }

    private static string Timestamp(long units, long nanosPerUnit)
    {
        long unitsPerDay = 86_400_000_000_000 / nanosPerUnit;
        long days = DateTimeUtil.FloorDiv(units, unitsPerDay);
        long ofDay = DateTimeUtil.FloorMod(units, unitsPerDay);
        return LiteralText.FormatDate(checked((int)days)) + "T" + Time(ofDay * nanosPerUnit);
    }

    private static string JavaFloat(double value, string text)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }
}
