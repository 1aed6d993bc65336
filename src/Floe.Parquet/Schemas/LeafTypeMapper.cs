using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Parquet.Metadata;
using ColumnarTimeUnit = Floe.Common.Columnar.TimeUnit;

namespace Floe.Parquet.Schemas;

/// <summary>
/// Maps a leaf's physical type and its logical (or legacy converted) annotation to a columnar type, following the
/// Parquet LogicalTypes rules: the logical type wins when present, else the converted type, else the physical type.
/// </summary>
internal static class LeafTypeMapper
{
    /// <summary>The widest FIXED_LEN_BYTE_ARRAY accepted; real files use a few bytes, a huge width signals a corrupt footer.</summary>
    public const int MaxFixedLength = 1 << 20;

    public static (ColumnType Type, ValueConversion Conversion) Map(SchemaNode node)
    {
        PhysicalType physical = node.PhysicalType ?? throw new ParquetException($"Parquet schema: leaf column '{node}' has no physical type.");
        SchemaElement element = node.Element;
        LogicalType? logical = node.LogicalType ?? FromConvertedType(element);
        return physical switch
        {
            PhysicalType.Boolean => (ColumnType.Boolean, ValueConversion.None),
            PhysicalType.Int32 => MapInt32(node, logical),
            PhysicalType.Int64 => MapInt64(node, logical),
            PhysicalType.Int96 => (ColumnType.Timestamp(ColumnarTimeUnit.Nanoseconds, true), ValueConversion.Int96ToNanos),
            PhysicalType.Float => (ColumnType.Float32, ValueConversion.None),
            PhysicalType.Double => (ColumnType.Float64, ValueConversion.None),
            PhysicalType.ByteArray => MapByteArray(node, logical),
            PhysicalType.FixedLenByteArray => MapFixed(node, logical),
            _ => throw new ParquetException(FloeErrorKind.Unsupported, $"Parquet schema: column '{node}' has unknown physical type {(int)physical}."),
        };
    }

    /// <summary>The logical type equivalent to a legacy converted type (null when there is none).</summary>
    public static LogicalType? FromConvertedType(SchemaElement element) => element.ConvertedType switch
    {
        ConvertedType.Utf8 => StringType.Instance,
        ConvertedType.Enum => EnumType.Instance,
        ConvertedType.Json => JsonType.Instance,
        ConvertedType.Bson => BsonType.Instance,
        ConvertedType.Decimal => new DecimalType(element.Scale ?? 0, element.Precision ?? 0),
        ConvertedType.Date => DateType.Instance,
        ConvertedType.TimeMillis => new TimeType(true, ColumnarTimeUnit.Milliseconds),
        ConvertedType.TimeMicros => new TimeType(true, ColumnarTimeUnit.Microseconds),
        ConvertedType.TimestampMillis => new TimestampType(true, ColumnarTimeUnit.Milliseconds),
        ConvertedType.TimestampMicros => new TimestampType(true, ColumnarTimeUnit.Microseconds),
        ConvertedType.Uint8 => new IntType(8, false),
        ConvertedType.Uint16 => new IntType(16, false),
        ConvertedType.Uint32 => new IntType(32, false),
        ConvertedType.Uint64 => new IntType(64, false),
        ConvertedType.Int8 => new IntType(8, true),
        ConvertedType.Int16 => new IntType(16, true),
        ConvertedType.Int32 => new IntType(32, true),
        ConvertedType.Int64 => new IntType(64, true),
        _ => null,
    };

    private static (ColumnType, ValueConversion) MapInt32(SchemaNode node, LogicalType? logical) => logical switch
    {
        DateType => (ColumnType.Date, ValueConversion.None),
        DecimalType d => (Decimal(node, d), ValueConversion.IntegerToDecimal),
        TimeType { Unit: ColumnarTimeUnit.Milliseconds } => (ColumnType.Time, ValueConversion.TimeMillisToMicros),
        IntType { BitWidth: 32, IsSigned: false } => (ColumnType.Int64, ValueConversion.UInt32ToInt64),
        IntType { BitWidth: 64 } => throw Invalid(node, "INT(64) annotates an INT32 column"),
        _ => (ColumnType.Int32, ValueConversion.None),
    };

    private static (ColumnType, ValueConversion) MapInt64(SchemaNode node, LogicalType? logical) => logical switch
    {
        DecimalType d => (Decimal(node, d), ValueConversion.IntegerToDecimal),
        TimestampType t => (ColumnType.Timestamp(t.Unit, t.IsAdjustedToUtc), ValueConversion.None),
        TimeType { Unit: ColumnarTimeUnit.Microseconds } => (ColumnType.Time, ValueConversion.None),
        TimeType { Unit: ColumnarTimeUnit.Nanoseconds } => (ColumnType.Time, ValueConversion.TimeNanosToMicros),
        TimeType => throw Invalid(node, "TIME(MILLIS) annotates an INT64 column"),
        _ => (ColumnType.Int64, ValueConversion.None),
    };

    private static (ColumnType, ValueConversion) MapByteArray(SchemaNode node, LogicalType? logical) => logical switch
    {
        StringType or EnumType or JsonType => (ColumnType.String, ValueConversion.None),
        DecimalType d => (Decimal(node, d), ValueConversion.BytesToDecimal),
        _ => (ColumnType.Binary, ValueConversion.None),
    };

    private static (ColumnType, ValueConversion) MapFixed(SchemaNode node, LogicalType? logical)
    {
        int length = node.Element.TypeLength ?? 0;
        if (length <= 0)
        {
            throw Invalid(node, $"FIXED_LEN_BYTE_ARRAY needs a positive type_length, not {node.Element.TypeLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
        }

        if (length > MaxFixedLength)
        {
            throw Invalid(node, $"FIXED_LEN_BYTE_ARRAY type_length {length} is larger than the {MaxFixedLength} bytes Floe accepts");
        }

        return logical switch
        {
            UuidType when length == 16 => (ColumnType.Uuid, ValueConversion.None),
            UuidType => throw Invalid(node, $"UUID needs 16 bytes, not {length}"),
            DecimalType d when length > 16 => throw new ParquetException(
                FloeErrorKind.Unsupported, $"Parquet schema: column '{node}' is a decimal of {length} bytes; at most 16 are supported."),
            DecimalType d => (Decimal(node, d), ValueConversion.BytesToDecimal),
            _ => (ColumnType.FixedBinary(length), ValueConversion.None),
        };
    }

    private static ColumnType Decimal(SchemaNode node, DecimalType type)
    {
        if (type.Precision is < 1 or > 38 || type.Scale < 0 || type.Scale > type.Precision)
        {
            throw Invalid(node, $"decimal({type.Precision},{type.Scale}) is outside precision 1..38, scale 0..precision");
        }

        return ColumnType.Decimal(type.Precision, type.Scale);
    }

    private static ParquetException Invalid(SchemaNode node, string message) =>
        new($"Parquet schema: column '{node}': {message}.");
}
