using Floe.Parquet.Thrift;
using ColumnarTimeUnit = Floe.Common.Columnar.TimeUnit;

namespace Floe.Parquet.Metadata;

/// <summary>
/// The logical type annotation of a schema element: the Thrift <c>LogicalType</c> union, one record per member.
/// Members Floe does not model (geometry, geography, variant...) are kept as <see cref="OtherLogicalType"/>.
/// </summary>
public abstract record LogicalType
{
    private protected LogicalType()
    {
    }

    /// <summary>The union member's field id in parquet.thrift.</summary>
    public abstract short UnionFieldId { get; }

    public static LogicalType Read(ref ThriftCompactReader reader)
    {
        int start = reader.Position;
        LogicalType? result = null;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out ThriftType type, out short id))
        {
            if (type != ThriftType.Struct || result is not null)
            {
                reader.Skip(type);
                continue;
            }

            result = id switch
            {
                1 => SkipEmpty(ref reader, StringType.Instance),
                2 => SkipEmpty(ref reader, MapType.Instance),
                3 => SkipEmpty(ref reader, ListType.Instance),
                4 => SkipEmpty(ref reader, EnumType.Instance),
                5 => DecimalType.ReadBody(ref reader),
                6 => SkipEmpty(ref reader, DateType.Instance),
                7 => TimeType.ReadBody(ref reader),
                8 => TimestampType.ReadBody(ref reader),
                10 => IntType.ReadBody(ref reader),
                11 => SkipEmpty(ref reader, NullType.Instance),
                12 => SkipEmpty(ref reader, JsonType.Instance),
                13 => SkipEmpty(ref reader, BsonType.Instance),
                14 => SkipEmpty(ref reader, UuidType.Instance),
                15 => SkipEmpty(ref reader, Float16Type.Instance),
                _ => SkipEmpty(ref reader, new OtherLogicalType(id)),
            };
        }

        reader.EndStruct(token);
        return result ?? throw reader.Error("LogicalType union has no member set", start);
    }

    public void Write(ThriftCompactWriter writer)
    {
        writer.BeginStruct();
        writer.BeginStructField(UnionFieldId);
        WriteBody(writer);
        writer.EndStruct();
        writer.EndStruct();
    }

    /// <summary>Writes the member struct's fields (none for the marker types).</summary>
    private protected virtual void WriteBody(ThriftCompactWriter writer)
    {
    }

    internal static ColumnarTimeUnit ReadTimeUnit(ref ThriftCompactReader reader)
    {
        int start = reader.Position;
        ColumnarTimeUnit? unit = null;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out ThriftType type, out short id))
        {
            if (type == ThriftType.Struct && unit is null && id is >= 1 and <= 3)
            {
                unit = id switch
                {
                    1 => ColumnarTimeUnit.Milliseconds,
                    2 => ColumnarTimeUnit.Microseconds,
                    _ => ColumnarTimeUnit.Nanoseconds,
                };
            }

            reader.Skip(type);
        }

        reader.EndStruct(token);
        return unit ?? throw reader.Error("TimeUnit union has no known member set", start);
    }

    internal static void WriteTimeUnit(ThriftCompactWriter writer, short fieldId, ColumnarTimeUnit unit)
    {
        writer.BeginStructField(fieldId);
        writer.BeginStructField(unit switch
        {
            ColumnarTimeUnit.Milliseconds => 1,
            ColumnarTimeUnit.Microseconds => 2,
            _ => 3,
        });
        writer.EndStruct();
        writer.EndStruct();
    }

    private static LogicalType SkipEmpty(ref ThriftCompactReader reader, LogicalType type)
    {
        reader.Skip(ThriftType.Struct);
        return type;
    }
}

/// <summary>UTF-8 text in a BYTE_ARRAY.</summary>
public sealed record StringType : LogicalType
{
    public static StringType Instance { get; } = new();

    public override short UnionFieldId => 1;
}

/// <summary>A map group.</summary>
public sealed record MapType : LogicalType
{
    public static MapType Instance { get; } = new();

    public override short UnionFieldId => 2;
}

/// <summary>A list group.</summary>
public sealed record ListType : LogicalType
{
    public static ListType Instance { get; } = new();

    public override short UnionFieldId => 3;
}

/// <summary>An enum value stored as UTF-8 text.</summary>
public sealed record EnumType : LogicalType
{
    public static EnumType Instance { get; } = new();

    public override short UnionFieldId => 4;
}

/// <summary>Days since 1970-01-01 in an INT32.</summary>
public sealed record DateType : LogicalType
{
    public static DateType Instance { get; } = new();

    public override short UnionFieldId => 6;
}

/// <summary>Only nulls are stored.</summary>
public sealed record NullType : LogicalType
{
    public static NullType Instance { get; } = new();

    public override short UnionFieldId => 11;
}

/// <summary>JSON text in a BYTE_ARRAY.</summary>
public sealed record JsonType : LogicalType
{
    public static JsonType Instance { get; } = new();

