using System.Diagnostics;
using System.Globalization;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Reading;
using Floe.Table.Data.Reading;
using Floe.Table.Operations;
using Floe.Table.Scanning;

/// <summary>
/// A query repeated against a primary-key table under continuous upserts, as a dashboard runs it every minute: N keys
/// loaded and optimized into base files, then K change commits left pending; the query (<c>amount &gt;= 250</c>, sum of
/// <c>amount</c>) runs on the table (merge on read) and on a compacted copy (one file of the same rows in a plain table
/// read through <see cref="TableScan"/>) in the same process, first with <see cref="MergeCaches"/> off, then on: the
/// exact repeat of one snapshot, then rounds of a few upserts committed, the query, and the query again. Prints the
/// medians and their ratios to the copy, where a merge-on-read query's time goes, and ends with a <c>name=value</c>
/// line. FLOE_BENCH_NO_CACHE=1 turns the scan caches (<see cref="ScanCaches"/>) off. Usage: <c>repeated-query
/// [keys=20000] [pending commits=12] [keys per commit=keys/50] [repeats=40] [rounds=20] [keys per round=20]</c>.
/// </summary>
internal static class RepeatedQueryBench
{
    private static readonly Expression s_filter = Expr.GreaterThanOrEqual("amount", Floe.Core.Values.Literal.Of(250.0));

