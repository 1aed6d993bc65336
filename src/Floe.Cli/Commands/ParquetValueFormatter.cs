using System.Globalization;
using System.Text;
using System.Text.Json;
using Floe.Common.Columnar;
using ColumnarTimeUnit = Floe.Common.Columnar.TimeUnit;

namespace Floe.Cli.Commands;

/// <summary>
/// Renders column values for <c>floe parquet</c>: timestamps as ISO-8601 (a trailing Z when UTC-adjusted, with
/// 3, 6 or 9 fraction digits for milli-, micro- and nanoseconds), dates as yyyy-MM-dd, times as HH:mm:ss.ffffff,
/// decimals with their scale (JSON strings, so no precision is lost), binary and fixed values as lowercase hex,
/// UUIDs in canonical form, and nested values as JSON (maps with string keys as objects, other maps as arrays of
/// key/value objects).
/// </summary>
internal static class ParquetValueFormatter
{
    /// <summary>A table cell: scalars as plain text, nested values as compact JSON, nulls as "null".</summary>
    public static string Text(ColumnVector vector, int row)
    {
        if (vector.IsNull(row))
        {
            return "null";
        }

        if (vector.Type.IsNested)
        {
            return Json(vector, row);
        }

        return Scalar(vector, row, out _);
    }

    /// <summary>The value as a JSON fragment.</summary>
    public static string Json(ColumnVector vector, int row)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteJson(writer, vector, row);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void WriteJson(Utf8JsonWriter writer, ColumnVector vector, int row)
    {
        if (vector.IsNull(row))
        {
            writer.WriteNullValue();
            return;
        }

        switch (vector)
        {
            case StructVector structs:
                writer.WriteStartObject();
                for (int i = 0; i < structs.Children.Count; i++)
                {
                    writer.WritePropertyName(structs.Type.Children[i].Name);
                    WriteJson(writer, structs.Child(i), row);
                }

                writer.WriteEndObject();
                return;
            case ListVector list:
                writer.WriteStartArray();
                for (int i = list.Offsets[row]; i < list.Offsets[row + 1]; i++)
                {
                    WriteJson(writer, list.Elements, i);
                }

                writer.WriteEndArray();
                return;
            case MapVector map:
                WriteMap(writer, map, row);
                return;
        }

        string text = Scalar(vector, row, out bool isNumber);
        if (isNumber)
        {
            writer.WriteRawValue(text);
        }
        else if (vector.Type.Kind == ColumnKind.Boolean)
        {
            writer.WriteBooleanValue(((PrimitiveVector<bool>)vector)[row]);
        }
        else
        {
            writer.WriteStringValue(text);
        }
    }

