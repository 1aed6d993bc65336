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
            var catalog = new FileSystemCatalog(Path.Combine(root, "warehouse"));
            await catalog.CreateNamespaceAsync(Namespace.Of("bench"));
            Console.WriteLine($"{total:N0} upserts over {keys:N0} keys in batches of {batchRows:N0}, 4 columns, zstd, one calling thread; the change writer encodes (partition, node) groups on up to {Environment.ProcessorCount} threads");

            // Both paths run once on a tenth of the batches first, so neither is timed while the JIT is still tiering up.
            List<ColumnBatch> warmUp = batches[..Math.Max(1, batches.Count / 10)];
            await WritePlainAsync(Path.Combine(root, "warm-up.parquet"), schema, warmUp);
            await UpsertAllAsync(await CreateTableAsync(catalog, "warm_up", schema), warmUp);

            // Rounds alternate the two writes on a machine that other work may share; the median round is the figure.
            int rounds = Environment.GetEnvironmentVariable("FLOE_BENCH_ROUNDS") is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : 3;
            List<double> ratios = [];
            MixedTable table = null!;
            for (int round = 1; round <= rounds; round++)
            {
                TimeSpan plainCpu = Cpu();
                var plainWatch = Stopwatch.StartNew();
                await WritePlainAsync(Path.Combine(root, $"plain-{round}.parquet"), schema, batches);
                plainWatch.Stop();
                plainCpu = Cpu() - plainCpu;

                table = await CreateTableAsync(catalog, $"upserts_{round}", schema);
                long allocated = GC.GetTotalAllocatedBytes();
                int fullCollections = GC.CollectionCount(2);
                TimeSpan paused = GC.GetTotalPauseDuration();
                TimeSpan upsertCpu = Cpu();
                var upsertWatch = Stopwatch.StartNew();
                (long changeRows, TimeSpan writing) = await UpsertAllAsync(table, batches);
                upsertWatch.Stop();
                upsertCpu = Cpu() - upsertCpu;

                double plainRate = total / plainWatch.Elapsed.TotalSeconds;
                double upsertRate = total / upsertWatch.Elapsed.TotalSeconds;
                ratios.Add(upsertRate / plainRate);
                Console.WriteLine($"round {round}");
                Console.WriteLine($"  plain DataFileWriter   {plainRate,14:N0} rows/s  {plainWatch.ElapsedMilliseconds,8:N0} ms  (cpu {plainCpu.TotalMilliseconds:N0} ms)");
                Console.WriteLine($"  upsert (change store)  {upsertRate,14:N0} rows/s  {upsertWatch.ElapsedMilliseconds,8:N0} ms  (cpu {upsertCpu.TotalMilliseconds:N0} ms, {changeRows:N0} change rows, {batches.Count} commits)");
                Console.WriteLine($"    of which fan-out and encoding {writing.TotalMilliseconds:N0} ms, closing files and committing {(upsertWatch.Elapsed - writing).TotalMilliseconds:N0} ms");
                Console.WriteLine($"    allocated {(GC.GetTotalAllocatedBytes() - allocated) >> 20:N0} MB, {GC.CollectionCount(2) - fullCollections} gen2 collections, {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:N0} ms paused in GC");
                Console.WriteLine($"  ratio upsert/plain     {upsertRate / plainRate,14:P1}");
            }

            ratios.Sort();
            Console.WriteLine($"median ratio upsert/plain over {rounds} rounds: {ratios[ratios.Count / 2]:P1}  (target >= 70%; rounds {string.Join(", ", ratios.Select(r => r.ToString("P1", CultureInfo.InvariantCulture)))})");

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

    private static async Task WritePlainAsync(string path, Schema schema, List<ColumnBatch> batches)
    {
        var config = new DataWriterConfig { Schema = schema, TargetFileSizeBytes = long.MaxValue };
        await using FileStream output = File.Create(path);
        await using var writer = new DataFileWriter(output, path, config, leaveOpen: true);
        foreach (ColumnBatch batch in batches)
        {
            await writer.WriteAsync(batch);
        }

        await writer.CloseAsync();
    }

    private static Task<MixedTable> CreateTableAsync(FileSystemCatalog catalog, string name, Schema schema) =>
        catalog.CreatePrimaryKeyTableAsync(
            TableIdentifier.Of("bench", name),
            schema,
            ["id"],
            properties: Environment.GetEnvironmentVariable("CODEC") is { } codec ? new Dictionary<string, string> { ["write.parquet.compression-codec"] = codec } : null);

    /// <summary>One change transaction per batch; returns the change rows committed and the time spent before committing.</summary>
    private static async Task<(long ChangeRows, TimeSpan Writing)> UpsertAllAsync(MixedTable table, List<ColumnBatch> batches)
    {
        long changeRows = 0;
        var writing = new Stopwatch();
        foreach (ColumnBatch batch in batches)
        {
            await using ChangeWriter writer = table.NewChangeWriter();
            writing.Start();
            await writer.UpsertAsync(batch);
            writing.Stop();
            changeRows += (await writer.CommitAsync())!.RowCount;
        }

        return (changeRows, writing.Elapsed);
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