    public static async Task RunAsync(string[] args)
    {
        int keys = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        int commits = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 12;
        int perCommit = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : Math.Max(1, keys / 50);
        int repeats = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 40;
        int soakRounds = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 20;
        int soakKeys = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 20;
        bool cached = Environment.GetEnvironmentVariable("FLOE_BENCH_NO_CACHE") != "1";
        if (!cached)
        {
            ScanCaches.Manifests.MaxBytes = ScanCaches.Footers.MaxBytes = ScanCaches.DecodedFiles.MaxBytes = 0;
        }

        string root = Path.Combine(Path.GetTempPath(), "floe-mor-repeat-" + Guid.NewGuid().ToString("N"));
        try
        {
            var random = new Random(11);
            PrimaryKeyTable table = await MergeOnReadBench.LoadedAsync(root + "/pk", keys, random);
            await MergeOnReadBench.CommitChangesAsync(table, commits, keys, perCommit, random);

            var copy = new IcebergTable("bench.copy", new MergeOnReadBench.BenchStore(NewTable.Create(table.Schema, null, null, root + "/copy")));
            await copy.AppendAsync(table.NewScan().WithParallelism(1).ReadAsync());

            IReadOnlyList<MergeTask> plan = await table.NewScan().Where(s_filter).PlanAsync();
            int baseFiles = plan.Sum(t => t.BaseFiles.Count);
            int changeFiles = plan.Sum(t => t.ChangeFiles.Count);
            int deleteFiles = plan.SelectMany(t => t.BaseFiles).SelectMany(f => f.Deletes).Select(d => d.FilePath).Distinct().Count();
            int copyFiles = (await new TableScan(copy.Metadata, copy.Operations.Io).PlanFilesAsync()).Count;
            Console.WriteLine(
                $"repeated-query: {keys:N0} keys, {commits} pending commits of {perCommit:N0} keys; {baseFiles} base, {deleteFiles} delete, {changeFiles} change files in {plan.Count} tasks; copy {copyFiles} file(s)");

            (long Rows, double Sum) expected = await QueryCopyAsync(copy);
            if (!SameAnswer(await QueryTableAsync(table), expected))
            {
                throw new FloeException(FloeErrorKind.Unexpected, "the table and its compacted copy answer the query differently");
            }

            // Before (merge caches off: every query merges from scratch) and after (on), each against the copy measured
            // alongside: the exact repeat of one snapshot, then the soak's shape (a few upserts committed, the query, the
            // query again). Off runs first, so the on phase merges more pending change files.
            long bounds = MergeCaches.MaxBytes;
            var phases = new List<Phase>();
            foreach (bool on in new[] { false, true })
            {
                MergeCaches.MaxBytes = on ? bounds : 0;
                var phase = new Phase(on ? "on" : "off");
                await QueryTableAsync(table);
                for (int r = 0; r < repeats; r++)
                {
                    phase.Repeat.Add(await TimeAsync(() => QueryTableAsync(table)));
                    phase.Copy.Add(await TimeAsync(() => QueryCopyAsync(copy)));
                }

                for (int r = 0; r < soakRounds; r++)
                {
                    await MergeOnReadBench.UpsertAsync(table, random.Next(Math.Max(1, keys - soakKeys)), soakKeys, commits + 100 + r, random);
                    phase.Incremental.Add(await TimeAsync(() => QueryTableAsync(table)));
                    phase.SoakRepeat.Add(await TimeAsync(() => QueryTableAsync(table)));
                    phase.Copy.Add(await TimeAsync(() => QueryCopyAsync(copy)));
                }

                phases.Add(phase);
                Console.WriteLine(
                    $"  merge caches {phase.Name,-3}: repeat {Median(phase.Repeat):F2} ms, after a commit {Median(phase.Incremental):F2} ms, its repeat {Median(phase.SoakRepeat):F2} ms; "
                    + $"copy {Median(phase.Copy):F2} ms; ratios {phase.Ratio(phase.Repeat):F2}x / {phase.Ratio(phase.Incremental):F2}x / {phase.Ratio(phase.SoakRepeat):F2}x");
            }

            // Where a query after a commit spends its time: planning (both stores' plans missed or not), then the merge.
            var commitPlanMs = new List<double>();
            var commitMergeMs = new List<double>();
            for (int r = 0; r < Math.Max(5, soakRounds / 2); r++)
            {
                await MergeOnReadBench.UpsertAsync(table, random.Next(Math.Max(1, keys - soakKeys)), soakKeys, commits + 1000 + r, random);
                commitPlanMs.Add(await TimeAsync(() => table.NewScan().Where(s_filter).PlanAsync()));
                commitMergeMs.Add(await TimeAsync(() => QueryTableAsync(table)));
            }

            // Grouping the planned files into tasks alone: both stores' plans cached, the tasks not.
            long tasksBound = MergeCaches.Tasks.MaxBytes;
            MergeCaches.Tasks.MaxBytes = 0;
            var groupMs = new List<double>();
            for (int r = 0; r < 10; r++)
            {
                groupMs.Add(await TimeAsync(() => table.NewScan().Where(s_filter).PlanAsync()));
            }

            MergeCaches.Tasks.MaxBytes = tasksBound;
            Console.WriteLine(
                $"  after a commit (merge caches on): plan {Median(commitPlanMs):F2} ms (of which grouping files into tasks {Median(groupMs):F2} ms), "
                + $"then the query with its plan cached {Median(commitMergeMs):F2} ms");

            // Cached and uncached merges answer alike.
            (long Rows, double Sum) warm = await QueryTableAsync(table);
            MergeCaches.MaxBytes = 0;
            if (!SameAnswer(await QueryTableAsync(table), warm))
            {
                throw new FloeException(FloeErrorKind.Unexpected, "the merge with caches answers differently from the merge without");
            }

            MergeCaches.MaxBytes = bounds;
            await QueryTableAsync(table);
            Console.WriteLine(
                $"  merge caches: key maps {MergeCaches.KeyMaps.Count} ({MergeCaches.KeyMaps.Bytes / 1024.0:F0} KiB), base key indexes {MergeCaches.BaseKeys.Count} ({MergeCaches.BaseKeys.Bytes / 1024.0:F0} KiB), "
                + $"exclusions {MergeCaches.Exclusions.Count} ({MergeCaches.Exclusions.Bytes / 1024.0:F0} KiB), winning change rows {MergeCaches.ChangeRows.Count} ({MergeCaches.ChangeRows.Bytes / 1024.0:F0} KiB), "
                + $"plans {MergeCaches.Plans.Count} ({MergeCaches.Plans.Bytes / 1024.0:F0} KiB)");
            plan = await table.NewScan().Where(s_filter).PlanAsync();

            // Where a merge-on-read query's time goes: each part alone, repeated.
            var planMs = new List<double>();
            var planChangeMs = new List<double>();
            var planBaseMs = new List<double>();
            var openMs = new List<double>();
            var changeMs = new List<double>();
            var baseMs = new List<double>();
            var serialMs = new List<double>();
            var reader = new FileScanTaskReader(table.ChangeTable.Operations.Io);
            var changeReader = new FileScanTaskReader(table.ChangeTable.Operations.Io, cacheDecodedFiles: cached);
            for (int r = 0; r < Math.Max(5, repeats / 4); r++)
            {
                planMs.Add(await TimeAsync(() => table.NewScan().Where(s_filter).PlanAsync()));
                planChangeMs.Add(await TimeAsync(() => new TableScan(table.ChangeTable.Metadata, table.ChangeTable.Operations.Io).PlanFilesAsync()));
                planBaseMs.Add(await TimeAsync(() => new TableScan(table.BaseTable.Metadata, table.BaseTable.Operations.Io).Where(s_filter).PlanFilesAsync()));
                serialMs.Add(await TimeAsync(() => SumAsync(table.NewScan().Where(s_filter).Select("amount").WithParallelism(1).ReadAsync())));
                openMs.Add(await TimeAsync(() => OpenAllAsync(table.ChangeTable.Operations.Io, plan)));
                changeMs.Add(await TimeAsync(() => ReadAllAsync(changeReader, plan.SelectMany(t => t.ChangeFiles))));
                baseMs.Add(await TimeAsync(() => ReadAllAsync(reader, plan.SelectMany(t => t.BaseFiles))));
            }

            Phase off = phases[0], after = phases[1];
            Console.WriteLine(
                $"  caches: manifests {ScanCaches.Manifests.Count} ({ScanCaches.Manifests.Bytes / 1024.0:F0} KiB), footers {ScanCaches.Footers.Count} ({ScanCaches.Footers.Bytes / 1024.0:F0} KiB), "
                + $"decoded files {ScanCaches.DecodedFiles.Count} ({ScanCaches.DecodedFiles.Bytes / 1024.0:F0} KiB)");
            Console.WriteLine(
                $"  parts (median, alone): merge-on-read query on one thread {Median(serialMs):F2} ms; plan {Median(planMs):F2} ms (uncached: change store {Median(planChangeMs):F2} ms, base store {Median(planBaseMs):F2} ms); open every file (footers) {Median(openMs):F2} ms; "
                + $"read change files once {Median(changeMs):F2} ms (merge reads them twice); read base files {Median(baseMs):F2} ms");
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"scan_caches={(cached ? "on" : "off")} keys={keys} pending_commits={commits} base_files={baseFiles} change_files={changeFiles} delete_files={deleteFiles} "
                + $"off_repeat_ratio={off.Ratio(off.Repeat):F3} off_incremental_ratio={off.Ratio(off.Incremental):F3} off_soak_repeat_ratio={off.Ratio(off.SoakRepeat):F3} "
                + $"on_repeat_ratio={after.Ratio(after.Repeat):F3} on_incremental_ratio={after.Ratio(after.Incremental):F3} on_soak_repeat_ratio={after.Ratio(after.SoakRepeat):F3} "
                + $"on_repeat_ms={Median(after.Repeat):F3} on_incremental_ms={Median(after.Incremental):F3} on_copy_ms={Median(after.Copy):F3} "
                + $"on_commit_plan_ms={Median(commitPlanMs):F3} on_group_ms={Median(groupMs):F3} on_commit_merge_ms={Median(commitMergeMs):F3} "
                + $"plan_ms={Median(planMs):F3} plan_change_ms={Median(planChangeMs):F3} plan_base_ms={Median(planBaseMs):F3} open_ms={Median(openMs):F3} change_read_ms={Median(changeMs):F3} base_read_ms={Median(baseMs):F3} mor_serial_ms={Median(serialMs):F3}"));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    internal static async Task<(long Rows, double Sum)> QueryTableAsync(PrimaryKeyTable table) =>
        await SumAsync(table.NewScan().Where(s_filter).Select("amount").ReadAsync());

