using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Table.Data.Writing;

/// <summary>One value of a vector as a <see cref="Literal"/> of its Iceberg type (for transforms and partition tuples).</summary>
public static class VectorLiteral
{
    public static Literal At(ColumnVector vector, int row, PrimitiveType type)
    {
        ArgumentNullException.ThrowIfNull(vector);
        ArgumentNullException.ThrowIfNull(type);
        if (vector.IsNull(row))
        {
            return Literal.Null;
        }

        return (vector, type.TypeId) switch
        {
            (PrimitiveVector<bool> v, TypeId.Boolean) => Literal.Of(v[row]),
            (PrimitiveVector<int> v, TypeId.Int) => Literal.Of(v[row]),
            (PrimitiveVector<int> v, TypeId.Date) => Literal.OfDate(v[row]),
            (PrimitiveVector<long> v, TypeId.Long) => Literal.Of(v[row]),
            (PrimitiveVector<long> v, TypeId.Time) => Literal.OfTime(v[row]),
            (PrimitiveVector<long> v, TypeId.Timestamp) => Literal.OfTimestamp(v[row]),
            (PrimitiveVector<long> v, TypeId.TimestampTz) => Literal.OfTimestampTz(v[row]),
            (PrimitiveVector<long> v, TypeId.TimestampNs) => Literal.OfTimestampNs(v[row]),
            (PrimitiveVector<long> v, TypeId.TimestampTzNs) => Literal.OfTimestampTzNs(v[row]),
            (PrimitiveVector<float> v, TypeId.Float) => Literal.Of(v[row]),
            (PrimitiveVector<double> v, TypeId.Double) => Literal.Of(v[row]),
            (PrimitiveVector<Int128> v, TypeId.Decimal) => Literal.OfDecimal(v[row], type.Scale),
            (BinaryVector v, TypeId.String) => Literal.Of(v.GetString(row)),
            (BinaryVector v, TypeId.Binary) => Literal.OfBinary(v.GetBytes(row).ToArray()),
            (FixedBinaryVector v, TypeId.Uuid) => Literal.OfUuid(v.GetBytes(row)),
            (FixedBinaryVector v, TypeId.Fixed) => Literal.OfFixed(v.GetBytes(row).ToArray()),
            _ => throw new FloeException(FloeErrorKind.InvalidArgument, $"a {vector.Type} column cannot hold {type} values"),
        };
    }

    /// <summary>Whether two rows of a vector hold the same value (both null counts as the same).</summary>
    public static bool SameValue(ColumnVector vector, int left, int right)
    {
        ArgumentNullException.ThrowIfNull(vector);
        bool leftNull = vector.IsNull(left);
        if (leftNull || vector.IsNull(right))
        {
            return leftNull == vector.IsNull(right);
        }

        return vector switch
        {
            PrimitiveVector<bool> v => v[left] == v[right],
            PrimitiveVector<int> v => v[left] == v[right],
            PrimitiveVector<long> v => v[left] == v[right],
            PrimitiveVector<float> v => BitConverter.SingleToInt32Bits(v[left]) == BitConverter.SingleToInt32Bits(v[right]),
            PrimitiveVector<double> v => BitConverter.DoubleToInt64Bits(v[left]) == BitConverter.DoubleToInt64Bits(v[right]),
            PrimitiveVector<Int128> v => v[left] == v[right],
            BinaryVector v => v.GetBytes(left).SequenceEqual(v.GetBytes(right)),
            FixedBinaryVector v => v.GetBytes(left).SequenceEqual(v.GetBytes(right)),
            _ => false,
        };
    }
}
