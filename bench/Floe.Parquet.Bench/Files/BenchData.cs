using System.Text;
using Floe.Common.Columnar;

namespace Floe.Parquet.Bench.Files;

/// <summary>
/// The benchmark table: id long, value double, name (~20 characters from 50,000 distinct names), ts timestamp
/// micros, qty int with about 10% nulls. Generated once into batches held in memory.
/// </summary>
internal static class BenchData
{
    public const int BatchRows = 128 * 1024;

    public static IReadOnlyList<ColumnField> Fields { get; } =
    [
        new ColumnField("id", ColumnType.Int64, Nullable: false, FieldId: 1),
        new ColumnField("value", ColumnType.Float64, Nullable: false, FieldId: 2),
        new ColumnField("name", ColumnType.String, Nullable: false, FieldId: 3),
        new ColumnField("ts", ColumnType.Timestamp(TimeUnit.Microseconds, true), Nullable: false, FieldId: 4),
        new ColumnField("qty", ColumnType.Int32, FieldId: 5),
    ];

    /// <summary>Builds <paramref name="rows"/> rows; <paramref name="rawBytes"/> is their in-memory value size.</summary>
    public static List<ColumnBatch> Generate(long rows, out long rawBytes)
    {
        var random = new Random(20_26);
        string[] names = [.. Enumerable.Range(0, 50_000).Select(i => Name(random, i))];
        var batches = new List<ColumnBatch>();
        rawBytes = 0;
        long ts = 1_700_000_000_000_000L;
        for (long start = 0; start < rows; start += BatchRows)
        {
            int count = (int)Math.Min(BatchRows, rows - start);
            var batch = ColumnBatch.Create(Fields, count);
            Span<long> ids = ((PrimitiveVector<long>)batch.Column(0)).AppendUninitialized(count);
            Span<double> values = ((PrimitiveVector<double>)batch.Column(1)).AppendUninitialized(count);
            var nameVector = (BinaryVector)batch.Column(2);
            Span<long> stamps = ((PrimitiveVector<long>)batch.Column(3)).AppendUninitialized(count);
            var qty = (PrimitiveVector<int>)batch.Column(4);
            for (int i = 0; i < count; i++)
            {
                ids[i] = start + i;
                values[i] = Math.Round(random.NextDouble() * 10_000, 2);
                ts += random.Next(0, 2_000_000);
                stamps[i] = ts;
                string name = names[Skewed(random, names.Length)];
                nameVector.Append(name);
                rawBytes += name.Length;
                if (random.Next(10) == 0)
                {
                    qty.AppendNull();
                }
                else
                {
                    qty.Append(random.Next(1, 500));
                }
            }

            rawBytes += count * (8L + 8 + 8 + 4);
            batches.Add(batch);
        }

        return batches;
    }

    // Popular names come up far more often than rare ones, as customer or product names do.
    private static int Skewed(Random random, int count)
    {
        double u = random.NextDouble();
        return (int)(count * u * u * u);
    }

    private static string Name(Random random, int index)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        var text = new StringBuilder(24);
        int length = random.Next(12, 20);
        for (int i = 0; i < length; i++)
        {
            text.Append(letters[random.Next(letters.Length)]);
        }

        return text.Append('-').Append(index).ToString();
    }
}
