using System.Diagnostics;
using System.Globalization;
using Floe.Catalog;
using Floe.Catalog.FileSystem;
using Floe.Common.Columnar;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Mixed;
using Floe.Mixed.Writing;
using Floe.Table.Data.Schema;
using Floe.Table.Data.Writing;

/// <summary>
/// Upsert throughput of a primary-key table (one thread, one change transaction per batch, filesystem catalog, files
/// on disk) against writing the same rows once as plain Parquet with <see cref="DataFileWriter"/>.
/// </summary>
internal static class UpsertBench
{
    public static async Task RunAsync(string[] args)
    {
        int total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
        int keys = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        int batchRows = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
        var schema = new Schema(
        [
            NestedField.Required(1, "id", PrimitiveType.Long),
            NestedField.Optional(2, "name", PrimitiveType.String),
            NestedField.Optional(3, "score", PrimitiveType.Double),
            NestedField.Optional(4, "qty", PrimitiveType.Int),
        ]);
        IReadOnlyList<ColumnField> fields = IcebergColumns.ToColumnFields(schema);
        var random = new Random(7);
        List<ColumnBatch> batches = [];
        for (int start = 0; start < total; start += batchRows)
        {
            batches.Add(Build(fields, Math.Min(batchRows, total - start), keys, random));
        }

        string root = Path.Combine(Path.GetTempPath(), "floe-mixed-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            Console.WriteLine($"{total:N0} upserts over {keys:N0} keys in batches of {batchRows:N0}, 4 columns, zstd, one calling thread; the change writer encodes (partition, node) groups on up to {Environment.ProcessorCount} threads");

            TimeSpan plainCpu = Cpu();
            var plainWatch = Stopwatch.StartNew();
            var config = new DataWriterConfig { Schema = schema, TargetFileSizeBytes = long.MaxValue };
            await using (FileStream output = File.Create(Path.Combine(root, "plain.parquet")))
            {
                await using var writer = new DataFileWriter(output, Path.Combine(root, "plain.parquet"), config, leaveOpen: true);
                foreach (ColumnBatch batch in batches)
                {
                    await writer.WriteAsync(batch);
                }

                await writer.CloseAsync();
            }

            plainWatch.Stop();
            plainCpu = Cpu() - plainCpu;

            var catalog = new FileSystemCatalog(Path.Combine(root, "warehouse"));
            await catalog.CreateNamespaceAsync(Namespace.Of("bench"));
            MixedTable table = await catalog.CreatePrimaryKeyTableAsync(TableIdentifier.Parse("bench.upserts"), schema, ["id"], properties: Environment.GetEnvironmentVariable("CODEC") is { } codec ? new Dictionary<string, string> { ["write.parquet.compression-codec"] = codec } : null);
            long allocated = GC.GetTotalAllocatedBytes();
            int fullCollections = GC.CollectionCount(2);
            TimeSpan paused = GC.GetTotalPauseDuration();
            TimeSpan upsertCpu = Cpu();
            var upsertWatch = Stopwatch.StartNew();
            long changeRows = 0;
            var writeWatch = new Stopwatch();
            foreach (ColumnBatch batch in batches)
            {
                await using ChangeWriter writer = table.NewChangeWriter();
                writeWatch.Start();
                await writer.UpsertAsync(batch);
                writeWatch.Stop();
                changeRows += (await writer.CommitAsync())!.RowCount;
            }

            upsertWatch.Stop();
            upsertCpu = Cpu() - upsertCpu;

            double plainRate = total / plainWatch.Elapsed.TotalSeconds;
            double upsertRate = total / upsertWatch.Elapsed.TotalSeconds;
            Console.WriteLine($"plain DataFileWriter   {plainRate,14:N0} rows/s  {plainWatch.ElapsedMilliseconds,8:N0} ms  (cpu {plainCpu.TotalMilliseconds:N0} ms)");
            Console.WriteLine($"upsert (change store)  {upsertRate,14:N0} rows/s  {upsertWatch.ElapsedMilliseconds,8:N0} ms  (cpu {upsertCpu.TotalMilliseconds:N0} ms, {changeRows:N0} change rows, {batches.Count} commits)");
            Console.WriteLine($"  of which fan-out and encoding {writeWatch.ElapsedMilliseconds:N0} ms, closing files and committing {upsertWatch.ElapsedMilliseconds - writeWatch.ElapsedMilliseconds:N0} ms");
            Console.WriteLine($"  allocated {(GC.GetTotalAllocatedBytes() - allocated) >> 20:N0} MB, {GC.CollectionCount(2) - fullCollections} gen2 collections, {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:N0} ms paused in GC");
            Console.WriteLine($"ratio upsert/plain     {upsertRate / plainRate,14:P1}  (target >= 70%)");

            if (Environment.GetEnvironmentVariable("FLOE_BENCH_SKIP_READ") is not null)
            {
                return;
            }

            var check = Stopwatch.StartNew();
            long merged = 0;
            await foreach (ColumnBatch batch in table.NewScan().ReadAsync())
            {
                merged += batch.RowCount;
                batch.Dispose();
            }

            Console.WriteLine($"merge-on-read of the result: {merged:N0} rows in {check.ElapsedMilliseconds:N0} ms");
        }
        finally
        {
            foreach (ColumnBatch batch in batches)
            {
                batch.Dispose();
            }

            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Processor time of the whole process (every thread), user and kernel.</summary>
    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static ColumnBatch Build(IReadOnlyList<ColumnField> fields, int rows, int keys, Random random)
    {
        var batch = ColumnBatch.Create(fields, rows);
        var ids = (PrimitiveVector<long>)batch.Column(0);
        var names = (BinaryVector)batch.Column(1);
        var scores = (PrimitiveVector<double>)batch.Column(2);
        var quantities = (PrimitiveVector<int>)batch.Column(3);
        for (int i = 0; i < rows; i++)
        {
            long id = random.Next(keys);
            ids.Append(id);
            names.Append(string.Create(CultureInfo.InvariantCulture, $"customer-{id % 50_000}"));
            scores.Append(random.NextDouble() * 1000);
            quantities.Append(random.Next(1, 100));
        }

        return batch;
    }
}
