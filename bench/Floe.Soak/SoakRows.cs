using Apache.Arrow;

/// <summary>
/// The rows every table holds: a key, a category of 16, an amount and the write time. Primary-key tables take random
/// keys of a fixed key space (so upserts replace rows and the table's size stays put); append-only tables take new ids.
/// </summary>
internal static class SoakRows
{
    /// <summary>The per-table query: a filter the scan pushes down in part, then a count and a sum.</summary>
    public const string QueryFilter = "category in ('c1', 'c5', 'c9') and amount >= 250";

    public static RecordBatch Keys(long first, int count) => Build(count, i => first + i, new Random(unchecked((int)first)));

    public static RecordBatch Random(Random random, int count, int keys) => Build(count, _ => random.NextInt64(keys), random);

    public static RecordBatch Sequential(Random random, long first, int count) => Build(count, i => first + i, random);

    /// <summary>Count and sum of <c>amount</c> over the rows of the query's filter, reading only the columns it needs.</summary>
    public static async Task<(long Rows, long Sum)> QueryAsync(Floe.FloeTable table, CancellationToken cancellationToken)
    {
        long rows = 0;
        long sum = 0;
        var options = new Floe.FloeScanOptions { Filter = QueryFilter, Columns = ["amount"] };
        await foreach (RecordBatch batch in table.ScanAsync(options, cancellationToken))
        {
            using (batch)
            {
                var amounts = (Int64Array)batch.Column("amount");
                rows += batch.Length;
                for (int i = 0; i < amounts.Length; i++)
                {
                    sum += amounts.GetValue(i) ?? 0;
                }
            }
        }

        return (rows, sum);
    }

    private static RecordBatch Build(int count, Func<int, long> id, Random random)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var ids = new long[count];
        var categories = new string[count];
        var amounts = new long[count];
        for (int i = 0; i < count; i++)
        {
            ids[i] = id(i);
            categories[i] = "c" + random.Next(16).ToString(System.Globalization.CultureInfo.InvariantCulture);
            amounts[i] = random.Next(1_000);
        }

        return new RecordBatch.Builder()
            .Append("id", false, c => c.Int64(v => v.AppendRange(ids)))
            .Append("category", true, c => c.String(v => v.AppendRange(categories)))
            .Append("amount", true, c => c.Int64(v => v.AppendRange(amounts)))
            .Append("written_ms", true, c => c.Int64(v => v.AppendRange(Enumerable.Repeat(now, count))))
            .Build();
    }
}
