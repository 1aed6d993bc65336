using System.Globalization;
using System.Text;
using System.Text.Json;
using Floe.Avro.Schemas;
using Floe.Common.Errors;
using Floe.Core.Types;

namespace Floe.Core.Manifests;

/// <summary>How partition values are typed in a manifest's <c>r102</c> record, both ways.</summary>
internal static class PartitionAvroTypes
{
    /// <summary>Writes the Avro type of a partition field's result type as Java does (named fixed types included).</summary>
    public static void WriteType(Utf8JsonWriter writer, PrimitiveType type)
    {
        switch (type.TypeId)
        {
            case TypeId.Boolean:
                writer.WriteStringValue("boolean");
                break;
            case TypeId.Int:
                writer.WriteStringValue("int");
                break;
            case TypeId.Long:
                writer.WriteStringValue("long");
                break;
            case TypeId.Float:
                writer.WriteStringValue("float");
                break;
            case TypeId.Double:
                writer.WriteStringValue("double");
                break;
            case TypeId.String:
                writer.WriteStringValue("string");
                break;
            case TypeId.Binary:
                writer.WriteStringValue("bytes");
                break;
            case TypeId.Date:
                Logical(writer, "int", "date");
                break;
            case TypeId.Time:
                Logical(writer, "long", "time-micros");
                break;
            case TypeId.Timestamp or TypeId.TimestampTz or TypeId.TimestampNs or TypeId.TimestampTzNs:
                writer.WriteStartObject();
                writer.WriteString("type", "long");
                writer.WriteString("logicalType", type.TypeId is TypeId.Timestamp or TypeId.TimestampTz ? "timestamp-micros" : "timestamp-nanos");
                writer.WriteBoolean("adjust-to-utc", type.TypeId is TypeId.TimestampTz or TypeId.TimestampTzNs);
                writer.WriteEndObject();
                break;
            case TypeId.Uuid:
                writer.WriteStartObject();
                writer.WriteString("type", "fixed");
                writer.WriteString("name", "uuid_fixed");
                writer.WriteNumber("size", 16);
                writer.WriteString("logicalType", "uuid");
                writer.WriteEndObject();
                break;
            case TypeId.Fixed:
                writer.WriteStartObject();
                writer.WriteString("type", "fixed");
                writer.WriteString("name", "fixed_" + type.Length.ToString(CultureInfo.InvariantCulture));
                writer.WriteNumber("size", type.Length);
                writer.WriteEndObject();
                break;
            case TypeId.Decimal:
                writer.WriteStartObject();
                writer.WriteString("type", "fixed");
                writer.WriteString("name", string.Create(CultureInfo.InvariantCulture, $"decimal_{type.Precision}_{type.Scale}"));
                writer.WriteNumber("size", PrimitiveType.DecimalRequiredBytes(type.Precision));
                writer.WriteString("logicalType", "decimal");
                writer.WriteNumber("precision", type.Precision);
                writer.WriteNumber("scale", type.Scale);
                writer.WriteEndObject();
                break;
            default:
                throw new FloeException(FloeErrorKind.Unsupported, $"A partition field cannot have type {type}.");
        }
    }

    /// <summary>The Iceberg type of a partition value as a manifest stores it (an optional union's non-null branch).</summary>
    public static PrimitiveType ToIcebergType(AvroSchema schema, string fieldName)
    {
        if (schema is UnionSchema union)
        {
            AvroSchema? value = null;
            foreach (AvroSchema branch in union.Branches)
            {
                if (branch.Kind != AvroTypeKind.Null)
                {
                    value = value is null ? branch : throw Invalid(fieldName, "a union of more than null and one type");
                }
            }

            schema = value ?? throw Invalid(fieldName, "a union with only null");
        }

        string? logical = schema.LogicalType?.IsValid == true ? schema.LogicalType.Name : null;
        return schema.Kind switch
        {
            AvroTypeKind.Boolean => PrimitiveType.Boolean,
            AvroTypeKind.Int => logical == AvroLogicalType.Date ? PrimitiveType.Date : PrimitiveType.Int,
            AvroTypeKind.Long => logical switch
            {
                AvroLogicalType.TimeMicros => PrimitiveType.Time,
                AvroLogicalType.TimestampMicros => AdjustToUtc(schema) ? PrimitiveType.TimestampTz : PrimitiveType.Timestamp,
                AvroLogicalType.TimestampNanos => AdjustToUtc(schema) ? PrimitiveType.TimestampTzNs : PrimitiveType.TimestampNs,
                _ => PrimitiveType.Long,
            },
            AvroTypeKind.Float => PrimitiveType.Float,
            AvroTypeKind.Double => PrimitiveType.Double,
            AvroTypeKind.String => PrimitiveType.String,
            AvroTypeKind.Bytes => logical == AvroLogicalType.Decimal
                ? PrimitiveType.Decimal(schema.LogicalType!.Precision, schema.LogicalType.Scale)
                : PrimitiveType.Binary,
            AvroTypeKind.Fixed => logical switch
            {
                AvroLogicalType.Decimal => PrimitiveType.Decimal(schema.LogicalType!.Precision, schema.LogicalType.Scale),
                AvroLogicalType.Uuid => PrimitiveType.Uuid,
                _ => PrimitiveType.Fixed(((FixedSchema)schema).Size),
            },
            _ => throw Invalid(fieldName, $"Avro type {schema.DisplayName}"),
        };
    }

    /// <summary>Java's rule for Avro-compatible names: a leading digit gets an underscore, other characters become _xHEX.</summary>
    public static string SanitizeName(string name) =>
        name.Length > 0 && IsValidStart(name[0]) && !name.AsSpan(1).ContainsAnyExcept(ValidChars) ? name : Sanitize(name);

    private static readonly System.Buffers.SearchValues<char> ValidChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    private static bool IsValidStart(char c) => c == '_' || char.IsAsciiLetter(c);

    private static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool valid = i == 0 ? IsValidStart(c) : ValidChars.Contains(c);
            if (valid)
            {
                builder.Append(c);
            }
            else if (i == 0 && char.IsAsciiDigit(c))
            {
                builder.Append('_').Append(c);
            }
            else
            {
                builder.Append("_x").Append(((int)c).ToString("X", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static bool AdjustToUtc(AvroSchema schema) =>
        AvroProperties.TryGet(schema.Properties, "adjust-to-utc", out JsonElement value) && value.ValueKind == JsonValueKind.True;

    private static void Logical(Utf8JsonWriter writer, string type, string logicalType)
    {
        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WriteString("logicalType", logicalType);
        writer.WriteEndObject();
    }

    private static FloeException Invalid(string fieldName, string what) =>
        new(FloeErrorKind.InvalidData, $"Manifest partition field '{fieldName}' has {what}, which no Iceberg partition type maps to.");
}
