using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Table.RowLevel;

/// <summary>How an evaluated value is held: every Iceberg type an expression computes with maps to one lane.</summary>
internal enum Lane
{
    Boolean,

    /// <summary>int, long, date, time and timestamps, as long.</summary>
    Integer,

    /// <summary>float and double, as double.</summary>
    Floating,

    /// <summary>Decimals, as unscaled Int128 in the type's scale.</summary>
    Decimal,

    /// <summary>UTF-8 strings.</summary>
    String,
}

/// <summary>
/// The values of one expression over one batch: a null flag per row and the values in the lane of the expression's
/// type (the other arrays are null). String values point into a vector that is owned only when computed.
/// </summary>
internal sealed class ValueVector : IDisposable
{
    private ValueVector(PrimitiveType? type, int length)
    {
        Type = type;
        Length = length;
        Nulls = new bool[length];
    }

    /// <summary>The type, or null for an untyped null constant.</summary>
    public PrimitiveType? Type { get; }

    public int Length { get; }

    public bool[] Nulls { get; }

    public bool[]? Booleans { get; private init; }

    public long[]? Integers { get; private init; }

    public double[]? Floats { get; private init; }

    public Int128[]? Decimals { get; private init; }

    public BinaryVector? Strings { get; private init; }

    private bool OwnsStrings { get; init; }

    public static Lane LaneOf(PrimitiveType type) => type.TypeId switch
    {
        TypeId.Boolean => Lane.Boolean,
        TypeId.Int or TypeId.Long or TypeId.Date or TypeId.Time or TypeId.Timestamp or TypeId.TimestampTz
            or TypeId.TimestampNs or TypeId.TimestampTzNs => Lane.Integer,
        TypeId.Float or TypeId.Double => Lane.Floating,
        TypeId.Decimal => Lane.Decimal,
        TypeId.String => Lane.String,
        _ => throw new FloeException(FloeErrorKind.Unsupported, $"Values of type {type} cannot be used in expressions."),
    };

    /// <summary>A vector of <paramref name="length"/> rows to fill; strings are appended to <see cref="Strings"/> in row order.</summary>
    public static ValueVector Create(PrimitiveType? type, int length)
    {
        if (type is null)
        {
            var untyped = new ValueVector(null, length);
            untyped.Nulls.AsSpan().Fill(true);
            return untyped;
        }

        return LaneOf(type) switch
        {
            Lane.Boolean => new ValueVector(type, length) { Booleans = new bool[length] },
            Lane.Integer => new ValueVector(type, length) { Integers = new long[length] },
            Lane.Floating => new ValueVector(type, length) { Floats = new double[length] },
            Lane.Decimal => new ValueVector(type, length) { Decimals = new Int128[length] },
            _ => new ValueVector(type, length) { Strings = new BinaryVector(ColumnType.String, length), OwnsStrings = true },
        };
    }

    /// <summary>Reads a column (through its enclosing structs) of a batch; strings stay in the batch's vector.</summary>
    public static ValueVector FromColumn(ColumnVector[] chain, PrimitiveType type)
    {
        ColumnVector vector = chain[^1];
        int length = vector.Length;
        ValueVector result = LaneOf(type) == Lane.String
            ? new ValueVector(type, length) { Strings = (BinaryVector)vector }
            : Create(type, length);
        for (int row = 0; row < length; row++)
        {
            result.Nulls[row] = Scanning.Execution.FieldAccessor.IsNull(chain, row);
        }

        switch (vector)
        {
            case PrimitiveVector<bool> v:
                v.Values.CopyTo(result.Booleans);
                break;
            case PrimitiveVector<int> v:
                for (int row = 0; row < length; row++)
                {
                    result.Integers![row] = v[row];
                }

                break;
            case PrimitiveVector<long> v:
                v.Values.CopyTo(result.Integers);
                break;
            case PrimitiveVector<float> v:
                for (int row = 0; row < length; row++)
                {
                    result.Floats![row] = v[row];
                }

                break;
            case PrimitiveVector<double> v:
                v.Values.CopyTo(result.Floats);
                break;
            case PrimitiveVector<Int128> v:
                v.Values.CopyTo(result.Decimals);
                break;
            case BinaryVector:
                break;
            default:
                throw new FloeException(FloeErrorKind.Unsupported, $"Cannot read a {type} value from a {vector.Type} column.");
        }

        return result;
    }

    /// <summary>One constant repeated over <paramref name="length"/> rows (converted to <paramref name="type"/>).</summary>
    public static ValueVector Broadcast(Literal value, PrimitiveType? type, int length)
    {
        ValueVector result = Create(type, length);
        for (int row = 0; row < length; row++)
        {
            result.Set(row, value);
        }

        return result;
    }

    /// <summary>The value at a row as a literal of the vector's type (for the per-row paths: casts, messages).</summary>
    public Literal Get(int row)
    {
        if (Nulls[row] || Type is null)
        {
            return Literal.Null;
        }

        return Type.TypeId switch
        {
            TypeId.Boolean => Literal.Of(Booleans![row]),
            TypeId.Int => Literal.Of((int)Integers![row]),
            TypeId.Long => Literal.Of(Integers![row]),
            TypeId.Date => Literal.OfDate((int)Integers![row]),
            TypeId.Time => Literal.OfTime(Integers![row]),
            TypeId.Timestamp => Literal.OfTimestamp(Integers![row]),
            TypeId.TimestampTz => Literal.OfTimestampTz(Integers![row]),
            TypeId.TimestampNs => Literal.OfTimestampNs(Integers![row]),
            TypeId.TimestampTzNs => Literal.OfTimestampTzNs(Integers![row]),
            TypeId.Float => Literal.Of((float)Floats![row]),
            TypeId.Double => Literal.Of(Floats![row]),
            TypeId.Decimal => Literal.OfDecimal(Decimals![row], Type.Scale),
            _ => Literal.Of(Strings!.GetString(row)),
        };
    }

    /// <summary>Sets a row from a literal already of the vector's type (null sets null). Strings must be set in row order.</summary>
    public void Set(int row, Literal value)
    {
        if (value.IsNull || Type is null)
        {
            Nulls[row] = true;
            Strings?.AppendNull();
            return;
        }

        Nulls[row] = false;
        switch (LaneOf(Type))
        {
            case Lane.Boolean:
                Booleans![row] = value.AsBoolean();
                break;
            case Lane.Integer:
                Integers![row] = value.TypeId switch
                {
                    TypeId.Int => value.AsInt(),
                    TypeId.Date => value.AsDateDays(),
                    _ => value.AsLong(),
                };
                break;
            case Lane.Floating:
                Floats![row] = value.AsDouble();
                break;
            case Lane.Decimal:
                Decimals![row] = value.DecimalUnscaled;
                break;
            default:
                Strings!.Append(value.AsString());
                break;
        }
    }

    public void Dispose()
    {
        if (OwnsStrings)
        {
            Strings!.Dispose();
        }
    }
}
