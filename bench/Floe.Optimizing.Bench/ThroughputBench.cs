using System.Diagnostics;
using System.Globalization;
using Floe.Common.Columnar;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Schemas;
using Floe.Core.Sorting;
using Floe.Core.Types;
using Floe.Optimizing.Commit;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Execution;
using Floe.Optimizing.Planning;
using Floe.Table.Data.Columns;
using Floe.Table.Data.Deletes;
using Floe.Table.Data.Reading;
using Floe.Table.Data.Writing;
using Floe.Table.Operations;

/// <summary>
/// Optimizing throughput: a table of many small files (6 columns, zstd) with an equality and a position delete file
/// is planned, every task run on one thread and committed. The same input files are then read and written once more
/// with the plain data file reader and writer (no deletes, no table), and their pages put through the codec alone
/// (<see cref="CodecFloor"/>: the bound on any rewrite of them). Input MB/s of each and their ratios; the last line
/// repeats the figures as name=value pairs.
/// A DuckDB rewrite of the same files (one thread, same codec and level, no deletes) is the reference engine's figure
/// (<c>no-duckdb</c> skips it).
/// Usage: <c>throughput [files=48] [rows-per-file=50000] [runs=3] [no-deletes] [no-duckdb] [threads=1] [level=N] [codec=NAME] [phases]</c>;
/// <c>level=N</c> and <c>codec=NAME</c> set the table's write.parquet.compression-level and -codec (unset: zstd at its
/// default level, 3), which both paths then write with (the input files keep the defaults); <c>phases</c>
/// prints each timed phase's start and end in CLOCK_MONOTONIC nanoseconds, to cut a <c>perf record -k CLOCK_MONOTONIC</c>
/// profile into phases.
/// </summary>
internal static class ThroughputBench
{
    private static readonly Schema s_schema = new(
    [
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "name", PrimitiveType.String),
        NestedField.Optional(3, "price", PrimitiveType.Decimal(12, 2)),
        NestedField.Optional(4, "ts", PrimitiveType.TimestampTz),
        NestedField.Optional(5, "score", PrimitiveType.Double),
        NestedField.Optional(6, "qty", PrimitiveType.Int),
    ]);

    private static bool s_phases;
    private static bool s_duckDb;
    private static readonly Dictionary<string, string> s_properties = [];

    public static async Task RunAsync(string[] args)
    {
        string[] numbers = [.. args.Where(a => a.All(char.IsAsciiDigit))];
        int files = numbers.Length > 0 ? int.Parse(numbers[0], CultureInfo.InvariantCulture) : 48;
        int rowsPerFile = numbers.Length > 1 ? int.Parse(numbers[1], CultureInfo.InvariantCulture) : 50_000;
        int runs = numbers.Length > 2 ? int.Parse(numbers[2], CultureInfo.InvariantCulture) : 3;
        bool deletes = !args.Contains("no-deletes");
        s_duckDb = !args.Contains("no-duckdb");
        s_phases = args.Contains("phases");
        string? level = args.FirstOrDefault(a => a.StartsWith("level=", StringComparison.Ordinal))?[6..];
        string? codec = args.FirstOrDefault(a => a.StartsWith("codec=", StringComparison.Ordinal))?[6..];
        if (level is not null)
        {
            s_properties["write.parquet.compression-level"] = level;
        }

        if (codec is not null)
        {
            s_properties["write.parquet.compression-codec"] = codec;
        }

        // threads=N: columns encoded at once by both writers (Parquet EncodingParallelism); 1 is the optimizer's setting.
        int threads = args.FirstOrDefault(a => a.StartsWith("threads=", StringComparison.Ordinal)) is { } t ? int.Parse(t[8..], CultureInfo.InvariantCulture) : 1;
        Console.WriteLine($"{files} files of {rowsPerFile:N0} rows (6 columns, zstd), {(deletes ? "one equality and one position delete file" : "no deletes")}, "
            + $"{threads} encoding thread(s), best of {runs}; the two paths alternate which runs first");
        // A full-size warm-up run first: tiered compilation goes on for seconds, and the measured runs should not pay for it.
        await RunInFolderAsync(files, rowsPerFile, deletes, threads, plainFirst: false, reference: false);
        Speed best = default, bestPlain = default;
        double bestFloor = 0;
        Speed bestDuckDb = default;
        var ratios = new List<double>();
        long inputBytes = 0, outputBytes = 0;
        for (int run = 0; run < runs; run++)
        {
            (Speed optimizing, Speed plain, long bytes, long written, double floor, Speed? duckDb) =
                await RunInFolderAsync(files, rowsPerFile, deletes, threads, plainFirst: run % 2 == 1, reference: s_duckDb);
            Console.WriteLine($"  run {run + 1}: optimizing {optimizing.Wall,6:F1} MB/s ({optimizing.Cpu,6:F1} per CPU second), "
                + $"plain {plain.Wall,6:F1} MB/s ({plain.Cpu,6:F1} per CPU second), ratio {optimizing.Wall / plain.Wall:F2}, codec alone {floor,6:F1} per CPU second");
            bestFloor = Math.Max(bestFloor, floor);
            if (duckDb is Speed d)
            {
                Console.WriteLine($"  DuckDB rewrite (one thread, no deletes): {d.Wall,6:F1} MB/s ({d.Cpu,6:F1} per CPU second)");
                bestDuckDb = new Speed(Math.Max(bestDuckDb.Wall, d.Wall), Math.Max(bestDuckDb.Cpu, d.Cpu));
            }
            best = new Speed(Math.Max(best.Wall, optimizing.Wall), Math.Max(best.Cpu, optimizing.Cpu));
            bestPlain = new Speed(Math.Max(bestPlain.Wall, plain.Wall), Math.Max(bestPlain.Cpu, plain.Cpu));
            ratios.Add(optimizing.Wall / plain.Wall);
            inputBytes = bytes;
            outputBytes = written;
        }

        double median = ratios.Order().ElementAt(ratios.Count / 2);
        Console.WriteLine($"input                {inputBytes / 1e6,10:F1} MB");
        Console.WriteLine($"optimizing           {best.Wall,10:F1} MB/s, {best.Cpu:F1} MB per CPU second (plan, read applying deletes, write, commit)");
        Console.WriteLine($"plain read + write   {bestPlain.Wall,10:F1} MB/s, {bestPlain.Cpu:F1} MB per CPU second");
        Console.WriteLine($"codec alone          {bestFloor,10:F1} MB per CPU second (every page decompressed and compressed again, nothing decoded)");
        if (s_duckDb)
        {
            Console.WriteLine($"DuckDB rewrite       {bestDuckDb.Wall,10:F1} MB/s, {bestDuckDb.Cpu:F1} MB per CPU second (one thread, same codec and level, no deletes)");
        }

        Console.WriteLine($"ratio                {best.Wall / bestPlain.Wall,10:F2}  best against best; median of the runs' own ratios {median:F2} (target 100 MB/s per core)");
        string duckDbFigures = s_duckDb
            ? string.Create(CultureInfo.InvariantCulture, $"duckdb_mb_s={bestDuckDb.Wall:F1} duckdb_mb_cpu_s={bestDuckDb.Cpu:F1} duckdb_cpu_ratio={best.Cpu / bestDuckDb.Cpu:F2} ")
            : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"optimizing_mb_s={best.Wall:F1} plain_mb_s={bestPlain.Wall:F1} ratio={best.Wall / bestPlain.Wall:F2} median_run_ratio={median:F2} "
            + $"optimizing_mb_cpu_s={best.Cpu:F1} plain_mb_cpu_s={bestPlain.Cpu:F1} cpu_ratio={best.Cpu / bestPlain.Cpu:F2} codec_alone_mb_cpu_s={bestFloor:F1} floor_ratio={best.Cpu / bestFloor:F2} "
            + $"{duckDbFigures}"
            + $"input_mb={inputBytes / 1e6:F1} output_mb={outputBytes / 1e6:F1} deletes={(deletes ? 1 : 0)} encoding_threads={threads} "
            + $"codec={codec ?? "zstd"} level={level ?? "default"}"));
    }

    private static async Task<(Speed Optimizing, Speed Plain, long Bytes, long OutputBytes, double Floor, Speed? DuckDb)> RunInFolderAsync(
        int files, int rowsPerFile, bool withDeletes, int threads, bool plainFirst, bool reference)
    {
        string root = Path.Combine(Path.GetTempPath(), "floe-opt-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            return await RunOnceAsync(root, files, rowsPerFile, withDeletes, threads, plainFirst, reference);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<(Speed Optimizing, Speed Plain, long Bytes, long OutputBytes, double Floor, Speed? DuckDb)> RunOnceAsync(
        string root, int files, int rowsPerFile, bool withDeletes, int threads, bool plainFirst, bool reference)
    {
        Directory.CreateDirectory(Path.Combine(root, "data"));
        TableMetadata metadata = NewTable.Create(s_schema, null, SortOrder.Unsorted, root, s_properties);
        var table = new IcebergTable("bench", new MemoryTableOperations(metadata));
        var dataFiles = new List<DataFile>();
        var random = new Random(42);
        for (int f = 0; f < files; f++)
        {
            dataFiles.Add(await WriteAsync(root, $"in-{f:D4}.parquet", f * (long)rowsPerFile, rowsPerFile, random));
        }

        AppendFiles append = table.NewFastAppend();
        dataFiles.ForEach(f => append.AppendFile(f));
        await append.CommitAsync();
        // One position delete per file and an equality delete of 1,000 ids.
        if (withDeletes)
        {
            await AddDeletesAsync(table, root, dataFiles);
        }

        long inputBytes = dataFiles.Sum(f => f.FileSizeInBytes);
        Speed plain = plainFirst ? await PlainAsync(table, root, dataFiles, inputBytes, threads) : default;
        (Speed optimizing, long outputBytes) = await OptimizeAsync(table, inputBytes, threads);
        if (!plainFirst)
        {
            plain = await PlainAsync(table, root, dataFiles, inputBytes, threads);
        }

        // Where the time goes: the same files only read, by the scan task reader (no deletes) and the plain reader.
        var clock = Stopwatch.StartNew();
        var taskReader = new Floe.Table.Scanning.FileScanTaskReader(table.Operations.Io);
        long rows = 0;
        foreach (DataFile file in dataFiles)
        {
            var scanTask = new Floe.Table.Scanning.FileScanTask(file, 0, [], Floe.Core.Partitioning.PartitionSpec.Unpartitioned, s_schema, s_schema, Floe.Core.Expressions.Expression.True);
            await foreach (ColumnBatch batch in taskReader.ReadAsync(scanTask))
            {
                rows += batch.RowCount;
                batch.Dispose();
            }
        }

        double scanRead = inputBytes / 1e6 / clock.Elapsed.TotalSeconds;
        clock.Restart();
        foreach (DataFile file in dataFiles)
        {
            DataFileReader reader = await DataFileReader.OpenAsync(file.FilePath);
            await using (reader)
            {
                await foreach (ColumnBatch batch in reader.ReadAsync(s_schema))
                {
                    rows -= batch.RowCount;
                    batch.Dispose();
                }
            }
        }

        double plainRead = inputBytes / 1e6 / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  read only: scan task reader {scanRead:F1} MB/s, data file reader {plainRead:F1} MB/s{(rows == 0 ? "" : " (row counts differ)")}");
        double floor = await CodecFloor.MeasureAsync([.. dataFiles.Select(f => f.FilePath)], DataWriteProperties.ParquetOptions(s_properties));
        Speed? duckDb = reference ? await DuckDbRewriteAsync(root, dataFiles, inputBytes) : null;
        return (optimizing, plain, inputBytes, outputBytes, floor, duckDb);
    }

    /// <summary>Plans, runs every task on this thread and commits; input MB/s.</summary>
    private static async Task<(Speed Speed, long OutputBytes)> OptimizeAsync(IcebergTable table, long inputBytes, int threads)
    {
        var clock = PhaseClock.Start();
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        OptimizingProcess process = await new OptimizingPlanner(table.Metadata, table.Operations.Io) { Parallelism = 1 }.PlanAsync(1, OptimizingTimes.Never(now))
            ?? throw new InvalidOperationException("nothing planned");
        var executor = new RewriteTaskExecutor(table.Operations.Io) { EncodingParallelism = threads };
        var outputs = new List<RewriteTaskOutput>();
        foreach (RewriteTask task in process.Tasks)
        {
            outputs.Add(await executor.ExecuteAsync(task, 0));
        }

        OptimizingCommitResult result = await new OptimizingCommitter(table).CommitAsync(process, outputs);
        Speed optimizing = clock.Stop("optimize", inputBytes);
        if (result.Outcome != CommitOutcome.Committed)
        {
            throw new InvalidOperationException("commit failed: " + result.Reason);
        }

        return (optimizing, outputs.Sum(o => o.DataFiles.Sum(f => f.FileSizeInBytes)));
    }

    /// <summary>The same bytes read and written once with the plain data file reader and writer; input MB/s.</summary>
    private static async Task<Speed> PlainAsync(IcebergTable table, string root, List<DataFile> dataFiles, long inputBytes, int threads)
    {
        var clock = PhaseClock.Start();
        string outPath = Path.Combine(root, "data", "plain-out.parquet");
        var config = new DataWriterConfig
        {
            Schema = s_schema,
            TargetFileSizeBytes = long.MaxValue,
            Parquet = DataWriteProperties.ParquetOptions(s_properties) with { EncodingParallelism = threads },
        };
        // Through the table's file IO, as the optimizer writes (atomic create, flushed to disk).
        Stream output = await table.Operations.Io.NewOutputFile(outPath).CreateAsync();
        var writer = new DataFileWriter(output, outPath, config);
        await using (writer)
        {
            foreach (DataFile file in dataFiles)
            {
                DataFileReader reader = await DataFileReader.OpenAsync(file.FilePath);
                await using (reader)
                {
                    await foreach (ColumnBatch batch in reader.ReadAsync(s_schema))
                    {
                        using (batch)
                        {
                            await writer.WriteAsync(batch);
                        }
                    }
                }
            }

            await writer.CloseAsync();
        }

        Speed plain = clock.Stop("plain", inputBytes);
        File.Delete(outPath);
        return plain;
    }

    /// <summary>
    /// DuckDB (<c>bench/node/duckdb-rewrite.mjs</c>, one thread) rewriting the same input files into one with the same
    /// codec and level, without the deletes; the best of two runs, input MB/s.
    /// </summary>
    private static async Task<Speed> DuckDbRewriteAsync(string root, List<DataFile> dataFiles, long inputBytes)
    {
        string codec = s_properties.GetValueOrDefault("write.parquet.compression-codec", "zstd");
        string level = s_properties.GetValueOrDefault("write.parquet.compression-level", codec == "zstd" ? "3" : "default");
        string json = await NodeReference.RunAsync("duckdb-rewrite.mjs", ["2", codec, level, Path.Combine(root, "duckdb-out.parquet"), .. dataFiles.Select(f => f.FilePath)]);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        double wall = document.RootElement.GetProperty("wall").EnumerateArray().Min(e => e.GetDouble());
        double cpu = document.RootElement.GetProperty("cpu").EnumerateArray().Min(e => e.GetDouble());
        return new Speed(inputBytes / 1e6 / wall, inputBytes / 1e6 / cpu);
    }

    /// <summary>Input MB per second of wall time and per second of the process's CPU time (all threads, JIT and GC included).</summary>
    private readonly record struct Speed(double Wall, double Cpu);

    /// <summary>Wall and process CPU time of one phase; with <c>phases</c>, prints its start and end (CLOCK_MONOTONIC ns on Linux).</summary>
    private readonly record struct PhaseClock(long StartTicks, TimeSpan StartCpu, long StartAllocated)
    {
        public static PhaseClock Start() => new(Stopwatch.GetTimestamp(), CpuTime(), GC.GetTotalAllocatedBytes());

        public Speed Stop(string name, long inputBytes)
        {
            long end = Stopwatch.GetTimestamp();
            double cpu = (CpuTime() - StartCpu).TotalSeconds;
            if (s_phases)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  phase {name} {StartTicks} {end} allocated {(GC.GetTotalAllocatedBytes() - StartAllocated) / 1e6:F1} MB"));
            }

            return new Speed(inputBytes / 1e6 / Stopwatch.GetElapsedTime(StartTicks, end).TotalSeconds, inputBytes / 1e6 / cpu);
        }

        private static TimeSpan CpuTime()
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }
    }

    private static async Task AddDeletesAsync(IcebergTable table, string root, List<DataFile> dataFiles)
    {
        string posPath = Path.Combine(root, "data", "pos.parquet");
        var pos = new PositionDeleteWriter(File.Create(posPath), posPath);
        DeleteFile positionDeletes;
        await using (pos)
        {
            foreach (DataFile file in dataFiles)
            {
                pos.Delete(file.FilePath, 7);
            }

            positionDeletes = await pos.CloseAsync();
        }

        DeleteFile equalityDeletes = await WriteIdDeletesAsync(root, Enumerable.Range(0, 1000).Select(i => (long)i * 97));
        await table.NewRowDelta().AddDeletes(positionDeletes).AddDeletes(equalityDeletes).CommitAsync();
    }

    private static async Task<DataFile> WriteAsync(string root, string name, long firstId, int rows, Random random)
    {
        var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(s_schema), rows);
        using (batch)
        {
            var ids = (PrimitiveVector<long>)batch.Column(0);
            var names = (BinaryVector)batch.Column(1);
            var prices = (PrimitiveVector<Int128>)batch.Column(2);
            var ts = (PrimitiveVector<long>)batch.Column(3);
            var scores = (PrimitiveVector<double>)batch.Column(4);
            var qty = (PrimitiveVector<int>)batch.Column(5);
            for (int i = 0; i < rows; i++)
            {
                long id = firstId + i;
                ids.Append(id);
                names.Append("customer-" + (id % 5000).ToString(CultureInfo.InvariantCulture));
                prices.Append(random.Next(100, 1_000_000));
                ts.Append(1_700_000_000_000_000 + (id * 1000));
                if (i % 10 == 0)
                {
                    scores.AppendNull();
                }
                else
                {
                    scores.Append(random.NextDouble());
                }

                qty.Append(random.Next(1, 100));
            }

            string path = Path.Combine(root, "data", name);
            var writer = new DataFileWriter(File.Create(path), path, new DataWriterConfig { Schema = s_schema });
            await using (writer)
            {
                await writer.WriteAsync(batch);
                return await writer.CloseAsync();
            }
        }
    }

    private static async Task<DeleteFile> WriteIdDeletesAsync(string root, IEnumerable<long> ids)
    {
        Schema idSchema = SchemaProjection.Project(s_schema, [1]);
        var list = ids.ToList();
        var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(idSchema), list.Count);
        using (batch)
        {
            foreach (long id in list)
            {
                ((PrimitiveVector<long>)batch.Column(0)).Append(id);
            }

            string path = Path.Combine(root, "data", "eq.parquet");
            var writer = new DataFileWriter(File.Create(path), path, new DataWriterConfig { Schema = idSchema });
            await using (writer)
            {
                await writer.WriteAsync(batch);
                DataFile written = await writer.CloseAsync();
                return new DeleteFile
                {
                    DeleteContent = FileContent.EqualityDeletes,
                    FilePath = written.FilePath,
                    Format = written.Format,
                    RecordCount = written.RecordCount,
                    FileSizeInBytes = written.FileSizeInBytes,
                    EqualityIds = [1],
                };
            }
        }
    }
}
