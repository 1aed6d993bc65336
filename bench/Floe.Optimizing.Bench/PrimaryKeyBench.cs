using System.Diagnostics;
using System.Globalization;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Model;
using Floe.PrimaryKeys.Optimizing;
using Floe.PrimaryKeys.Writing;
using Floe.Optimizing.Commit;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Execution;
using Floe.Optimizing.PrimaryKeys;
using Floe.Optimizing.Targets;
using Floe.Table.Data.Columns;

/// <summary>
/// Merging a primary-key table's change rows on the optimizer path (plan, run every mixed-merge task from its JSON,
/// commit) against optimize-now on an identical table, one thread each, after a warm-up at a tenth of the size (so
/// the figures are not those of code still being compiled). Each timed phase prints its start and end in CLOCK_MONOTONIC
/// nanoseconds, to cut a <c>perf record -k CLOCK_MONOTONIC</c> profile into phases.
/// Usage: <c>mixed [keys=200000] [commits=20] [rows-per-commit=5000]</c>.
/// </summary>
internal static class PrimaryKeyBench
{
    private static readonly Schema s_schema = new(
    [
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "name", PrimitiveType.String),
        NestedField.Optional(3, "amount", PrimitiveType.Double),
    ]);

    public static async Task RunAsync(string[] args)
    {
        int keys = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
        int commits = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        int perCommit = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5_000;
        Console.WriteLine("warm-up:");
        await RunOnceAsync(Math.Max(1, keys / 10), commits, Math.Max(1, perCommit / 10));
        await RunOnceAsync(keys, commits, perCommit);
    }

    private static async Task RunOnceAsync(int keys, int commits, int perCommit)
    {
        string root = Path.Combine(Path.GetTempPath(), "floe-mixed-opt-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            Console.WriteLine($"mixed: {keys:N0} keys, 4 base / 4 change buckets, then {commits} commits of {perCommit:N0} upserts; tables under {root}");
            PrimaryKeyTable now = await PrepareAsync(Path.Combine(root, "now"), keys, commits, perCommit);
            PrimaryKeyTable service = await PrepareAsync(Path.Combine(root, "service"), keys, commits, perCommit);

            long start = Stopwatch.GetTimestamp();
            var clock = Stopwatch.StartNew();
            OptimizeResult result = await now.OptimizeAsync();
            double nowSeconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  phase optimize-now {start} {Stopwatch.GetTimestamp()}"));
            Console.WriteLine($"  optimize-now      {nowSeconds,7:F2} s  {result.InputBytes / 1048576.0,7:F1} MB in  {result.InputBytes / 1048576.0 / nowSeconds,6:F1} MB/s");

            (double serviceSeconds, long serviceBytes) = await OptimizerPathAsync(service);
            Console.WriteLine($"  ratio optimizer path / optimize-now: {serviceSeconds / nowSeconds:F2}x");
            long a = await CountAsync(now), b = await CountAsync(service);
            if (a != b)
            {
                throw new FloeException(FloeErrorKind.Unexpected, $"the two tables differ: {a} and {b} rows");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pk_merge_mb_s={serviceBytes / 1e6 / serviceSeconds:F1} optimize_now_mb_s={result.InputBytes / 1e6 / nowSeconds:F1} time_ratio={serviceSeconds / nowSeconds:F2}"));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static async Task<(double Seconds, long InputBytes)> OptimizerPathAsync(PrimaryKeyTable table)
    {
        long start = Stopwatch.GetTimestamp();
        var clock = Stopwatch.StartNew();
        var target = new PrimaryKeyOptimizingTarget(table);
        long nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        PlannedProcess process = await target.PlanAsync(1, OptimizingTimes.Never(nowMs), long.MaxValue, CancellationToken.None)
            ?? throw new FloeException(FloeErrorKind.Unexpected, "nothing planned");
        double plan = clock.Elapsed.TotalSeconds;
        OptimizingTaskExecutors executors = OptimizingTaskExecutors.CreateDefault(table.BaseTable.Operations.Io);
        var outputs = new List<string>();
        foreach (PlannedTask task in process.Tasks)
        {
            outputs.Add(await executors.ExecuteAsync(task.Kind, task.Json, 1, CancellationToken.None));
        }

        double execute = clock.Elapsed.TotalSeconds - plan;
        OptimizingCommitResult result = await target.CommitAsync(process, outputs, CancellationToken.None);
        double total = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  phase optimizer-path {start} {Stopwatch.GetTimestamp()}"));
        if (result.Outcome != CommitOutcome.Committed)
        {
            throw new FloeException(FloeErrorKind.Unexpected, $"the process ended {result.Outcome}: {result.Reason}");
        }

        Console.WriteLine(
            $"  optimizer path    {total,7:F2} s  {process.InputBytes / 1048576.0,7:F1} MB in  {process.InputBytes / 1048576.0 / total,6:F1} MB/s  "
            + $"({process.Tasks.Count} tasks; plan {plan * 1000:F0} ms, execute {execute:F2} s, commit {(total - plan - execute) * 1000:F0} ms)");
        return (total, process.InputBytes);
    }

    private static async Task<PrimaryKeyTable> PrepareAsync(string location, int keys, int commits, int perCommit)
    {
        (TableMetadata b, TableMetadata c) = PrimaryKeyTableMetadata.Create(s_schema, null, ["id"], location);
        var table = new PrimaryKeyTable("bench.t", new MemoryTableOperations(b), new MemoryTableOperations(c));
        var random = new Random(7);
        for (int start = 0; start < keys; start += 100_000)
        {
            await UpsertAsync(table, start, Math.Min(100_000, keys - start), 0, random);
        }

        await table.OptimizeAsync();
        for (int i = 0; i < commits; i++)
        {
            await UpsertAsync(table, random.Next(Math.Max(1, keys - perCommit)), perCommit, i + 1, random);
        }

        return table;
    }

    private static async Task<long> CountAsync(PrimaryKeyTable table)
    {
        long count = 0;
        await foreach (ColumnBatch batch in table.NewScan().ReadAsync())
        {
            count += batch.RowCount;
            batch.Dispose();
        }

        return count;
    }

    private static async Task UpsertAsync(PrimaryKeyTable table, int first, int count, int version, Random random)
    {
        using ColumnBatch batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(s_schema), count);
        var ids = (PrimitiveVector<long>)batch.Column(0);
        var names = (BinaryVector)batch.Column(1);
        var amounts = (PrimitiveVector<double>)batch.Column(2);
        for (int i = 0; i < count; i++)
        {
            ids.Append(first + i);
            names.Append(string.Create(CultureInfo.InvariantCulture, $"name-{first + i}-v{version}"));
            amounts.Append(random.NextDouble() * 1000);
        }

        await using ChangeWriter writer = table.NewChangeWriter();
        await writer.UpsertAsync(batch);
        await writer.CommitAsync();
    }
}
