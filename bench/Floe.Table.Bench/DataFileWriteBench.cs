using System.Diagnostics;
using System.Globalization;
using Floe.Common.Columnar;
using Floe.Core.IO;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Transforms;
using Floe.Core.Types;
using Floe.Parquet.Writing;
using Floe.Table.Data.Columns;
using Floe.Table.Data.Writing;

/// <summary>
/// Write throughput of the Iceberg data file writer against the plain Parquet writer on the same batches
/// (zstd, default options, output discarded so only CPU is measured), plus the partitioned fan-out writer to disk.
/// </summary>
internal static class DataFileWriteBench
{
    public static async Task RunAsync(string[] args)
    {
        int rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000_000;
        int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var schema = new Schema(
        [
            NestedField.Required(1, "id", PrimitiveType.Long),
            NestedField.Optional(2, "name", PrimitiveType.String),
            NestedField.Optional(3, "price", PrimitiveType.Decimal(12, 2)),
            NestedField.Optional(4, "ts", PrimitiveType.TimestampTz),
            NestedField.Optional(5, "score", PrimitiveType.Double),
            NestedField.Optional(6, "qty", PrimitiveType.Int),
        ]);
        IReadOnlyList<ColumnField> fields = IcebergColumns.ToColumnFields(schema);
        List<ColumnBatch> batches = Build(fields, rows, 65_536);
        Console.WriteLine($"{rows:N0} rows in {batches.Count} batches, 6 columns, zstd, best of {runs}");
        Console.WriteLine("writer                          rows/s        ms");

        double parquet = await BestAsync(runs, async () =>
        {
            await using var writer = new ParquetFileWriter(Stream.Null, fields, new ParquetWriterOptions(), leaveOpen: true);
            foreach (ColumnBatch batch in batches)
            {
                await writer.WriteBatchAsync(batch);
            }

            await writer.CloseAsync();
        });
        Report("ParquetFileWriter", rows, parquet);

        var config = new DataWriterConfig { Schema = schema };
        double data = await BestAsync(runs, async () =>
        {
            await using var writer = new DataFileWriter(Stream.Null, "bench.parquet", config, leaveOpen: true);
            foreach (ColumnBatch batch in batches)
            {
                await writer.WriteAsync(batch);
            }

            await writer.CloseAsync();
        });
        Report("DataFileWriter", rows, data);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"DataFileWriter / ParquetFileWriter time ratio: {data / parquet:F3}"));

        string folder = Path.Combine(Path.GetTempPath(), "floe-data-bench-" + Guid.NewGuid().ToString("N"));
        var spec = new PartitionSpec(0, [new PartitionField(1, 1000, "id_bucket", Transform.Bucket(16))]);
        var partitioned = new DataWriterConfig { Schema = schema, Spec = spec };
        try
        {
            double fanout = await BestAsync(runs, async () =>
            {
                await using var writer = new PartitionedFanoutWriter(new LocalFileIO(), partitioned, new DataLocations(folder));
                foreach (ColumnBatch batch in batches)
                {
                    await writer.WriteAsync(batch);
                }

                await writer.CloseAsync();
            });
            Report("fan-out, bucket[16], to disk", rows, fanout);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        foreach (ColumnBatch batch in batches)
        {
            batch.Dispose();
        }
    }

    private static void Report(string name, int rows, double ms) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-30} {rows / (ms / 1000.0),12:N0} {ms,9:F0}"));

    private static async Task<double> BestAsync(int runs, Func<Task> action)
    {
        await action(); // warm-up
        double best = double.MaxValue;
        for (int i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await action();
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }

        return best;
    }

    private static List<ColumnBatch> Build(IReadOnlyList<ColumnField> fields, int rows, int batchRows)
    {
        var random = new Random(42);
        var batches = new List<ColumnBatch>();
        for (int start = 0; start < rows; start += batchRows)
        {
            int count = Math.Min(batchRows, rows - start);
            var batch = ColumnBatch.Create(fields, count);
            for (int i = start; i < start + count; i++)
            {
                ((PrimitiveVector<long>)batch.Column(0)).Append(i);
                ((BinaryVector)batch.Column(1)).Append(string.Create(CultureInfo.InvariantCulture, $"customer-{random.Next(50_000)}"));
                ((PrimitiveVector<Int128>)batch.Column(2)).Append(random.Next(1_000_000));
                ((PrimitiveVector<long>)batch.Column(3)).Append(1_700_000_000_000_000L + (i * 1_000L));
                if (i % 10 == 0)
                {
                    batch.Column(4).AppendNull();
                }
                else
                {
                    ((PrimitiveVector<double>)batch.Column(4)).Append(random.NextDouble());
                }

                ((PrimitiveVector<int>)batch.Column(5)).Append(random.Next(100));
            }

            batches.Add(batch);
        }

        return batches;
    }
}
