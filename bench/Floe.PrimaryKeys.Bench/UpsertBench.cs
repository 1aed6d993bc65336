using System.Diagnostics;
using System.Globalization;
using Floe.Catalog;
using Floe.Catalog.FileSystem;
using Floe.Common.Columnar;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Writing;
using Floe.Table.Data.Columns;
using Floe.Table.Data.Writing;

/// <summary>
/// Upsert throughput of a primary-key table (one calling thread, one change transaction per batch, filesystem catalog,
/// files on disk) against writing the same rows once as plain Parquet with <see cref="DataFileWriter"/>. Both paths run
/// once on a tenth of the batches first so neither is timed while the JIT tiers up. Then two phases: rounds that
/// alternate the two writes (each round's ratio and the median), and each write repeated back to back, whose medians
/// give the steady-state ratio: alternating, the writes evict each other's pooled buffers and compiled code, which
/// costs the single-file plain write most.
/// </summary>
internal static class UpsertBench
{
    public static async Task RunAsync(string[] args)
    {
        int total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
        int keys = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        int batchRows = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
        int rounds = Environment.GetEnvironmentVariable("FLOE_BENCH_ROUNDS") is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : 3;
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
            int tables = 0;
            int plainFiles = 0;
            async Task<Measurement> PlainAsync() => await MeasureAsync(() => WritePlainAsync(Path.Combine(root, $"plain-{++plainFiles}.parquet"), schema, batches));
            async Task<(Measurement Run, UpsertResult Result)> UpsertAsync(bool pipelined = false)
            {
                PrimaryKeyTable table = await CreateTableAsync(catalog, $"upserts_{++tables}", schema);
                UpsertResult result = default;
                Measurement run = await MeasureAsync(async () => result = pipelined ? await UpsertPipelinedAsync(table, batches) : await UpsertAllAsync(table, batches));
                return (run, result with { Table = table });
            }

            List<ColumnBatch> warmUp = batches[..Math.Max(1, batches.Count / 10)];
            await WritePlainAsync(Path.Combine(root, "warm-up.parquet"), schema, warmUp);
            await UpsertAllAsync(await CreateTableAsync(catalog, "warm_up", schema), warmUp);
            await UpsertPipelinedAsync(await CreateTableAsync(catalog, "warm_up_pipelined", schema), warmUp);

            async Task<List<double>> UpsertRoundsAsync(bool pipelined = false)
            {
                List<double> seconds = [];
                for (int round = 1; round <= rounds; round++)
                {
                    (Measurement upsert, UpsertResult result) = await UpsertAsync(pipelined);
                    seconds.Add(upsert.Elapsed);
                    Console.WriteLine($"  upsert{(pipelined ? " pipelined" : "")} {round}: {upsert}, {result}");
                }

                return seconds;
            }

            if (Environment.GetEnvironmentVariable("FLOE_BENCH_UPSERT_ONLY") is not null)
            {
                // For profiling and for comparing builds: only the upsert rounds, back to back.
                await UpsertRoundsAsync();
                return;
            }

            if (Environment.GetEnvironmentVariable("FLOE_BENCH_PIPELINED_AB") is not null)
            {
                // Upsert rounds alternating one transaction at a time and pipelined, so both see the same machine.
                List<double> speedUps = [];
                for (int round = 1; round <= rounds; round++)
                {
                    (Measurement one, _) = await UpsertAsync();
                    (Measurement pipelined, _) = await UpsertAsync(pipelined: true);
                    speedUps.Add(one.Elapsed / pipelined.Elapsed);
                    Console.WriteLine($"  round {round}: one at a time {one}; pipelined {pipelined}; speed-up {speedUps[^1]:P1}");
                }

                Console.WriteLine($"  median speed-up of pipelining {Median(speedUps):P1}");
                return;
            }

            Console.WriteLine($"alternating, {rounds} rounds:");
            List<double> ratios = [];
            PrimaryKeyTable last = null!;
            for (int round = 1; round <= rounds; round++)
            {
                Measurement plain = await PlainAsync();
                (Measurement upsert, UpsertResult result) = await UpsertAsync();
                last = result.Table!;
                ratios.Add(plain.Elapsed / upsert.Elapsed);
                Console.WriteLine($"  round {round}: plain {plain}; upsert {upsert}, {result}; ratio {ratios[^1]:P1}");
            }

            Console.WriteLine($"  median ratio upsert/plain {Median(ratios):P1}  (target >= 70%)");

            Console.WriteLine($"back to back, {rounds} rounds each:");
            List<double> plainSeconds = [];
            for (int round = 1; round <= rounds; round++)
            {
                Measurement plain = await PlainAsync();
                plainSeconds.Add(plain.Elapsed);
                Console.WriteLine($"  plain  {round}: {plain}");
            }

            List<double> upsertSeconds = await UpsertRoundsAsync();

            double plainRate = total / Median(plainSeconds);
            double upsertRate = total / Median(upsertSeconds);
            Console.WriteLine($"  median plain {plainRate:N0} rows/s, median upsert {upsertRate:N0} rows/s, ratio upsert/plain {upsertRate / plainRate:P1}  (target >= 70%)");
            Console.WriteLine($"  best plain {total / plainSeconds.Min():N0} rows/s, best upsert {total / upsertSeconds.Min():N0} rows/s, ratio {plainSeconds.Min() / upsertSeconds.Min():P1}");

            Console.WriteLine($"pipelined (each transaction encoded while the previous one commits), {rounds} rounds:");
            List<double> pipelinedSeconds = await UpsertRoundsAsync(pipelined: true);
            Console.WriteLine($"  median pipelined upsert {total / Median(pipelinedSeconds):N0} rows/s, ratio to the median plain {Median(plainSeconds) / Median(pipelinedSeconds):P1}; best against best {plainSeconds.Min() / pipelinedSeconds.Min():P1}");

            if (Environment.GetEnvironmentVariable("FLOE_BENCH_SKIP_READ") is not null)
            {
                return;
            }

            var check = Stopwatch.StartNew();
            long merged = 0;
            await foreach (ColumnBatch batch in last.NewScan().ReadAsync())
            {
                merged += batch.RowCount;
                batch.Dispose();
            }

            Console.WriteLine($"merge-on-read of the last alternating round's table: {merged:N0} rows in {check.ElapsedMilliseconds:N0} ms");
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

    private static double Median(List<double> values)
    {
        List<double> sorted = [.. values.Order()];
        return sorted[sorted.Count / 2];
    }

    /// <summary>Wall and processor time (every thread) of one run, with its allocations and gen2 collections.</summary>
    private static async Task<Measurement> MeasureAsync(Func<Task> run)
    {
        long allocated = GC.GetTotalAllocatedBytes();
        int fullCollections = GC.CollectionCount(2);
        TimeSpan cpu = Cpu();
        var watch = Stopwatch.StartNew();
        await run();
        watch.Stop();
        return new Measurement(watch.Elapsed.TotalSeconds, (Cpu() - cpu).TotalSeconds, (GC.GetTotalAllocatedBytes() - allocated) >> 20, GC.CollectionCount(2) - fullCollections);
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

    private static Task<PrimaryKeyTable> CreateTableAsync(FileSystemCatalog catalog, string name, Schema schema) =>
        catalog.CreatePrimaryKeyTableAsync(
            TableIdentifier.Of("bench", name),
            schema,
            ["id"],
            properties: Environment.GetEnvironmentVariable("CODEC") is { } codec ? new Dictionary<string, string> { ["write.parquet.compression-codec"] = codec } : null);

    /// <summary>One change transaction per batch.</summary>
    private static async Task<UpsertResult> UpsertAllAsync(PrimaryKeyTable table, List<ColumnBatch> batches)
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

        return new UpsertResult(changeRows, batches.Count, writing.Elapsed, null);
    }

    /// <summary>
    /// One change transaction per batch, each encoded while the previous one commits: the next writer is created once
    /// the previous commit has started, so it takes the transaction after it.
    /// </summary>
    private static async Task<UpsertResult> UpsertPipelinedAsync(PrimaryKeyTable table, List<ColumnBatch> batches)
    {
        long changeRows = 0;
        var writing = new Stopwatch();
        (ChangeWriter Writer, Task<ChangeCommit?> Commit)? previous = null;
        try
        {
            foreach (ColumnBatch batch in batches)
            {
                ChangeWriter writer = table.NewChangeWriter();
                writing.Start();
                await writer.UpsertAsync(batch);
                writing.Stop();
                Task<ChangeCommit?> commit = writer.CommitAsync();
                if (previous is { } last)
                {
                    previous = null;
                    changeRows += (await last.Commit)!.RowCount;
                    await last.Writer.DisposeAsync();
                }

                previous = (writer, commit);
            }
        }
        finally
        {
            if (previous is { } last)
            {
                changeRows += (await last.Commit)!.RowCount;
                await last.Writer.DisposeAsync();
            }
        }

        return new UpsertResult(changeRows, batches.Count, writing.Elapsed, null);
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

    private readonly record struct Measurement(double Elapsed, double Cpu, long AllocatedMegabytes, int FullCollections)
    {
        public override string ToString() =>
            $"{Elapsed * 1000:N0} ms (cpu {Cpu * 1000:N0} ms, {AllocatedMegabytes:N0} MB allocated, {FullCollections} gen2)";
    }

    private readonly record struct UpsertResult(long ChangeRows, int Commits, TimeSpan Writing, PrimaryKeyTable? Table)
    {
        public override string ToString() =>
            $"{ChangeRows:N0} change rows in {Commits} commits, {Writing.TotalMilliseconds:N0} ms of it fanning out and encoding before the commits";
    }
}
