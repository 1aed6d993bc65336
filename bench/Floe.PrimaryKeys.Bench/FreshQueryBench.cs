using System.Diagnostics;
using System.Globalization;
using Floe.Core.Metadata;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Maintenance;
using Floe.PrimaryKeys.Optimizing;
using Floe.Table.Operations;

/// <summary>
/// The first query on a fresh snapshot, as a user querying once a minute sees it (the soak's minute in one process):
/// each round commits a minute's upserts, optimizes them into base as the server would, commits a few more that stay
/// pending, then times the query once on the table and once on a compacted copy written from the table's rows (a new
/// plain table of one file: the copy's first read of it). Prints the median times and their ratio, then the same for
/// the query repeated, and the base files and delete files the table ends with; the last line repeats the figures as
/// <c>name=value</c> pairs. Optimizing is a minor optimize, which rewrites a base fragment (a file under
/// <c>target-size / fragment-ratio</c>, 16 MB by default) with its changes, as the server's does. Usage:
/// <c>fresh-query [keys=20000] [rounds=80]
/// [commits per round=7] [keys per commit=10] [commits pending at the query=2] [expire|keep: merged change files expired each round (a TTL of 0) or kept]</c>.
/// </summary>
internal static class FreshQueryBench
{
    public static async Task RunAsync(string[] args)
    {
        int keys = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 80;
        int commits = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7;
        int perCommit = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10;
        int pending = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 2;
        bool expire = args.Length <= 5 || args[5] != "keep";
        string root = Path.Combine(Path.GetTempPath(), "floe-fresh-query-" + Guid.NewGuid().ToString("N"));
        try
        {
            var random = new Random(13);
            PrimaryKeyTable table = await MergeOnReadBench.LoadedAsync(root + "/pk", keys, random);
            Console.WriteLine(
                $"fresh-query: {keys:N0} keys; {rounds} rounds of {commits} commits of {perCommit} keys, optimizing{(expire ? ", merged changes expired" : "")}, {pending} commits pending at the query");

            var first = new List<double>();
            var copyFirst = new List<double>();
            var repeat = new List<double>();
            var copyRepeat = new List<double>();
            int version = 1;
            for (int round = 0; round < rounds; round++)
            {
                for (int i = 0; i < commits; i++)
                {
                    await MergeOnReadBench.UpsertAsync(table, random.Next(Math.Max(1, keys - perCommit)), perCommit, version++, random);
                }

                await table.OptimizeAsync(new OptimizeOptions { Mode = OptimizeMode.Minor });
                if (expire)
                {
                    await table.ExpireChangesAsync(new ChangeExpiryOptions { TtlMinutes = 0 });
                }

                for (int i = 0; i < pending; i++)
                {
                    await MergeOnReadBench.UpsertAsync(table, random.Next(Math.Max(1, keys - perCommit)), perCommit, version++, random);
                }

                (double ms, (long, double) result) live = await TimeAsync(() => RepeatedQueryBench.QueryTableAsync(table));
                var copy = new IcebergTable("bench.copy", new MergeOnReadBench.BenchStore(NewTable.Create(table.Schema, null, null, $"{root}/copy-{round}")));
                await copy.AppendAsync(table.NewScan().ReadAsync());
                (double ms, (long, double) result) compacted = await TimeAsync(() => RepeatedQueryBench.QueryCopyAsync(copy));
                if (!RepeatedQueryBench.SameAnswer(live.result, compacted.result))
                {
                    throw new Floe.Common.Errors.FloeException(Floe.Common.Errors.FloeErrorKind.Unexpected, "the table and its compacted copy answer the query differently");
                }

                first.Add(live.ms);
                copyFirst.Add(compacted.ms);
                repeat.Add((await TimeAsync(() => RepeatedQueryBench.QueryTableAsync(table))).Ms);
                copyRepeat.Add((await TimeAsync(() => RepeatedQueryBench.QueryCopyAsync(copy))).Ms);
                Directory.Delete($"{root}/copy-{round}", recursive: true);
            }

            // The first half warms the process (the JIT optimizes a method after about 30 calls, and the query's
            // methods run once a round); the medians are of the second half.
            int skip = rounds / 2;
            double firstMs = Median(first, skip), copyFirstMs = Median(copyFirst, skip), repeatMs = Median(repeat, skip), copyRepeatMs = Median(copyRepeat, skip);
            Console.WriteLine($"  first query: table {firstMs:F2} ms, copy {copyFirstMs:F2} ms, ratio {firstMs / copyFirstMs:F2}x");
            Console.WriteLine($"  repeated:    table {repeatMs:F2} ms, copy {copyRepeatMs:F2} ms, ratio {repeatMs / copyRepeatMs:F2}x");
            IReadOnlyList<Floe.Table.Scanning.FileScanTask> baseFiles = await new Floe.Table.Scanning.TableScan(table.BaseTable.Metadata, table.BaseTable.Operations.Io).PlanFilesAsync();
            int deleteFiles = baseFiles.SelectMany(f => f.Deletes).Select(d => d.FilePath).Distinct(StringComparer.Ordinal).Count();
            Console.WriteLine($"  base store:  {baseFiles.Count} data files, {deleteFiles} delete files");
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"keys={keys} rounds={rounds} first_ms={firstMs:F3} copy_first_ms={copyFirstMs:F3} first_ratio={firstMs / copyFirstMs:F3} repeat_ms={repeatMs:F3} copy_repeat_ms={copyRepeatMs:F3} repeat_ratio={repeatMs / copyRepeatMs:F3} base_files={baseFiles.Count} base_delete_files={deleteFiles}"));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static async Task<(double Ms, T Result)> TimeAsync<T>(Func<Task<T>> run)
    {
        long start = Stopwatch.GetTimestamp();
        T result = await run();
        return (Stopwatch.GetElapsedTime(start).TotalMilliseconds, result);
    }

    private static double Median(List<double> values, int skip)
    {
        double[] sorted = [.. values.Skip(skip).Order()];
        return sorted[sorted.Length / 2];
    }
}
