using System.Globalization;
using System.Text;
using Floe.Parquet.Metadata;
using Floe.Parquet.Schemas;

namespace Floe.Cli.Commands;

/// <summary>
/// Prints a Parquet schema in the textual "message" form parquet-mr uses:
/// <c>optional int32 a = 7 (INTEGER(32,true));</c> with groups in braces, field ids after <c>=</c> and the logical
/// (or legacy converted) annotation in parentheses.
/// </summary>
internal static class ParquetSchemaText
{
    public static string Format(ParquetSchema schema)
    {
        var text = new StringBuilder();
        text.Append("message ").Append(schema.Root.Name).AppendLine(" {");
        foreach (SchemaNode child in schema.Root.Children)
        {
            Append(text, child, 1);
        }

        text.AppendLine("}");
        return text.ToString();
    }

    private static void Append(StringBuilder text, SchemaNode node, int depth)
    {
        text.Append(' ', depth * 2)
            .Append(node.Repetition.ToString().ToLowerInvariant())
            .Append(' ')
            .Append(node.IsLeaf ? Physical(node) : "group")
            .Append(' ')
            .Append(node.Name);
        if (node.FieldId is int id)
        {
            text.Append(" = ").Append(id.ToString(CultureInfo.InvariantCulture));
        }

        if (Annotation(node.Element) is string annotation)
        {
            text.Append(" (").Append(annotation).Append(')');
        }

        if (node.IsLeaf)
        {
            text.AppendLine(";");
            return;
        }

        text.AppendLine(" {");
        foreach (SchemaNode child in node.Children)
        {
            Append(text, child, depth + 1);
        }

        text.Append(' ', depth * 2).AppendLine("}");
    }

    private static string Physical(SchemaNode node) => node.PhysicalType switch
    {
        PhysicalType.Boolean => "boolean",
        PhysicalType.Int32 => "int32",
        PhysicalType.Int64 => "int64",
        PhysicalType.Int96 => "int96",
        PhysicalType.Float => "float",
        PhysicalType.Double => "double",
        PhysicalType.ByteArray => "binary",
        PhysicalType.FixedLenByteArray => string.Create(CultureInfo.InvariantCulture, $"fixed_len_byte_array({node.Element.TypeLength})"),
        _ => "unknown",
    };

    /// <summary>The logical type as parquet-mr prints it, else the converted type, else null.</summary>
    public static string? Annotation(SchemaElement element) => element.LogicalType switch
    {
        null => Converted(element),
        StringType => "STRING",
        MapType => "MAP",
        ListType => "LIST",
        EnumType => "ENUM",
        DateType => "DATE",
        JsonType => "JSON",
        BsonType => "BSON",
        UuidType => "UUID",
        Float16Type => "FLOAT16",
        NullType => "UNKNOWN",
        DecimalType d => string.Create(CultureInfo.InvariantCulture, $"DECIMAL({d.Precision},{d.Scale})"),
        TimeType t => $"TIME({Unit(t.Unit)},{(t.IsAdjustedToUtc ? "true" : "false")})",
        TimestampType t => $"TIMESTAMP({Unit(t.Unit)},{(t.IsAdjustedToUtc ? "true" : "false")})",
        IntType i => string.Create(CultureInfo.InvariantCulture, $"INTEGER({i.BitWidth},{(i.IsSigned ? "true" : "false")})"),
        OtherLogicalType other => string.Create(CultureInfo.InvariantCulture, $"LOGICAL#{other.FieldId}"),
        _ => null,
    };

    private static string? Converted(SchemaElement element) => element.ConvertedType switch
    {
        null => null,
        ConvertedType.Decimal => string.Create(CultureInfo.InvariantCulture, $"DECIMAL({element.Precision},{element.Scale})"),
        ConvertedType converted => ConvertedName(converted),
    };

    private static string ConvertedName(ConvertedType converted) => converted switch
    {
        ConvertedType.Utf8 => "UTF8",
        ConvertedType.MapKeyValue => "MAP_KEY_VALUE",
        ConvertedType.TimeMillis => "TIME_MILLIS",
        ConvertedType.TimeMicros => "TIME_MICROS",
        ConvertedType.TimestampMillis => "TIMESTAMP_MILLIS",
        ConvertedType.TimestampMicros => "TIMESTAMP_MICROS",
        ConvertedType.Uint8 => "UINT_8",
        ConvertedType.Uint16 => "UINT_16",
        ConvertedType.Uint32 => "UINT_32",
        ConvertedType.Uint64 => "UINT_64",
        ConvertedType.Int8 => "INT_8",
        ConvertedType.Int16 => "INT_16",
        ConvertedType.Int32 => "INT_32",
        ConvertedType.Int64 => "INT_64",
        _ => converted.ToString().ToUpperInvariant(),
    };

    private static string Unit(Common.Columnar.TimeUnit unit) => unit switch
    {
        Common.Columnar.TimeUnit.Milliseconds => "MILLIS",
        Common.Columnar.TimeUnit.Microseconds => "MICROS",
        _ => "NANOS",
    };
}