    internal static async Task<(long Rows, double Sum)> QueryCopyAsync(IcebergTable copy) =>
        await SumAsync(new TableScan(copy.Metadata, copy.Operations.Io).Where(s_filter).Select("amount").ReadAsync(Environment.ProcessorCount));

    private static async Task<(long Rows, double Sum)> SumAsync(IAsyncEnumerable<ColumnBatch> batches)
    {
        long rows = 0;
        double sum = 0;
        await foreach (ColumnBatch batch in batches)
        {
            using (batch)
            {
                var amounts = (PrimitiveVector<double>)batch.Column(0);
                rows += batch.RowCount;
                for (int i = 0; i < batch.RowCount; i++)
                {
                    sum += amounts[i];
                }
            }
        }

        return (rows, sum);
    }

    /// <summary>
    /// The same rows and sum: batches arrive in no particular order, and a sum of many doubles added in another order
    /// differs in its last bits, so the sums need only agree to 12 significant digits.
    /// </summary>
    internal static bool SameAnswer((long Rows, double Sum) a, (long Rows, double Sum) b) =>
        a.Rows == b.Rows && Math.Abs(a.Sum - b.Sum) <= 1e-12 * Math.Max(Math.Abs(a.Sum), Math.Abs(b.Sum));

    private static async Task OpenAllAsync(IFileIO io, IReadOnlyList<MergeTask> plan)
    {
        foreach (FileScanTask task in plan.SelectMany(t => t.BaseFiles.Concat(t.ChangeFiles)))
        {
            Stream stream = await io.NewInputFile(task.File.FilePath).OpenAsync();
            await using DataFileReader reader = await DataFileReader.OpenAsync(stream, task.File.FilePath);
        }
    }

    private static async Task ReadAllAsync(FileScanTaskReader reader, IEnumerable<FileScanTask> tasks)
    {
        foreach (FileScanTask task in tasks)
        {
            await foreach (ColumnBatch batch in reader.ReadAsync(task))
            {
                batch.Dispose();
            }
        }
    }

    private static async Task<double> TimeAsync<T>(Func<Task<T>> run)
    {
        long start = Stopwatch.GetTimestamp();
        await run();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static async Task<double> TimeAsync(Func<Task> run)
    {
        long start = Stopwatch.GetTimestamp();
        await run();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>One setting's query times and those of the copy measured alongside.</summary>
    private sealed record Phase(string Name)
    {
        public List<double> Repeat { get; } = [];

        public List<double> Incremental { get; } = [];

        public List<double> SoakRepeat { get; } = [];

        public List<double> Copy { get; } = [];

        public double Ratio(List<double> times) => Median(times) / Median(Copy);
    }

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted[sorted.Length / 2];
    }
}
