using System.Diagnostics;
using System.Globalization;
using Floe.Common.Columnar;
using Floe.Parquet.Compression;
using Floe.Parquet.Writing;

namespace Floe.Parquet.Bench.Selection;

/// <summary>
/// Writing the rows of a batch split into groups (one file per group, as a partitioned or bucketed writer does): each
/// group gathered into a batch of its own and written, against each group written as a selection of the batch. The
/// two alternate round by round in one process, so the ratio holds while the machine's speed drifts.
/// </summary>
internal static class SelectionBenchmark
{
    public static async Task<int> RunAsync(TextWriter output, int rows, int groups, int rounds)
    {
        ColumnField[] fields =
        [
            new("id", ColumnType.Int64, Nullable: false),
            new("name", ColumnType.String),
            new("score", ColumnType.Float64),
            new("qty", ColumnType.Int32),
        ];
        var random = new Random(11);
        using var batch = ColumnBatch.Create(fields, rows);
        var ids = (PrimitiveVector<long>)batch.Column(0);
        var names = (BinaryVector)batch.Column(1);
        var scores = (PrimitiveVector<double>)batch.Column(2);
        var quantities = (PrimitiveVector<int>)batch.Column(3);
        int[] groupOfRow = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            long id = random.Next(1_000_000);
            ids.Append(id);
            names.Append(string.Create(CultureInfo.InvariantCulture, $"customer-{id % 50_000}"));
            scores.Append(random.NextDouble() * 1000);
            quantities.Append(random.Next(1, 100));
            groupOfRow[i] = (int)(id % groups);
        }

        int[][] selections = [.. Enumerable.Range(0, groups).Select(g => Enumerable.Range(0, rows).Where(r => groupOfRow[r] == g).ToArray())];
        var options = new ParquetWriterOptions { Codec = CompressionCodec.Zstd };
        using var sink = new MemoryStream(rows * 64);

        async Task<double> GatheredAsync()
        {
            var watch = Stopwatch.StartNew();
            foreach (int[] selection in selections)
            {
                using var part = new ColumnBatch(fields, [.. batch.Columns.Select(c => ColumnGather.Take(c, selection))]);
                sink.SetLength(0);
                await using var writer = new ParquetFileWriter(sink, fields, options, leaveOpen: true);
                await writer.WriteBatchAsync(part);
                await writer.CloseAsync();
            }

            return watch.Elapsed.TotalMilliseconds;
        }

        async Task<double> SelectedAsync()
        {
            var watch = Stopwatch.StartNew();
            foreach (int[] selection in selections)
            {
                sink.SetLength(0);
                await using var writer = new ParquetFileWriter(sink, fields, options, leaveOpen: true);
                await writer.WriteBatchAsync(batch, selection);
                await writer.CloseAsync();
            }

            return watch.Elapsed.TotalMilliseconds;
        }

        for (int i = 0; i < 5; i++)
        {
            await GatheredAsync();
            await SelectedAsync();
        }

        List<double> gathered = [];
        List<double> selected = [];
        for (int round = 0; round < rounds; round++)
        {
            gathered.Add(await GatheredAsync());
            selected.Add(await SelectedAsync());
        }

        double g = Median(gathered);
        double s = Median(selected);
        output.WriteLine($"{rows:N0} rows in {groups} groups (4 columns, zstd), {rounds} alternating rounds: gathered then written {g:N1} ms, written as selections {s:N1} ms (median); selection/gathered {s / g:P1}");
        return 0;
    }

    private static double Median(List<double> values)
    {
        List<double> sorted = [.. values.Order()];
        return sorted[sorted.Count / 2];
    }
}
