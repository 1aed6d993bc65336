using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Table.Data.Columns;
using ArrowSchema = Apache.Arrow.Schema;
using ArrowTimeUnit = Apache.Arrow.Types.TimeUnit;
using ArrowType = Apache.Arrow.Types.IArrowType;
using IcebergSchema = Floe.Core.Schemas.Schema;
using IcebergType = Floe.Core.Types.IcebergType;
using NestedField = Floe.Core.Types.NestedField;
using PrimitiveType = Floe.Core.Types.PrimitiveType;
using TimeUnit = Floe.Common.Columnar.TimeUnit;

namespace Floe.Arrow;

/// <summary>
/// Iceberg schemas as Arrow schemas and back. Every Arrow field carries its Iceberg field id in its metadata under
/// <see cref="FieldIdKey"/>, as PyIceberg and iceberg-rust write it; nullability follows required and optional.
/// </summary>
public static class ArrowSchemas
{
    /// <summary>The Arrow field metadata key holding the Iceberg field id.</summary>
    public const string FieldIdKey = "PARQUET:field_id";

    /// <summary>Arrow's key naming a field's extension type; uuid columns carry <see cref="UuidExtensionName"/>.</summary>
    public const string ExtensionNameKey = "ARROW:extension:name";

    private const string ExtensionMetadataKey = "ARROW:extension:metadata";

    /// <summary>Arrow's canonical extension type for UUIDs, stored as 16-byte fixed-size binary.</summary>
    public const string UuidExtensionName = "arrow.uuid";

    /// <summary>The Arrow schema of <paramref name="schema"/>'s columns.</summary>
    public static ArrowSchema ToArrowSchema(IcebergSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return ToArrowSchema(IcebergColumns.ToColumnFields(schema));
    }

    /// <summary>The Arrow schema of a batch's column fields (field ids where the fields have them).</summary>
    public static ArrowSchema ToArrowSchema(IReadOnlyList<ColumnField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new ArrowSchema([.. fields.Select(ToArrowField)], metadata: null);
    }

    /// <summary>The Arrow field of one Iceberg field, nested fields included.</summary>
    public static Field ToArrowField(NestedField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return ToArrowField(IcebergColumns.ToColumnField(field));
    }

    /// <summary>The Arrow type of an Iceberg type; nested fields carry their ids.</summary>
    public static ArrowType ToArrowType(IcebergType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return ToArrowType(IcebergColumns.ToColumnType(type));
    }

    /// <summary>The Arrow field of a column field.</summary>
    public static Field ToArrowField(ColumnField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var metadata = new List<KeyValuePair<string, string>>(3);
        if (field.FieldId is int id)
        {
            metadata.Add(new(FieldIdKey, id.ToString(CultureInfo.InvariantCulture)));
        }

        if (field.Type.Kind == ColumnKind.Uuid)
        {
            metadata.Add(new(ExtensionNameKey, UuidExtensionName));
            metadata.Add(new(ExtensionMetadataKey, string.Empty));
        }

        return new Field(field.Name, ToArrowType(field.Type), field.Nullable, metadata.Count == 0 ? null : metadata);
    }

    /// <summary>The Arrow type holding values of a column type with the same layout.</summary>
    public static ArrowType ToArrowType(ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Kind switch
        {
            ColumnKind.Boolean => BooleanType.Default,
            ColumnKind.Int32 => Int32Type.Default,
            ColumnKind.Int64 => Int64Type.Default,
            ColumnKind.Float32 => FloatType.Default,
            ColumnKind.Float64 => DoubleType.Default,
            ColumnKind.Decimal => new Decimal128Type(type.Precision, type.Scale),
            ColumnKind.Date => Date32Type.Default,
            ColumnKind.Time => new Time64Type(ArrowTimeUnit.Microsecond),
            ColumnKind.Timestamp => new TimestampType(ToArrowUnit(type.Unit), type.AdjustedToUtc ? "UTC" : (string?)null),
            ColumnKind.String => StringType.Default,
            ColumnKind.Binary => BinaryType.Default,
            ColumnKind.FixedBinary or ColumnKind.Uuid => new FixedSizeBinaryType(type.ByteWidth),
            ColumnKind.Struct => new StructType([.. type.Children.Select(ToArrowField)]),
            ColumnKind.List => new ListType(ToArrowField(type.Children[0])),
            ColumnKind.Map => new MapType(ToArrowField(type.Children[0]), ToArrowField(type.Children[1]), keySorted: false),
            _ => throw new FloeException(FloeErrorKind.Unsupported, $"Column type {type} has no Arrow type."),
        };
    }

    /// <summary>
    /// The Iceberg schema of an Arrow schema. Field ids come from <see cref="FieldIdKey"/> where a field has it;
    /// fields without one get fresh ids above the highest id present. Arrow types with a lossless Iceberg type
    /// (8- and 16-bit and unsigned integers narrower than 64 bits, large strings, binaries and lists, Date64,
    /// Time32, timestamps of any unit) are accepted; any other type is an <see cref="FloeErrorKind.InvalidArgument"/>
    /// error naming the field.
    /// </summary>
    public static IcebergSchema ToIcebergSchema(ArrowSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var ids = new FieldIds(HighestId(schema.FieldsList));
        return new IcebergSchema([.. schema.FieldsList.Select(field => ToNestedField(field, field.Name, ids))]);
    }

