using System.Diagnostics;
using System.Globalization;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Sorting;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Planning;
using Floe.Optimizing.Targets;
using Floe.Table.Operations;

/// <summary>
/// Evaluation and planning of a large table: manifests listing many data files (no data behind them) in 100
/// partitions, with one position delete file per partition; time, allocation and peak working set.
/// </summary>
internal static class EvaluationBench
{
    /// <summary>The input one process may take: eight threads of 512 MiB.</summary>
    private const long MaxInputBytes = 512L * 1024 * 1024 * 8;

    /// <summary>The one-minute load average (Linux), as the figures depend on it on a shared machine.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "na";

    public static async Task RunAsync(string[] args)
    {
        int files = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        const int Partitions = 100;
        string root = Path.Combine(Path.GetTempPath(), "floe-opt-eval-" + Guid.NewGuid().ToString("N"));
        try
        {
            var schema = new Schema([NestedField.Required(1, "id", PrimitiveType.Long), NestedField.Required(2, "p", PrimitiveType.Int)]);
            PartitionSpec spec = new PartitionSpecBuilder(schema).Identity("p").Build();
            TableMetadata metadata = NewTable.Create(schema, spec, SortOrder.Unsorted, root, new Dictionary<string, string>());
            var table = new IcebergTable("bench", new MemoryTableOperations(metadata));
            Directory.CreateDirectory(Path.Combine(root, "metadata"));
            var clock = Stopwatch.StartNew();
            const int PerCommit = 10_000;
            for (int start = 0; start < files; start += PerCommit)
            {
                AppendFiles append = table.NewFastAppend();
                for (int i = start; i < Math.Min(files, start + PerCommit); i++)
                {
                    append.AppendFile(new DataFile
                    {
                        FilePath = $"{root}/data/p={i % Partitions}/f-{i:D8}.parquet",
                        Format = FileFormat.Parquet,
                        SpecId = spec.SpecId,
                        Partition = PartitionData.Of(Literal.Of(i % Partitions)),
                        RecordCount = 1000,
                        FileSizeInBytes = 100_000 + (i % 7 * 10_000_000L),
                        ValueCounts = new Dictionary<int, long> { [1] = 1000, [2] = 1000 },
                        NullValueCounts = new Dictionary<int, long> { [1] = 0, [2] = 0 },
                        LowerBounds = new Dictionary<int, byte[]> { [1] = BitConverter.GetBytes((long)i * 1000), [2] = BitConverter.GetBytes(i % Partitions) },
                        UpperBounds = new Dictionary<int, byte[]> { [1] = BitConverter.GetBytes(((long)i * 1000) + 999), [2] = BitConverter.GetBytes(i % Partitions) },
                    });
                }

                await append.CommitAsync();
            }

            RowDelta delta = table.NewRowDelta();
            for (int p = 0; p < Partitions; p++)
            {
                delta.AddDeletes(new DeleteFile
                {
                    DeleteContent = FileContent.PositionDeletes,
                    FilePath = $"{root}/data/p={p}/pos.parquet",
                    Format = FileFormat.Parquet,
                    SpecId = spec.SpecId,
                    Partition = PartitionData.Of(Literal.Of(p)),
                    RecordCount = 10,
                    FileSizeInBytes = 2000,
                });
            }

            await delta.CommitAsync();
            Console.WriteLine($"{files:N0} data files in {Partitions} partitions written to manifests in {clock.ElapsedMilliseconds} ms");

            for (int run = 0; run < 2; run++)
            {
                GC.Collect();
                long allocated = GC.GetTotalAllocatedBytes(precise: true);
                long baseline = Environment.WorkingSet;
                clock.Restart();
                TableEvaluation evaluation = await new TableEvaluator(table.Metadata, table.Operations.Io).EvaluateAsync(OptimizingTimes.Never(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
                long evaluateMs = clock.ElapsedMilliseconds;
                long evaluateAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                allocated = GC.GetTotalAllocatedBytes(precise: true);
                clock.Restart();
                OptimizingProcess? process = await new OptimizingPlanner(table.Metadata, table.Operations.Io) { MaxInputBytes = MaxInputBytes }
                    .PlanAsync(1, OptimizingTimes.Never(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
                long planMs = clock.ElapsedMilliseconds;
                long planAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                int plannedFiles = process?.Tasks.Sum(t => t.RewrittenDataFiles.Count + t.RewritePosDataFiles.Count + t.ReadOnlyDeleteFiles.Count + t.RewrittenDeleteFiles.Count) ?? 0;

                // The same plan as the optimizing service takes it: planned again and written as task and process JSON.
                allocated = GC.GetTotalAllocatedBytes(precise: true);
                clock.Restart();
                PlannedProcess? planned = await new IcebergOptimizingTarget(table).PlanAsync(1, OptimizingTimes.Never(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), MaxInputBytes, CancellationToken.None);
                long targetMs = clock.ElapsedMilliseconds;
                long targetAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                long payloadChars = (planned?.Json.Length ?? 0) + (planned?.Tasks.Sum(t => (long)t.Json.Length) ?? 0);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"run {run + 1}: evaluate {evaluateMs} ms ({files * 1000.0 / Math.Max(1, evaluateMs):N0} files/s, {evaluateAllocated / 1e6:F0} MB allocated, working set {Environment.WorkingSet / 1e6:F0} MB, was {baseline / 1e6:F0} MB), " +
                    $"{evaluation.PendingPartitionCount} pending ({evaluation.Type}); plan {planMs} ms: {process?.Tasks.Count ?? 0} tasks, {plannedFiles} files, {process?.InputBytes / 1e6 ?? 0:F0} MB input; " +
                    $"as the service plans it {targetMs} ms, {targetAllocated / 1e6:F0} MB allocated, {payloadChars / 1e6:F1} M chars of JSON"));
                using var self = Process.GetCurrentProcess();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"evaluate_bench run={run + 1} files={files} evaluate_ms={evaluateMs} evaluate_alloc_mb={evaluateAllocated / 1e6:F0} evaluate_alloc_bytes_per_file={evaluateAllocated / files} " +
                    $"plan_ms={planMs} plan_alloc_mb={planAllocated / 1e6:F0} plan_alloc_bytes_per_file={planAllocated / files} plan_tasks={process?.Tasks.Count ?? 0} plan_files={plannedFiles} " +
                    $"target_plan_ms={targetMs} target_plan_alloc_mb={targetAllocated / 1e6:F0} payload_mchars={payloadChars / 1e6:F1} peak_working_set_mb={self.PeakWorkingSet64 / 1e6:F0} load_average={LoadAverage()}"));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
