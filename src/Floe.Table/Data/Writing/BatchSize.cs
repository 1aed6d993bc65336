using Floe.Common.Columnar;

namespace Floe.Table.Data.Writing;

/// <summary>Estimates the in-memory size of batches: the basis for guessing a file's size before its row group is written.</summary>
internal static class BatchSize
{
    public static long Estimate(ColumnBatch batch)
    {
        long total = 0;
        foreach (ColumnVector column in batch.Columns)
        {
            total += Estimate(column);
        }

        return total;
    }

    public static long Estimate(ColumnVector vector) => vector switch
    {
        PrimitiveVector<bool> v => v.Length,
        PrimitiveVector<int> v => 4L * v.Length,
        PrimitiveVector<long> v => 8L * v.Length,
        PrimitiveVector<float> v => 4L * v.Length,
        PrimitiveVector<double> v => 8L * v.Length,
        PrimitiveVector<Int128> v => 16L * v.Length,
        BinaryVector v => v.Data.Length + (4L * v.Length),
        FixedBinaryVector v => v.Data.Length,
        StructVector v => v.Children.Sum(Estimate),
        ListVector v => (4L * v.Length) + Estimate(v.Elements),
        MapVector v => (4L * v.Length) + Estimate(v.Keys) + Estimate(v.Values),
        _ => 8L * vector.Length,
    };
}
