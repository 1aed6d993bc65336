using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.Core.Types;

namespace Floe.Table.Data.Columns;

/// <summary>
/// Converts between Iceberg schemas and the column fields of a Parquet file or batch, following Iceberg's type
/// mapping: every field keeps its Iceberg field id (list elements and map keys and values included).
/// </summary>
public static class IcebergColumns
{
    /// <summary>Footer key under which Iceberg writers store the table schema as JSON.</summary>
    public const string SchemaKey = "iceberg.schema";

    /// <summary>The column fields of <paramref name="schema"/>'s top-level columns.</summary>
    public static IReadOnlyList<ColumnField> ToColumnFields(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return [.. schema.Columns.Select(ToColumnField)];
    }

    /// <summary>The column field for one Iceberg field, with its id.</summary>
    public static ColumnField ToColumnField(NestedField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return new ColumnField(field.Name, ToColumnType(field.Type), Nullable: field.IsOptional, FieldId: field.Id);
    }

    /// <summary>The column type that holds values of <paramref name="type"/>.</summary>
    public static ColumnType ToColumnType(IcebergType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type switch
        {
            StructType s => ColumnType.Struct([.. s.Fields.Select(ToColumnField)]),
            ListType l => ColumnType.List(new ColumnField("element", ToColumnType(l.ElementType), !l.IsElementRequired, l.ElementId)),
            MapType m => ColumnType.Map(
                new ColumnField("key", ToColumnType(m.KeyType), Nullable: false, m.KeyId),
                new ColumnField("value", ToColumnType(m.ValueType), !m.IsValueRequired, m.ValueId)),
            PrimitiveType p => ToColumnType(p),
            _ => throw new FloeException(FloeErrorKind.Unsupported, $"type {type} has no column representation"),
        };
    }

    private static ColumnType ToColumnType(PrimitiveType type) => type.TypeId switch
    {
        TypeId.Boolean => ColumnType.Boolean,
        TypeId.Int => ColumnType.Int32,
        TypeId.Long => ColumnType.Int64,
        TypeId.Float => ColumnType.Float32,
        TypeId.Double => ColumnType.Float64,
        TypeId.Date => ColumnType.Date,
        TypeId.Time => ColumnType.Time,
        TypeId.Timestamp => ColumnType.Timestamp(TimeUnit.Microseconds, adjustedToUtc: false),
        TypeId.TimestampTz => ColumnType.Timestamp(TimeUnit.Microseconds, adjustedToUtc: true),
        TypeId.TimestampNs => ColumnType.Timestamp(TimeUnit.Nanoseconds, adjustedToUtc: false),
        TypeId.TimestampTzNs => ColumnType.Timestamp(TimeUnit.Nanoseconds, adjustedToUtc: true),
        TypeId.String => ColumnType.String,
        TypeId.Binary => ColumnType.Binary,
        TypeId.Uuid => ColumnType.Uuid,
        TypeId.Fixed => ColumnType.FixedBinary(type.Length),
        TypeId.Decimal => ColumnType.Decimal(type.Precision, type.Scale),
        _ => throw new FloeException(FloeErrorKind.Unsupported, $"type {type} has no column representation"),
    };

    /// <summary>
    /// The Iceberg schema of column fields that all carry field ids (a file written by an Iceberg writer).
    /// Millisecond timestamps read as microsecond timestamps, the unit Iceberg stores.
    /// </summary>
    public static Schema ToSchema(IReadOnlyList<ColumnField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new Schema([.. fields.Select(ToNestedField)]);
    }

    /// <summary>The Iceberg field for a column field; the column must carry a field id.</summary>
    public static NestedField ToNestedField(ColumnField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        int id = field.FieldId ?? throw new FloeException(
            FloeErrorKind.InvalidData, $"column '{field.Name}' has no field id; map it with a name mapping");
        return new NestedField(id, field.Name, !field.Nullable, ToIcebergType(field.Type, field.Name));
    }

    /// <summary>The Iceberg type of a column type; nested children must carry field ids.</summary>
    public static IcebergType ToIcebergType(ColumnType type, string name = "column")
    {
        ArgumentNullException.ThrowIfNull(type);
        switch (type.Kind)
        {
            case ColumnKind.Struct:
                return new StructType(type.Children.Select(ToNestedField));
            case ColumnKind.List:
                NestedField element = ToNestedField(type.Children[0]);
                return new ListType(element.Id, element.Type, element.IsRequired);
            case ColumnKind.Map:
                NestedField key = ToNestedField(type.Children[0]);
                NestedField value = ToNestedField(type.Children[1]);
                return new MapType(key.Id, key.Type, value.Id, value.Type, value.IsRequired);
            case ColumnKind.Boolean: return PrimitiveType.Boolean;
            case ColumnKind.Int32: return PrimitiveType.Int;
            case ColumnKind.Int64: return PrimitiveType.Long;
            case ColumnKind.Float32: return PrimitiveType.Float;
            case ColumnKind.Float64: return PrimitiveType.Double;
            case ColumnKind.Date: return PrimitiveType.Date;
            case ColumnKind.Time: return PrimitiveType.Time;
            case ColumnKind.String: return PrimitiveType.String;
            case ColumnKind.Binary: return PrimitiveType.Binary;
            case ColumnKind.Uuid: return PrimitiveType.Uuid;
            case ColumnKind.FixedBinary: return PrimitiveType.Fixed(type.ByteWidth);
            case ColumnKind.Decimal: return PrimitiveType.Decimal(type.Precision, type.Scale);
            case ColumnKind.Timestamp:
                return type.Unit == TimeUnit.Nanoseconds
                    ? (type.AdjustedToUtc ? PrimitiveType.TimestampTzNs : PrimitiveType.TimestampNs)
                    : (type.AdjustedToUtc ? PrimitiveType.TimestampTz : PrimitiveType.Timestamp);
            default:
                throw new FloeException(FloeErrorKind.Unsupported, $"column '{name}' of type {type} has no Iceberg type");
        }
    }
}
