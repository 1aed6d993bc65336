using System.Diagnostics;
using System.Globalization;
using Floe.Catalog;
using Floe.Catalog.FileSystem;
using Floe.Common.Columnar;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Optimizing;
using Floe.PrimaryKeys.Writing;
using Floe.Server.Configuration;
using Floe.Server.Hosting;
using Floe.Table.Data.Columns;
using Floe.Table.Scanning;

/// <summary>
/// Continuous upserts into two primary-key tables served by one in-process server with its local optimizer: one
/// table with self-optimizing on, one with it off. One writer upserts into both for the whole run; every tick the
/// same query (a merged scan summing a column) runs on both, and the files a query reads are counted. At the end the
/// optimized table is fully compacted and queried once more as the reference.
/// </summary>
internal static class ContinuousUpsertBench
{
    private static readonly Schema Schema = new([
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "name", PrimitiveType.String),
        NestedField.Optional(3, "score", PrimitiveType.Long),
    ]);

    public static async Task RunAsync(string[] args)
    {
        int ticks = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        int tickSeconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
        int batchRows = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5_000;
        int keys = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 500_000;
        // bucket[4] partitions coincide with the 4 change buckets (both hash the key alike): each partition holds one
        // bucket node; another count spreads every partition over all change buckets.
        int partitionBuckets = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 4;
        string root = Path.Combine(Path.GetTempPath(), "floe-continuous-" + Guid.NewGuid().ToString("N"));
        string lake = Path.Combine(root, "lake");
        Directory.CreateDirectory(lake);
        Console.WriteLine($"Continuous upserts: {ticks} tick(s) of {tickSeconds} s, batches of {batchRows:N0} rows over {keys:N0} keys in {partitionBuckets} bucket partitions, one writer, a local optimizer of 1 thread");
        try
        {
            await using FloeServer server = await FloeServer.StartAsync(new ServerOptions
            {
                Port = 0,
                DataDirectory = Path.Combine(root, "server"),
                Metastore = new MetastoreOptions { SqlitePath = Path.Combine(root, "server", "floe.db") },
                Catalogs = [new ExternalCatalogOptions("lake", lake)],
                Optimizing = new OptimizingOptions { LocalThreads = 1, RefreshIntervalMs = 2_000, PollTimeoutMs = 1_000 },
            });
            var catalog = new FileSystemCatalog(lake);
            await catalog.CreateNamespaceAsync(Namespace.Of("bench"));
            PartitionSpec spec = new PartitionSpecBuilder(Schema).Bucket("id", partitionBuckets).Build();
            var common = new Dictionary<string, string> { ["self-optimizing.min-plan-interval"] = "0" };
            await catalog.CreatePrimaryKeyTableAsync(TableIdentifier.Of("bench", "on"), Schema, ["id"], spec, common);
            await catalog.CreatePrimaryKeyTableAsync(TableIdentifier.Of("bench", "off"), Schema, ["id"], spec,
                new Dictionary<string, string>(common) { ["self-optimizing.enabled"] = "false" });

            using var stop = new CancellationTokenSource();
            long written = 0;
            Task writer = Task.Run(async () =>
            {
                var random = new Random(11);
                while (!stop.IsCancellationRequested)
                {
                    using ColumnBatch batch = Batch(random, batchRows, keys);
                    await UpsertAsync(catalog, "on", batch);
                    await UpsertAsync(catalog, "off", batch);
                    Interlocked.Add(ref written, batch.RowCount);
                }
            });

            Console.WriteLine();
            Console.WriteLine("| minute | upserts | optimizing on: query ms | files read | optimizing off: query ms | files read | off / on |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            var onTimes = new List<double>();
            for (int tick = 1; tick <= ticks; tick++)
            {
                await Task.Delay(TimeSpan.FromSeconds(tickSeconds));
                (double onMs, int onFiles, _) = await QueryAsync(catalog, "on");
                (double offMs, int offFiles, _) = await QueryAsync(catalog, "off");
                onTimes.Add(onMs);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {tick * tickSeconds / 60.0:0.#} | {Interlocked.Read(ref written):N0} | {onMs:N0} | {onFiles:N0} | {offMs:N0} | {offFiles:N0} | {offMs / onMs:0.00} |"));
            }

            await stop.CancelAsync();
            await writer;
            (double beforeMs, int beforeFiles, long sum) = await QueryAsync(catalog, "on");
            PrimaryKeyTable table = await catalog.LoadPrimaryKeyTableAsync(TableIdentifier.Of("bench", "on"));
            await table.OptimizeAsync(new OptimizeOptions { Mode = OptimizeMode.Full });
            (double compactMs, int compactFiles, long compactSum) = await QueryAsync(catalog, "on");
            (_, _, long offSum) = await QueryAsync(catalog, "off");
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"After the writer stopped: optimizing on {beforeMs:N0} ms over {beforeFiles} files; fully compacted {compactMs:N0} ms over {compactFiles} files; ratio {beforeMs / compactMs:0.00}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Median query with optimizing on during the run: {Median(onTimes):N0} ms = {Median(onTimes) / compactMs:0.00}x the compacted table"));
            Console.WriteLine(sum == compactSum && sum == offSum ? "Both tables and the compacted one return the same sum." : $"MISMATCH: on {sum}, compacted {compactSum}, off {offSum}");
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task UpsertAsync(FileSystemCatalog catalog, string name, ColumnBatch batch)
    {
        PrimaryKeyTable table = await catalog.LoadPrimaryKeyTableAsync(TableIdentifier.Of("bench", name));
        await using ChangeWriter writer = table.NewChangeWriter();
        await writer.UpsertAsync(batch);
        await writer.CommitAsync();
    }

    /// <summary>The fixed query: a merged scan of every row summing <c>score</c>; with the base and pending change files it reads.</summary>
    private static async Task<(double Ms, int Files, long Sum)> QueryAsync(FileSystemCatalog catalog, string name)
    {
        PrimaryKeyTable table = await catalog.LoadPrimaryKeyTableAsync(TableIdentifier.Of("bench", name));
        IReadOnlyList<FileScanTask> baseFiles = await new TableScan(table.BaseTable.Metadata, table.BaseTable.Operations.Io).PlanFilesAsync();
        int pending = await PendingChangeFilesAsync(table);
        int files = baseFiles.Count + baseFiles.SelectMany(t => t.Deletes).Select(d => d.FilePath).Distinct().Count() + pending;
        if (Environment.GetEnvironmentVariable("FLOE_BENCH_FILES") is not null)
        {
            int changeFiles = (await new TableScan(table.ChangeTable.Metadata, table.ChangeTable.Operations.Io).PlanFilesAsync()).Count;
            int commits = table.ChangeTable.Metadata.Snapshots.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name}: {baseFiles.Count} base data files, {baseFiles.SelectMany(t => t.Deletes).Select(d => d.FilePath).Distinct().Count()} base delete files, {pending} pending change files; {changeFiles} change files in {commits} change commits ({(double)changeFiles / Math.Max(1, commits):0.0} a commit)"));
        }
        var watch = Stopwatch.StartNew();
        long sum = 0;
        await foreach (ColumnBatch batch in table.NewScan().ReadAsync())
        {
            using (batch)
            {
                var scores = batch.Column("score");
                for (int r = 0; r < batch.RowCount; r++)
                {
                    sum += scores.GetValue(r) is long score ? score : 0;
                }
            }
        }

        return (watch.Elapsed.TotalMilliseconds, files, sum);
    }

    private static async Task<int> PendingChangeFilesAsync(PrimaryKeyTable table)
    {
        var optimized = Floe.PrimaryKeys.Model.OptimizedSequence.Of(table.BaseTable.Metadata, table.BaseTable.Metadata.CurrentSnapshot);
        IReadOnlyList<FileScanTask> changes = await new TableScan(table.ChangeTable.Metadata, table.ChangeTable.Operations.Io).PlanFilesAsync();
        return changes.Count(t => t.DataSequenceNumber > optimized.Of(t.Spec.PartitionPath(t.File.Partition)));
    }

    private static ColumnBatch Batch(Random random, int rows, int keys)
    {
        var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(Schema), rows);
        var seen = new HashSet<long>();
        while (batch.RowCount < rows)
        {
            long id = random.NextInt64(keys);
            if (!seen.Add(id))
            {
                continue;
            }

            ((PrimitiveVector<long>)batch.Column(0)).Append(id);
            ((BinaryVector)batch.Column(1)).Append("n" + random.Next(10_000).ToString(CultureInfo.InvariantCulture));
            ((PrimitiveVector<long>)batch.Column(2)).Append(random.NextInt64(1000));
        }

        return batch;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
