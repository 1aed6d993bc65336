using System.Diagnostics;
using System.Globalization;
using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Execution;
using Floe.Optimizing.Planning;
using Floe.Optimizing.Serialization;

/// <summary>
/// The task payloads' JSON: a rewrite task and its output with many files, each with column metrics and bounds,
/// written and read back repeatedly; time per payload, MB/s and allocation.
/// </summary>
internal static class PayloadBench
{
    public static void Run(string[] args)
    {
        int files = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
        int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40;
        RewriteTask task = Task(files);
        var output = new RewriteTaskOutput
        {
            ProcessId = 1, TaskId = 1, Attempt = 1, DataFiles = [.. task.RewrittenDataFiles.Select(f => f.AsData)], DeleteFiles = [],
            InputRecords = 1, InputBytes = 1, ElapsedMs = 1,
        };
        Console.WriteLine($"payloads: a rewrite task and an output of {files:N0} files each, {runs} runs");
        Measure("task write", runs, () => TaskPayloads.ToJson(task));
        string taskJson = TaskPayloads.ToJson(task);
        Measure("task read", runs, () => TaskPayloads.ParseTask(taskJson), taskJson.Length);
        Measure("output write", runs, () => TaskPayloads.ToJson(output));
        string outputJson = TaskPayloads.ToJson(output);
        Measure("output read", runs, () => TaskPayloads.ParseOutput(outputJson), outputJson.Length);
    }

    private static void Measure(string name, int runs, Func<object> run, int? inputChars = null)
    {
        int chars = inputChars ?? ((string)run()).Length;
        for (int i = 0; i < 3; i++)
        {
            _ = run();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < runs; i++)
        {
            _ = run();
        }

        double ms = clock.Elapsed.TotalMilliseconds / runs;
        double mb = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1048576.0 / runs;
        Console.WriteLine($"  {name,-13} {ms,8:F2} ms  {chars / 1048576.0 / (ms / 1000),7:F1} MB/s  {mb,7:F2} MB allocated");
    }

    private static RewriteTask Task(int files)
    {
        var fields = Enumerable.Range(1, 20).Select(id => NestedField.Optional(id, "c" + id.ToString(CultureInfo.InvariantCulture), PrimitiveType.Long)).ToList();
        var schema = new Schema(fields);
        PartitionSpec spec = new PartitionSpecBuilder(schema).Identity("c1").Build();
        var data = new List<TaskFile>(files);
        for (int i = 0; i < files; i++)
        {
            var counts = fields.ToDictionary(f => f.Id, f => (long)(f.Id * 1000 + i));
            var bounds = fields.ToDictionary(f => f.Id, f => BitConverter.GetBytes((long)(f.Id + i)));
            data.Add(new TaskFile(
                new DataFile
                {
                    FilePath = $"s3://bucket/warehouse/db/t/data/c1={i % 10}/00000-{i}-0a1b2c3d-4e5f-6789-abcd-ef0123456789-00001.parquet",
                    Format = FileFormat.Parquet,
                    SpecId = 0,
                    Partition = PartitionData.Of(Literal.Of((long)(i % 10))),
                    RecordCount = 100_000 + i,
                    FileSizeInBytes = 64L << 20,
                    ColumnSizes = counts, ValueCounts = counts, NullValueCounts = counts,
                    LowerBounds = bounds, UpperBounds = bounds,
                    SplitOffsets = [4],
                },
                i + 1));
        }

        return new RewriteTask
        {
            ProcessId = 1, TaskId = 1, Type = OptimizingType.Minor,
            Table = new TaskTable("s3://bucket/warehouse/db/t", schema, spec, new Dictionary<string, string>()),
            Partition = PartitionData.Of(Literal.Of(0L)),
            TargetSize = 128L << 20,
            RewrittenDataFiles = data, RewritePosDataFiles = [], ReadOnlyDeleteFiles = [], RewrittenDeleteFiles = [],
        };
    }
}