    /// <summary>A statistics bound (as decoded by the reader) rendered like a value of <paramref name="type"/>.</summary>
    public static string Bound(object? value, ColumnType type)
    {
        if (value is null)
        {
            return string.Empty;
        }

        return (type.Kind, value) switch
        {
            (ColumnKind.Decimal, Int128 unscaled) => Decimal(unscaled, type.Scale),
            (ColumnKind.Date, int days) => Date(days),
            (ColumnKind.Time, long micros) => Time(micros),
            (ColumnKind.Timestamp, long ticks) => Timestamp(ticks, type),
            (_, byte[] bytes) => Convert.ToHexStringLower(bytes),
            (_, Guid uuid) => uuid.ToString("D"),
            (_, bool flag) => flag ? "true" : "false",
            (_, IFormattable formattable) => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
    }

    private static string Scalar(ColumnVector vector, int row, out bool isNumber)
    {
        ColumnType type = vector.Type;
        isNumber = type.Kind is ColumnKind.Int32 or ColumnKind.Int64;
        switch (type.Kind)
        {
            case ColumnKind.Boolean:
                return ((PrimitiveVector<bool>)vector)[row] ? "true" : "false";
            case ColumnKind.Int32:
                return ((PrimitiveVector<int>)vector)[row].ToString(CultureInfo.InvariantCulture);
            case ColumnKind.Int64:
                return ((PrimitiveVector<long>)vector)[row].ToString(CultureInfo.InvariantCulture);
            case ColumnKind.Float32:
                float f = ((PrimitiveVector<float>)vector)[row];
                isNumber = float.IsFinite(f);
                return f.ToString(CultureInfo.InvariantCulture);
            case ColumnKind.Float64:
                double d = ((PrimitiveVector<double>)vector)[row];
                isNumber = double.IsFinite(d);
                return d.ToString(CultureInfo.InvariantCulture);
            case ColumnKind.Decimal:
                return Decimal(((PrimitiveVector<Int128>)vector)[row], type.Scale);
            case ColumnKind.Date:
                return Date(((PrimitiveVector<int>)vector)[row]);
            case ColumnKind.Time:
                return Time(((PrimitiveVector<long>)vector)[row]);
            case ColumnKind.Timestamp:
                return Timestamp(((PrimitiveVector<long>)vector)[row], type);
            case ColumnKind.String:
                return ((BinaryVector)vector).GetString(row);
            case ColumnKind.Binary:
                return Convert.ToHexStringLower(((BinaryVector)vector).GetBytes(row));
            case ColumnKind.FixedBinary:
                return Convert.ToHexStringLower(((FixedBinaryVector)vector).GetBytes(row));
            case ColumnKind.Uuid:
                return new Guid(((FixedBinaryVector)vector).GetBytes(row), bigEndian: true).ToString("D");
            default:
                return Json(vector, row);
        }
    }

    private static void WriteMap(Utf8JsonWriter writer, MapVector map, int row)
    {
        int start = map.Offsets[row];
        int end = map.Offsets[row + 1];
        if (map.Keys.Type.Kind == ColumnKind.String)
        {
            writer.WriteStartObject();
            var keys = (BinaryVector)map.Keys;
            for (int i = start; i < end; i++)
            {
                writer.WritePropertyName(keys.GetString(i));
                WriteJson(writer, map.Values, i);
            }

            writer.WriteEndObject();
            return;
        }

        writer.WriteStartArray();
        for (int i = start; i < end; i++)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("key");
            WriteJson(writer, map.Keys, i);
            writer.WritePropertyName("value");
            WriteJson(writer, map.Values, i);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static string Decimal(Int128 unscaled, int scale)
    {
        bool negative = unscaled < 0;
        string digits = (negative ? -unscaled : unscaled).ToString(CultureInfo.InvariantCulture);
        if (scale > 0)
        {
            digits = digits.PadLeft(scale + 1, '0');
            digits = string.Concat(digits.AsSpan(0, digits.Length - scale), ".", digits.AsSpan(digits.Length - scale));
        }

        return negative ? "-" + digits : digits;
    }

    private static string Date(int days)
    {
        long dayNumber = DateOnly.FromDayNumber(719_162).DayNumber + (long)days;
        return dayNumber is >= 0 and <= 3_652_058
            ? DateOnly.FromDayNumber((int)dayNumber).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : days.ToString(CultureInfo.InvariantCulture);
    }

    private static string Time(long micros) =>
        micros is >= 0 and < 86_400_000_000L
            ? new TimeOnly(micros * 10).ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture)
            : micros.ToString(CultureInfo.InvariantCulture);

    private static string Timestamp(long value, ColumnType type)
    {
        (long perSecond, int digits) = type.Unit switch
        {
            ColumnarTimeUnit.Milliseconds => (1_000L, 3),
            ColumnarTimeUnit.Microseconds => (1_000_000L, 6),
            _ => (1_000_000_000L, 9),
        };
        long seconds = Math.DivRem(value, perSecond, out long remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += perSecond;
        }

        if (seconds is < -62_135_596_800L or > 253_402_300_799L)
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        DateTime time = DateTime.UnixEpoch.AddSeconds(seconds);
        string text = time.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + "."
            + remainder.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
        return type.AdjustedToUtc ? text + "Z" : text;
    }
}
