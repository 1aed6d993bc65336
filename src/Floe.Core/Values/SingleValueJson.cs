using System.Text.Json;
using Floe.Common.Errors;
using Floe.Core.Json;
using Floe.Core.Types;

namespace Floe.Core.Values;

/// <summary>
/// The spec's JSON single-value serialization (used for defaults and REST partition values): booleans and numbers
/// as JSON scalars, decimals as strings ("14.20"), dates, times and timestamps as ISO strings (zoned ones with
/// "+00:00"), UUIDs as lowercase strings, fixed and binary as hex strings.
/// </summary>
public static class SingleValueJson
{
    /// <summary>Writes the value (null as JSON null).</summary>
    public static void Write(Utf8JsonWriter writer, Literal value)
    {
        if (value.IsNull)
        {
            writer.WriteNullValue();
            return;
        }

        switch (value.TypeId)
        {
            case TypeId.Boolean:
                writer.WriteBooleanValue(value.AsBoolean());
                break;
            case TypeId.Int:
                writer.WriteNumberValue(value.AsInt());
                break;
            case TypeId.Long:
                writer.WriteNumberValue(value.AsLong());
                break;
            case TypeId.Float:
                writer.WriteNumberValue(Finite(value.AsFloat()));
                break;
            case TypeId.Double:
                writer.WriteNumberValue(Finite(value.AsDouble()));
                break;
            case TypeId.Uuid:
                writer.WriteStringValue(value.AsUuid().ToString("D"));
                break;
            default:
                // Decimals, dates, times, timestamps, strings and hex bytes use their text form.
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    public static string ToJson(Literal value) => JsonOut.ToString(w => Write(w, value), indented: false);

    /// <summary>Reads a value of <paramref name="type"/> from the reader's current token (JSON null gives null).</summary>
    /// <exception cref="FloeException">The token is not a valid value of the type (kind InvalidData).</exception>
    public static Literal Read(ref Utf8JsonReader reader, PrimitiveType type)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return Literal.Null;
        }

        string what = type.ToString();
        switch (type.TypeId)
        {
            case TypeId.Boolean:
                return Literal.Of(JsonIn.Bool(ref reader, what));
            case TypeId.Int:
                return Literal.Of(JsonIn.Int(ref reader, what));
            case TypeId.Long:
                return Literal.Of(JsonIn.Long(ref reader, what));
            case TypeId.Float:
                return Literal.Of(JsonIn.Single(ref reader, what));
            case TypeId.Double:
                return Literal.Of(JsonIn.Double(ref reader, what));
            default:
                break;
        }

        string text = JsonIn.String(ref reader, what);
        Literal? parsed = TryParseText(type, text);
        return parsed ?? throw JsonIn.Error(ref reader, $"'{text}' is not a valid {type} value");
    }

    public static Literal FromJson(PrimitiveType type, string json) =>
        JsonIn.Parse(json, $"{type} value", (ref Utf8JsonReader r) => Read(ref r, type));

    /// <summary>Parses the string form of a non-numeric value; null when it is not valid for the type.</summary>
    public static Literal? TryParseText(PrimitiveType type, string text)
    {
        switch (type.TypeId)
        {
            case TypeId.Decimal:
                return LiteralText.TryParseDecimal(text, out var unscaled, out int scale)
                    && scale == type.Scale && Literal.DecimalDigits(unscaled) <= type.Precision
                    ? Literal.OfDecimal(unscaled, scale) : null;
            case TypeId.Date:
                return LiteralText.TryParseDate(text, out int days) ? Literal.OfDate(days) : null;
            case TypeId.Time:
                return LiteralText.TryParseTime(text, 6, out long micros) ? Literal.OfTime(micros) : null;
            case TypeId.Timestamp:
                return LiteralText.TryParseTimestamp(text, false, false, out long ts) ? Literal.OfTimestamp(ts) : null;
            case TypeId.TimestampTz:
                return LiteralText.TryParseTimestamp(text, true, false, out long tz) ? Literal.OfTimestampTz(tz) : null;
            case TypeId.TimestampNs:
                return LiteralText.TryParseTimestamp(text, false, true, out long ns) ? Literal.OfTimestampNs(ns) : null;
            case TypeId.TimestampTzNs:
                return LiteralText.TryParseTimestamp(text, true, true, out long tzNs) ? Literal.OfTimestampTzNs(tzNs) : null;
            case TypeId.String:
                return Literal.Of(text);
            case TypeId.Uuid:
                return Guid.TryParseExact(text, "D", out var uuid) ? Literal.Of(uuid) : null;
            case TypeId.Fixed:
                return LiteralText.TryParseHex(text, out byte[] fixedBytes) && fixedBytes.Length == type.Length
                    ? Literal.OfFixed(fixedBytes) : null;
            case TypeId.Binary:
                return LiteralText.TryParseHex(text, out byte[] bytes) ? Literal.OfBinary(bytes) : null;
            default:
                return null;
        }
    }

    private static double Finite(double value) => double.IsFinite(value)
        ? value
        : throw new FloeException(FloeErrorKind.InvalidArgument, $"{value} has no JSON single-value form.");

    private static float Finite(float value) => float.IsFinite(value)
        ? value
        : throw new FloeException(FloeErrorKind.InvalidArgument, $"{value} has no JSON single-value form.");
}
