using System.Diagnostics;
using System.Globalization;
using Floe.Catalog;
using Floe.Catalog.FileSystem;
using Floe.Core.Expressions;
using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Table.Operations;
using Floe.Table.Scanning;

/// <summary>
/// Scan planning over a table with many data files: wall time, allocated bytes and peak working set of
/// <see cref="TableScan.PlanFilesAsync"/> with no filter, a partition filter and an id-range (metrics) filter.
/// The manifests are real; the data files they list are never written, since planning does not open them.
/// </summary>
internal static class PlanningBench
{
    private const long IdsPerFile = 1_000;
    private const long MicrosPerDay = 86_400_000_000L;

    public static async Task<int> RunAsync(string[] args)
    {
        int commits = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100;
        int filesPerCommit = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
        int runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        int totalFiles = commits * filesPerCommit;
        int expected = totalFiles / 100;
        string root = Path.Combine(Path.GetTempPath(), "floe-planning-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var setup = Stopwatch.StartNew();
            IcebergTable table = await CreateTableAsync(root, commits, filesPerCommit);
            using (Process process = Process.GetCurrentProcess())
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{totalFiles:N0} data files in {commits} fast appends of {filesPerCommit:N0} (setup {setup.Elapsed.TotalSeconds:F1} s, peak WS {process.PeakWorkingSet64 / 1048576.0:F0} MB), {runs} runs each"));
            }

            // Day d holds the files of commit d, so one day in a hundred is 1% of the files, found through the
            // manifest partition summaries; the id range picks 1% of the files that span every manifest, found
            // through the lower/upper bounds of each file.
            int day = commits / 2;
            Expression byPartition = Expr.And(
                Expr.GreaterThanOrEqual("ts", Literal.OfTimestampTz(day * MicrosPerDay)),
                Expr.LessThan("ts", Literal.OfTimestampTz((day + 1) * MicrosPerDay)));
            long firstId = (totalFiles / 2) * IdsPerFile;
            Expression byIdRange = Expr.And(
                Expr.GreaterThanOrEqual("id", Literal.Of(firstId)),
                Expr.LessThan("id", Literal.Of(firstId + (expected * IdsPerFile))));

            Console.WriteLine("filter                 tasks   best ms   mean ms   alloc MB/run   peak WS MB");
            // Smallest first: the peak working set only grows, so each row's figure is that case's own peak.
            bool ok = await MeasureAsync("partition (1 day)", table.NewScan().Where(byPartition), expected, runs);
            ok &= await MeasureAsync("id range (bounds)", table.NewScan().Where(byIdRange), expected, runs);
            ok &= await MeasureAsync("none", table.NewScan(), totalFiles, runs);
            return ok ? 0 : 1;
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static async Task<IcebergTable> CreateTableAsync(string root, int commits, int filesPerCommit)
    {
        var catalog = new FileSystemCatalog(root);
        var id = TableIdentifier.Of("bench", "events");
        var schema = new Schema([
            NestedField.Required(1, "id", PrimitiveType.Long),
            NestedField.Required(2, "ts", PrimitiveType.TimestampTz),
            NestedField.Optional(3, "value", PrimitiveType.Double),
        ]);
        await catalog.CreateNamespaceAsync(id.Namespace);
        await catalog.CreateTableAsync(id, schema, new PartitionSpecBuilder(schema).Day("ts").Build());
        IcebergTable table = await catalog.LoadTableAsync(id);
        int specId = table.Spec.SpecId;
        string dataDirectory = table.Metadata.Location + "/data";

        // File n covers ids [n * 1000, n * 1000 + 999]; commit c writes day c. Files of neighbouring ids are spread
        // over all commits (n = i * commits + c), so an id range touches every manifest.
        for (int c = 0; c < commits; c++)
        {
            PartitionData partition = PartitionData.Of(Literal.OfDate(c));
            AppendFiles append = table.NewFastAppend();
            for (int i = 0; i < filesPerCommit; i++)
            {
                long n = ((long)i * commits) + c;
                append.AppendFile(new DataFile
                {
                    FilePath = string.Create(CultureInfo.InvariantCulture, $"{dataDirectory}/ts_day={c}/part-{n:D6}.parquet"),
                    Format = FileFormat.Parquet,
                    SpecId = specId,
                    Partition = partition,
                    RecordCount = IdsPerFile,
                    FileSizeInBytes = 64 * 1024,
                    ValueCounts = new Dictionary<int, long> { [1] = IdsPerFile, [2] = IdsPerFile, [3] = IdsPerFile },
                    NullValueCounts = new Dictionary<int, long> { [1] = 0, [2] = 0, [3] = 0 },
                    LowerBounds = new Dictionary<int, byte[]>
                    {
                        [1] = SingleValueBinary.ToBytes(Literal.Of(n * IdsPerFile)),
                        [2] = SingleValueBinary.ToBytes(Literal.OfTimestampTz(c * MicrosPerDay)),
                    },
                    UpperBounds = new Dictionary<int, byte[]>
                    {
                        [1] = SingleValueBinary.ToBytes(Literal.Of((n * IdsPerFile) + IdsPerFile - 1)),
                        [2] = SingleValueBinary.ToBytes(Literal.OfTimestampTz(((c + 1) * MicrosPerDay) - 1)),
                    },
                });
            }

            await append.CommitAsync();
        }

        return table;
    }

    private static async Task<bool> MeasureAsync(string name, TableScan scan, int expectedTasks, int runs)
    {
        int tasks = (await scan.PlanFilesAsync()).Count; // warm-up: JIT and file system cache
        double best = double.MaxValue;
        double total = 0;
        long allocated = 0;
        for (int run = 0; run < runs; run++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            tasks = (await scan.PlanFilesAsync()).Count;
            clock.Stop();
            allocated += GC.GetTotalAllocatedBytes(precise: true) - before;
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
            total += clock.Elapsed.TotalMilliseconds;
        }

        using Process process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-20}{tasks,8:N0}{best,10:F1}{total / runs,10:F1}{allocated / runs / 1048576.0,15:F1}{process.PeakWorkingSet64 / 1048576.0,13:F0}"));
        if (tasks != expectedTasks)
        {
            Console.Error.WriteLine($"planning with filter '{name}' returned {tasks} tasks, expected {expectedTasks}");
            return false;
        }

        return true;
    }
}