    /// <summary>The Iceberg field id stored in an Arrow field's metadata, or null.</summary>
    public static int? FieldId(Field field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Metadata is null || !field.Metadata.TryGetValue(FieldIdKey, out string? text))
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int id))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Field '{field.Name}' has {FieldIdKey} '{text}', which is not a non-negative integer.");
        }

        return id;
    }

    /// <summary>The primitive Iceberg type an Arrow field's type converts to losslessly, or null.</summary>
    internal static PrimitiveType? LosslessPrimitive(Field field) => ToPrimitive(field);

    internal static string Describe(ArrowType type) => type switch
    {
        TimestampType t => $"timestamp[{t.Unit}{(string.IsNullOrEmpty(t.Timezone) ? string.Empty : ", " + t.Timezone)}]",
        Time32Type t => $"time32[{t.Unit}]",
        Time64Type t => $"time64[{t.Unit}]",
        Decimal128Type d => string.Create(CultureInfo.InvariantCulture, $"decimal128({d.Precision}, {d.Scale})"),
        Decimal256Type d => string.Create(CultureInfo.InvariantCulture, $"decimal256({d.Precision}, {d.Scale})"),
        FixedSizeBinaryType f => string.Create(CultureInfo.InvariantCulture, $"fixed_size_binary({f.ByteWidth})"),
        _ => type.Name,
    };

    private static NestedField ToNestedField(Field field, string path, FieldIds ids)
    {
        int id = FieldId(field) ?? ids.Next();
        IcebergType type = ToIcebergType(field, path, ids);
        return new NestedField(id, field.Name, isRequired: !field.IsNullable, type);
    }

    private static IcebergType ToIcebergType(Field field, string path, FieldIds ids)
    {
        ArrowType type = field.DataType;
        switch (type)
        {
            case StructType s:
                return new Floe.Core.Types.StructType(s.Fields.Select(child => ToNestedField(child, $"{path}.{child.Name}", ids)));
            case ListType l:
                return ToList(l.ValueField, path, ids);
            case LargeListType l:
                return ToList(l.ValueField, path, ids);
            case MapType m:
                if (m.KeyField.IsNullable)
                {
                    throw new FloeException(FloeErrorKind.InvalidArgument,
                        $"Field '{path}' is a map whose keys may be null; Iceberg map keys are required.");
                }

                NestedField key = ToNestedField(m.KeyField, $"{path}.key", ids);
                NestedField value = ToNestedField(m.ValueField, $"{path}.value", ids);
                return new Floe.Core.Types.MapType(key.Id, key.Type, value.Id, value.Type, value.IsRequired);
        }

        return ToPrimitive(field) ?? throw new FloeException(FloeErrorKind.InvalidArgument,
            $"Field '{path}' has Arrow type {Describe(type)}, which has no lossless Iceberg type.");
    }

    private static Floe.Core.Types.ListType ToList(Field element, string path, FieldIds ids)
    {
        NestedField converted = ToNestedField(element, $"{path}.{element.Name}", ids);
        return new Floe.Core.Types.ListType(converted.Id, converted.Type, converted.IsRequired);
    }

    private static PrimitiveType? ToPrimitive(Field field) => field.DataType switch
    {
        BooleanType => PrimitiveType.Boolean,
        Int8Type or Int16Type or Int32Type or UInt8Type or UInt16Type => PrimitiveType.Int,
        Int64Type or UInt32Type => PrimitiveType.Long,
        FloatType => PrimitiveType.Float,
        DoubleType => PrimitiveType.Double,
        Decimal128Type d when d.Precision is >= 1 and <= PrimitiveType.MaxDecimalPrecision && d.Scale >= 0 && d.Scale <= d.Precision
            => PrimitiveType.Decimal(d.Precision, d.Scale),
        Date32Type or Date64Type => PrimitiveType.Date,
        Time32Type => PrimitiveType.Time,
        Time64Type t when t.Unit == ArrowTimeUnit.Microsecond => PrimitiveType.Time,
        TimestampType t => (t.Unit == ArrowTimeUnit.Nanosecond, string.IsNullOrEmpty(t.Timezone)) switch
        {
            (false, true) => PrimitiveType.Timestamp,
            (false, false) => PrimitiveType.TimestampTz,
            (true, true) => PrimitiveType.TimestampNs,
            (true, false) => PrimitiveType.TimestampTzNs,
        },
        StringType or LargeStringType => PrimitiveType.String,
        BinaryType or LargeBinaryType => PrimitiveType.Binary,
        FixedSizeBinaryType { ByteWidth: 16 } when IsUuid(field) => PrimitiveType.Uuid,
        FixedSizeBinaryType f and not Decimal128Type and not Decimal256Type => PrimitiveType.Fixed(f.ByteWidth),
        _ => null,
    };

    private static bool IsUuid(Field field) =>
        field.Metadata is not null
        && field.Metadata.TryGetValue(ExtensionNameKey, out string? name)
        && name == UuidExtensionName;

    private static ArrowTimeUnit ToArrowUnit(TimeUnit unit) => unit switch
    {
        TimeUnit.Milliseconds => ArrowTimeUnit.Millisecond,
        TimeUnit.Microseconds => ArrowTimeUnit.Microsecond,
        _ => ArrowTimeUnit.Nanosecond,
    };

    private static int HighestId(IEnumerable<Field> fields)
    {
        int highest = 0;
        foreach (Field field in fields)
        {
            highest = Math.Max(highest, FieldId(field) ?? 0);
            IEnumerable<Field> children = field.DataType switch
            {
                NestedType nested => nested.Fields,
                _ => [],
            };
            highest = Math.Max(highest, HighestId(children));
        }

        return highest;
    }

    /// <summary>Hands out fresh field ids above the highest one an Arrow schema carries.</summary>
    private sealed class FieldIds(int highest)
    {
        private int _last = highest;

        public int Next() => ++_last;
    }
}
