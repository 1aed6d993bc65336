using Floe.Common.Columnar;
using Floe.Parquet.Metadata;
using ColumnarTimeUnit = Floe.Common.Columnar.TimeUnit;

namespace Floe.Parquet.Schemas;

/// <summary>
/// Flattens columnar fields into schema elements the way Iceberg writes Parquet: int → INT32, long → INT64,
/// string → BYTE_ARRAY STRING, decimal → INT32 (p ≤ 9), INT64 (p ≤ 18) or the smallest FIXED_LEN_BYTE_ARRAY,
/// uuid → FIXED[16] UUID, date → INT32 DATE, time → INT64 TIME(MICROS), timestamps → INT64 TIMESTAMP(unit, utc),
/// lists as <c>name (LIST) { repeated group list { element } }</c>, maps as
/// <c>name (MAP) { repeated group key_value { required key; value } }</c>, with field ids where fields have them.
/// </summary>
public static class SchemaElementBuilder
{
    public static List<SchemaElement> Build(IReadOnlyList<ColumnField> fields, string rootName = "schema")
    {
        var elements = new List<SchemaElement> { new() { Name = rootName, NumChildren = fields.Count } };
        foreach (ColumnField field in fields)
        {
            Add(elements, field.Name, field.Type, field.Nullable ? FieldRepetitionType.Optional : FieldRepetitionType.Required, field.FieldId);
        }

        return elements;
    }

    /// <summary>The number of bytes a FIXED_LEN_BYTE_ARRAY needs to hold every unscaled decimal of <paramref name="precision"/> digits.</summary>
    public static int DecimalByteWidth(int precision)
    {
        // Smallest n with 2^(8n-1) > 10^precision - 1.
        Int128 max = Int128.One;
        for (int i = 0; i < precision; i++)
        {
            max *= 10;
        }

        max -= 1;
        int bytes = 1;
        while (bytes < 16 && (Int128.One << ((8 * bytes) - 1)) <= max)
        {
            bytes++;
        }

        return bytes;
    }

    private static void Add(List<SchemaElement> elements, string name, ColumnType type, FieldRepetitionType repetition, int? fieldId)
    {
        var element = new SchemaElement { Name = name, RepetitionType = repetition, FieldId = fieldId };
        elements.Add(element);
        switch (type.Kind)
        {
            case ColumnKind.Boolean:
                element.Type = PhysicalType.Boolean;
                break;
            case ColumnKind.Int32:
                element.Type = PhysicalType.Int32;
                break;
            case ColumnKind.Int64:
                element.Type = PhysicalType.Int64;
                break;
            case ColumnKind.Float32:
                element.Type = PhysicalType.Float;
                break;
            case ColumnKind.Float64:
                element.Type = PhysicalType.Double;
                break;
            case ColumnKind.Date:
                element.Type = PhysicalType.Int32;
                element.LogicalType = DateType.Instance;
                element.ConvertedType = ConvertedType.Date;
                break;
            case ColumnKind.Time:
                element.Type = PhysicalType.Int64;
                element.LogicalType = new TimeType(false, ColumnarTimeUnit.Microseconds);
                break;
            case ColumnKind.Timestamp:
                element.Type = PhysicalType.Int64;
                element.LogicalType = new TimestampType(type.AdjustedToUtc, type.Unit);
                if (type.AdjustedToUtc && type.Unit != ColumnarTimeUnit.Nanoseconds)
                {
                    element.ConvertedType = type.Unit == ColumnarTimeUnit.Milliseconds ? ConvertedType.TimestampMillis : ConvertedType.TimestampMicros;
                }

                break;
            case ColumnKind.Decimal:
                element.Type = type.Precision <= 9 ? PhysicalType.Int32 : type.Precision <= 18 ? PhysicalType.Int64 : PhysicalType.FixedLenByteArray;
                if (element.Type == PhysicalType.FixedLenByteArray)
                {
                    element.TypeLength = DecimalByteWidth(type.Precision);
                }

                element.LogicalType = new DecimalType(type.Scale, type.Precision);
                element.ConvertedType = ConvertedType.Decimal;
                element.Precision = type.Precision;
                element.Scale = type.Scale;
                break;
            case ColumnKind.String:
                element.Type = PhysicalType.ByteArray;
                element.LogicalType = StringType.Instance;
                element.ConvertedType = ConvertedType.Utf8;
                break;
            case ColumnKind.Binary:
                element.Type = PhysicalType.ByteArray;
                break;
            case ColumnKind.FixedBinary:
                element.Type = PhysicalType.FixedLenByteArray;
                element.TypeLength = type.ByteWidth;
                break;
            case ColumnKind.Uuid:
                element.Type = PhysicalType.FixedLenByteArray;
                element.TypeLength = 16;
                element.LogicalType = UuidType.Instance;
                break;
            case ColumnKind.Struct:
                element.NumChildren = type.Children.Count;
                foreach (ColumnField child in type.Children)
                {
                    Add(elements, child.Name, child.Type, Repetition(child), child.FieldId);
                }

                break;
            case ColumnKind.List:
                element.NumChildren = 1;
                element.LogicalType = ListType.Instance;
                element.ConvertedType = ConvertedType.List;
                elements.Add(new SchemaElement { Name = "list", RepetitionType = FieldRepetitionType.Repeated, NumChildren = 1 });
                ColumnField item = type.Children[0];
                Add(elements, "element", item.Type, Repetition(item), item.FieldId);
                break;
            case ColumnKind.Map:
                element.NumChildren = 1;
                element.LogicalType = MapType.Instance;
                element.ConvertedType = ConvertedType.Map;
                elements.Add(new SchemaElement { Name = "key_value", RepetitionType = FieldRepetitionType.Repeated, NumChildren = 2 });
                ColumnField key = type.Children[0];
                ColumnField value = type.Children[1];
                Add(elements, "key", key.Type, FieldRepetitionType.Required, key.FieldId);
                Add(elements, "value", value.Type, Repetition(value), value.FieldId);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type.Kind, "unknown column kind");
        }
    }

    private static FieldRepetitionType Repetition(ColumnField field) =>
        field.Nullable ? FieldRepetitionType.Optional : FieldRepetitionType.Required;
}
