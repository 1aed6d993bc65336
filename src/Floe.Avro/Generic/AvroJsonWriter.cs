using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Floe.Avro.Schemas;

namespace Floe.Avro.Generic;

/// <summary>
/// Writes generic datums as JSON following Avro's JSON encoding: bytes and fixed as strings whose characters are the
/// byte values U+0000–U+00FF (escaped as <c>\u00XX</c> where not printable), enums as their symbol, maps as objects.
/// Float NaN and infinities, which JSON lacks, are written as the strings <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>.
/// </summary>
public static class AvroJsonWriter
{
    /// <summary>Renders <paramref name="value"/> (of <paramref name="schema"/>, when known) as JSON text.</summary>
    public static string ToJson(object? value, AvroSchema? schema, AvroJsonOptions options)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = options.Indented,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            Write(writer, value, schema, options);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Writes <paramref name="value"/> (of <paramref name="schema"/>, when known) to <paramref name="writer"/>.</summary>
    public static void Write(Utf8JsonWriter writer, object? value, AvroSchema? schema, AvroJsonOptions options)
    {
        if (schema is UnionSchema union)
        {
            int branch = AvroUnionSelector.Select(union, value);
            AvroSchema branchSchema = union.Branches[branch];
            if (options.WrapUnions && branchSchema.Kind != AvroTypeKind.Null)
            {
                writer.WriteStartObject();
                writer.WritePropertyName(branchSchema.DisplayName);
                Write(writer, value, branchSchema, options);
                writer.WriteEndObject();
                return;
            }

            schema = branchSchema;
        }

        if (options.LogicalTypesAsText && schema?.LogicalType is { IsValid: true } logical && value is not null
            && WriteLogical(writer, value, logical))
        {
            return;
        }

        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case float f:
                if (float.IsFinite(f))
                {
                    writer.WriteNumberValue(f);
                }
                else
                {
                    writer.WriteStringValue(f.ToString(CultureInfo.InvariantCulture));
                }

                break;
            case double d:
                if (double.IsFinite(d))
                {
                    writer.WriteNumberValue(d);
                }
                else
                {
                    writer.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
                }

                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case byte[] bytes:
                writer.WriteStringValue(BytesAsString(bytes));
                break;
            case AvroFixed fixedValue:
                writer.WriteStringValue(BytesAsString(fixedValue.Value));
                break;
            case AvroEnumValue enumValue:
                writer.WriteStringValue(enumValue.Symbol);
                break;
            case AvroRecord record:
                writer.WriteStartObject();
                for (int i = 0; i < record.Values.Length; i++)
                {
                    AvroField field = record.Schema.Fields[i];
                    writer.WritePropertyName(field.Name);
                    Write(writer, record.Values[i], field.Schema, options);
                }

                writer.WriteEndObject();
                break;
            case IDictionary map:
                writer.WriteStartObject();
                AvroSchema? values = (schema as MapSchema)?.Values;
                foreach (DictionaryEntry entry in map)
                {
                    writer.WritePropertyName((string)entry.Key);
                    Write(writer, entry.Value, values, options);
                }

                writer.WriteEndObject();
                break;
            case IList list:
                writer.WriteStartArray();
                AvroSchema? items = (schema as ArraySchema)?.Items;
                foreach (object? item in list)
                {
                    Write(writer, item, items, options);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    /// <summary>Avro's JSON form of bytes: one character per byte value.</summary>
    public static string BytesAsString(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    private static bool WriteLogical(Utf8JsonWriter writer, object value, AvroLogicalType logical)
    {
        try
        {
            return WriteLogicalCore(writer, value, logical);
        }
        catch (ArgumentOutOfRangeException)
        {
            // Outside the range .NET dates and times can show: print the underlying number instead.
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static bool WriteLogicalCore(Utf8JsonWriter writer, object value, AvroLogicalType logical)
    {
        switch (logical.Name)
        {
            case AvroLogicalType.Decimal when value is byte[] or AvroFixed:
                byte[] unscaled = value as byte[] ?? ((AvroFixed)value).Value;
                writer.WriteRawValue(AvroLogicalValues.DecimalToString(unscaled, logical.Scale), skipInputValidation: true);
                return true;
            case AvroLogicalType.Uuid when value is AvroFixed uuid:
                writer.WriteStringValue(AvroLogicalValues.Uuid(uuid.Value).ToString());
                return true;
            case AvroLogicalType.Date when value is int days:
                writer.WriteStringValue(AvroLogicalValues.Date(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                return true;
            case AvroLogicalType.TimeMillis when value is int millis:
                writer.WriteStringValue(AvroLogicalValues.TimeMillis(millis).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture));
                return true;
            case AvroLogicalType.TimeMicros when value is long micros:
                writer.WriteStringValue(AvroLogicalValues.TimeMicros(micros).ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture));
                return true;
            case AvroLogicalType.TimestampMillis or AvroLogicalType.LocalTimestampMillis when value is long ms:
                writer.WriteStringValue(FormatTimestamp(AvroLogicalValues.TimestampMillis(ms), "fff", logical.Name == AvroLogicalType.TimestampMillis));
                return true;
            case AvroLogicalType.TimestampMicros or AvroLogicalType.LocalTimestampMicros when value is long us:
                writer.WriteStringValue(FormatTimestamp(AvroLogicalValues.TimestampMicros(us), "ffffff", logical.Name == AvroLogicalType.TimestampMicros));
                return true;
            default:
                return false;
        }
    }

    private static string FormatTimestamp(DateTime value, string fraction, bool utc) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ss." + fraction, CultureInfo.InvariantCulture) + (utc ? "Z" : string.Empty);
}
