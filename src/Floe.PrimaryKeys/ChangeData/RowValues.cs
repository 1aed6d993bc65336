using System.Collections;
using Floe.Common.Columnar;

namespace Floe.PrimaryKeys.ChangeData;

/// <summary>Compares row values across batches (used to drop updates that changed nothing in net changes).</summary>
internal static class RowValues
{
    public static bool Equal(ColumnVector left, int leftRow, ColumnVector right, int rightRow)
    {
        bool leftNull = left.IsNull(leftRow);
        if (leftNull || right.IsNull(rightRow))
        {
            return leftNull && right.IsNull(rightRow);
        }

        return (left, right) switch
        {
            (PrimitiveVector<long> a, PrimitiveVector<long> b) => a[leftRow] == b[rightRow],
            (PrimitiveVector<int> a, PrimitiveVector<int> b) => a[leftRow] == b[rightRow],
            (PrimitiveVector<double> a, PrimitiveVector<double> b) => a[leftRow].Equals(b[rightRow]),
            (PrimitiveVector<float> a, PrimitiveVector<float> b) => a[leftRow].Equals(b[rightRow]),
            (BinaryVector a, BinaryVector b) => a.GetBytes(leftRow).SequenceEqual(b.GetBytes(rightRow)),
            (FixedBinaryVector a, FixedBinaryVector b) => a.GetBytes(leftRow).SequenceEqual(b.GetBytes(rightRow)),
            _ => Structural(left.GetValue(leftRow), right.GetValue(rightRow)),
        };
    }

    private static bool Structural(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        if (left is KeyValuePair<object?, object?> leftEntry && right is KeyValuePair<object?, object?> rightEntry)
        {
            return Structural(leftEntry.Key, rightEntry.Key) && Structural(leftEntry.Value, rightEntry.Value);
        }

        if (left is IEnumerable a && right is IEnumerable b && left is not string && right is not string)
        {
            IEnumerator x = a.GetEnumerator();
            IEnumerator y = b.GetEnumerator();
            while (true)
            {
                bool more = x.MoveNext();
                if (more != y.MoveNext())
                {
                    return false;
                }

                if (!more)
                {
                    return true;
                }

                if (!Structural(x.Current, y.Current))
                {
                    return false;
                }
            }
        }

        return left.Equals(right);
    }
}
