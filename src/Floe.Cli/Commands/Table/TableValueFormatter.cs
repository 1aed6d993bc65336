using System.Globalization;
using System.Text;
using System.Text.Json;
using Floe.Common.Columnar;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Cli.Commands.Table;

/// <summary>Renders one value of a column vector of an Iceberg type as text, and as JSON for jsonl output.</summary>
public static class TableValueFormatter
{
    /// <summary>The text form: ISO dates and timestamps, plain decimals, hex binary; "null" for null.</summary>
    public static string Format(ColumnVector vector, IcebergType type, int row)
    {
        ArgumentNullException.ThrowIfNull(vector);
        ArgumentNullException.ThrowIfNull(type);
        if (vector.IsNull(row))
        {
            return "null";
        }

        var builder = new StringBuilder();
        Append(builder, vector, type, row, quoteStrings: false);
        return builder.ToString();
    }

    /// <summary>Writes the value as JSON: numbers and booleans as such, nested values as arrays and objects.</summary>
    public static void WriteJson(Utf8JsonWriter json, ColumnVector vector, IcebergType type, int row)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(vector);
        ArgumentNullException.ThrowIfNull(type);
        if (vector.IsNull(row))
        {
            json.WriteNullValue();
            return;
        }

        switch (type, vector)
        {
            case (PrimitiveType { TypeId: TypeId.Boolean }, PrimitiveVector<bool> v):
                json.WriteBooleanValue(v[row]);
                break;
            case (PrimitiveType { TypeId: TypeId.Int }, PrimitiveVector<int> v):
                json.WriteNumberValue(v[row]);
                break;
            case (PrimitiveType { TypeId: TypeId.Long }, PrimitiveVector<long> v):
                json.WriteNumberValue(v[row]);
                break;
            case (PrimitiveType { TypeId: TypeId.Float }, PrimitiveVector<float> v) when float.IsFinite(v[row]):
                json.WriteNumberValue(v[row]);
                break;
            case (PrimitiveType { TypeId: TypeId.Double }, PrimitiveVector<double> v) when double.IsFinite(v[row]):
                json.WriteNumberValue(v[row]);
                break;
            case (StructType s, StructVector v):
                json.WriteStartObject();
                for (int i = 0; i < s.Fields.Count; i++)
                {
                    json.WritePropertyName(s.Fields[i].Name);
                    WriteJson(json, v.Child(i), s.Fields[i].Type, row);
                }

                json.WriteEndObject();
                break;
            case (ListType l, ListVector v):
                json.WriteStartArray();
                for (int i = v.Offsets[row]; i < v.Offsets[row + 1]; i++)
                {
                    WriteJson(json, v.Elements, l.ElementType, i);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(Format(vector, type, row));
                break;
        }
    }

    private static void Append(StringBuilder builder, ColumnVector vector, IcebergType type, int row, bool quoteStrings)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        if (vector.IsNull(row))
        {
            builder.Append("null");
            return;
        }

        switch (type, vector)
        {
            case (PrimitiveType { TypeId: TypeId.Boolean }, PrimitiveVector<bool> v):
                builder.Append(v[row] ? "true" : "false");
                break;
            case (PrimitiveType { TypeId: TypeId.Int }, PrimitiveVector<int> v):
                builder.Append(v[row].ToString(inv));
                break;
            case (PrimitiveType { TypeId: TypeId.Long }, PrimitiveVector<long> v):
                builder.Append(v[row].ToString(inv));
                break;
            case (PrimitiveType { TypeId: TypeId.Float }, PrimitiveVector<float> v):
                builder.Append(v[row].ToString("R", inv));
                break;
            case (PrimitiveType { TypeId: TypeId.Double }, PrimitiveVector<double> v):
                builder.Append(v[row].ToString("R", inv));
                break;
            case (PrimitiveType { TypeId: TypeId.Decimal } p, PrimitiveVector<Int128> v):
                builder.Append(LiteralText.FormatDecimal(v[row], p.Scale));
                break;
            case (PrimitiveType { TypeId: TypeId.Date }, PrimitiveVector<int> v):
                builder.Append(LiteralText.FormatDate(v[row]));
                break;
            case (PrimitiveType { TypeId: TypeId.Time }, PrimitiveVector<long> v):
                builder.Append(LiteralText.FormatTime(v[row]));
                break;
            case (PrimitiveType { TypeId: TypeId.Timestamp }, PrimitiveVector<long> v):
                builder.Append(LiteralText.FormatTimestamp(v[row], withZone: false));
                break;
            case (PrimitiveType { TypeId: TypeId.TimestampTz }, PrimitiveVector<long> v):
                builder.Append(LiteralText.FormatTimestamp(v[row], withZone: true));
                break;
            case (PrimitiveType { TypeId: TypeId.TimestampNs }, PrimitiveVector<long> v):
                builder.Append(LiteralText.FormatTimestamp(v[row], withZone: false, nanos: true));
                break;
            case (PrimitiveType { TypeId: TypeId.TimestampTzNs }, PrimitiveVector<long> v):
                builder.Append(LiteralText.FormatTimestamp(v[row], withZone: true, nanos: true));
                break;
            case (PrimitiveType { TypeId: TypeId.String }, BinaryVector v):
                if (quoteStrings)
                {
                    builder.Append('"').Append(v.GetString(row).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                }
                else
                {
                    builder.Append(v.GetString(row));
                }

                break;
            case (PrimitiveType { TypeId: TypeId.Uuid }, FixedBinaryVector v):
                builder.Append(new Guid(v.GetBytes(row), bigEndian: true).ToString("D"));
                break;
            case (PrimitiveType, BinaryVector v):
                builder.Append(LiteralText.FormatHex(v.GetBytes(row)));
                break;
            case (PrimitiveType, FixedBinaryVector v):
                builder.Append(LiteralText.FormatHex(v.GetBytes(row)));
                break;
            case (StructType s, StructVector v):
                builder.Append('{');
                for (int i = 0; i < s.Fields.Count; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ", ").Append(s.Fields[i].Name).Append(": ");
                    Append(builder, v.Child(i), s.Fields[i].Type, row, quoteStrings: true);
                }

                builder.Append('}');
                break;
            case (ListType l, ListVector v):
                builder.Append('[');
                for (int i = v.Offsets[row]; i < v.Offsets[row + 1]; i++)
                {
                    builder.Append(i == v.Offsets[row] ? string.Empty : ", ");
                    Append(builder, v.Elements, l.ElementType, i, quoteStrings: true);
                }

                builder.Append(']');
                break;
            default:
                builder.Append(vector.GetValue(row)?.ToString() ?? "null");
                break;
        }
    }
}
