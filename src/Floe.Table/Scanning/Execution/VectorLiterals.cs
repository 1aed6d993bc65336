using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Table.Scanning.Execution;

/// <summary>Reads one value of a column vector as a <see cref="Literal"/> of the field's Iceberg type.</summary>
internal static class VectorLiterals
{
    public static Literal Get(ColumnVector[] chain, PrimitiveType type, int row)
    {
        if (FieldAccessor.IsNull(chain, row))
        {
            return Literal.Null;
        }

        ColumnVector vector = chain[^1];
        return (type.TypeId, vector) switch
        {
            (TypeId.Boolean, PrimitiveVector<bool> v) => Literal.Of(v[row]),
            (TypeId.Int, PrimitiveVector<int> v) => Literal.Of(v[row]),
            (TypeId.Long, PrimitiveVector<long> v) => Literal.Of(v[row]),
            (TypeId.Float, PrimitiveVector<float> v) => Literal.Of(v[row]),
            (TypeId.Double, PrimitiveVector<double> v) => Literal.Of(v[row]),
            (TypeId.Date, PrimitiveVector<int> v) => Literal.OfDate(v[row]),
            (TypeId.Time, PrimitiveVector<long> v) => Literal.OfTime(v[row]),
            (TypeId.Timestamp, PrimitiveVector<long> v) => Literal.OfTimestamp(v[row]),
            (TypeId.TimestampTz, PrimitiveVector<long> v) => Literal.OfTimestampTz(v[row]),
            (TypeId.TimestampNs, PrimitiveVector<long> v) => Literal.OfTimestampNs(v[row]),
            (TypeId.TimestampTzNs, PrimitiveVector<long> v) => Literal.OfTimestampTzNs(v[row]),
            (TypeId.Decimal, PrimitiveVector<Int128> v) => Literal.OfDecimal(v[row], type.Scale),
            (TypeId.String, BinaryVector v) => Literal.Of(v.GetString(row)),
            (TypeId.Binary, BinaryVector v) => Literal.OfBinary(v.GetBytes(row).ToArray()),
            (TypeId.Fixed, FixedBinaryVector v) => Literal.OfFixed(v.GetBytes(row).ToArray()),
            (TypeId.Uuid, FixedBinaryVector v) => Literal.OfUuid(v.GetBytes(row)),
            _ => throw new FloeException(FloeErrorKind.Unsupported, $"Cannot read a {type} value from a {vector.Type} column."),
        };
    }
}