    public override short UnionFieldId => 12;
}

/// <summary>BSON documents in a BYTE_ARRAY.</summary>
public sealed record BsonType : LogicalType
{
    public static BsonType Instance { get; } = new();

    public override short UnionFieldId => 13;
}

/// <summary>A UUID in a FIXED_LEN_BYTE_ARRAY(16).</summary>
public sealed record UuidType : LogicalType
{
    public static UuidType Instance { get; } = new();

    public override short UnionFieldId => 14;
}

/// <summary>An IEEE half-precision float in a FIXED_LEN_BYTE_ARRAY(2).</summary>
public sealed record Float16Type : LogicalType
{
    public static Float16Type Instance { get; } = new();

    public override short UnionFieldId => 15;
}

/// <summary>A union member Floe does not model; written back as an empty member struct.</summary>
public sealed record OtherLogicalType(short FieldId) : LogicalType
{
    public override short UnionFieldId => FieldId;
}

/// <summary>A decimal with the given precision and scale.</summary>
public sealed record DecimalType(int Scale, int Precision) : LogicalType
{
    public override short UnionFieldId => 5;

    internal static DecimalType ReadBody(ref ThriftCompactReader reader)
    {
        int? scale = null;
        int? precision = null;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.I32:
                    scale = reader.ReadI32();
                    break;
                case 2 when type == ThriftType.I32:
                    precision = reader.ReadI32();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        return new DecimalType(
            scale ?? throw reader.MissingField(nameof(DecimalType), "scale", 1),
            precision ?? throw reader.MissingField(nameof(DecimalType), "precision", 2));
    }

    private protected override void WriteBody(ThriftCompactWriter writer)
    {
        writer.WriteI32Field(1, Scale);
        writer.WriteI32Field(2, Precision);
    }
}

/// <summary>A time of day in the given unit.</summary>
public sealed record TimeType(bool IsAdjustedToUtc, ColumnarTimeUnit Unit) : LogicalType
{
    public override short UnionFieldId => 7;

    internal static TimeType ReadBody(ref ThriftCompactReader reader)
    {
        (bool utc, ColumnarTimeUnit unit) = ReadAdjustedAndUnit(ref reader, nameof(TimeType));
        return new TimeType(utc, unit);
    }

    internal static (bool Utc, ColumnarTimeUnit Unit) ReadAdjustedAndUnit(ref ThriftCompactReader reader, string name)
    {
        bool? utc = null;
        ColumnarTimeUnit? unit = null;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.Bool:
                    utc = reader.ReadBool();
                    break;
                case 2 when type == ThriftType.Struct:
                    unit = ReadTimeUnit(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        return (utc ?? throw reader.MissingField(name, "isAdjustedToUTC", 1), unit ?? throw reader.MissingField(name, "unit", 2));
    }

    private protected override void WriteBody(ThriftCompactWriter writer)
    {
        writer.WriteBoolField(1, IsAdjustedToUtc);
        WriteTimeUnit(writer, 2, Unit);
    }
}

/// <summary>A timestamp in the given unit; an instant when <see cref="IsAdjustedToUtc"/>, else a local date-time.</summary>
public sealed record TimestampType(bool IsAdjustedToUtc, ColumnarTimeUnit Unit) : LogicalType
{
    public override short UnionFieldId => 8;

    internal static TimestampType ReadBody(ref ThriftCompactReader reader)
    {
        (bool utc, ColumnarTimeUnit unit) = TimeType.ReadAdjustedAndUnit(ref reader, nameof(TimestampType));
        return new TimestampType(utc, unit);
    }

    private protected override void WriteBody(ThriftCompactWriter writer)
    {
        writer.WriteBoolField(1, IsAdjustedToUtc);
        WriteTimeUnit(writer, 2, Unit);
    }
}

/// <summary>An integer of 8, 16, 32 or 64 bits, signed or unsigned.</summary>
public sealed record IntType(int BitWidth, bool IsSigned) : LogicalType
{
    public override short UnionFieldId => 10;

    internal static IntType ReadBody(ref ThriftCompactReader reader)
    {
        int? width = null;
        bool? signed = null;
        short token = reader.BeginStruct();
        while (reader.ReadFieldHeader(out ThriftType type, out short id))
        {
            switch (id)
            {
                case 1 when type == ThriftType.Byte:
                    width = reader.ReadByte();
                    break;
                case 2 when type == ThriftType.Bool:
                    signed = reader.ReadBool();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        reader.EndStruct(token);
        return new IntType(
            width ?? throw reader.MissingField(nameof(IntType), "bitWidth", 1),
            signed ?? throw reader.MissingField(nameof(IntType), "isSigned", 2));
    }

    private protected override void WriteBody(ThriftCompactWriter writer)
    {
        writer.WriteByteField(1, (sbyte)BitWidth);
        writer.WriteBoolField(2, IsSigned);
    }
}
