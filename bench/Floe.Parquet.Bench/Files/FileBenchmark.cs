using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Floe.Common.Columnar;
using Floe.Parquet.Compression;
using Floe.Parquet.Reading;
using Floe.Parquet.Writing;

namespace Floe.Parquet.Bench.Files;

/// <summary>
/// Floe's Parquet writer and full scan against DuckDB on one thread: the same table written with each codec by both,
/// and each written file scanned into memory. Times are medians of several runs.
/// </summary>
public static class FileBenchmark
{
    public static async Task<int> RunAsync(TextWriter output, long rows, int runs, IReadOnlyList<CompressionCodec> codecs, bool withDuckDb)
    {
        string directory = Directory.CreateTempSubdirectory("floe-parquet-bench-").FullName;
        try
        {
            output.WriteLine($"Generating {rows:N0} rows (id long, value double, name string, ts timestamp, qty int ~10% null)...");
            List<ColumnBatch> batches = BenchData.Generate(rows, out long rawBytes);
            output.WriteLine($"{rawBytes / 1e6:F1} MB of values in memory; {runs} runs per case, median reported.");
            var results = new List<Row>();
            var files = new Dictionary<CompressionCodec, string>();
            foreach (CompressionCodec codec in codecs)
            {
                string path = Path.Combine(directory, $"floe-{codec}.parquet".ToLowerInvariant());
                files[codec] = path;
                (double write, double writeCpu) = Median(runs, () => Write(path, batches, new ParquetWriterOptions { Codec = codec }));
                (double scan, double scanCpu) = Median(runs, () => Scan(path));
                results.Add(new Row($"write {Name(codec)}", write, writeCpu));
                results.Add(new Row($"scan {Name(codec)}", scan, scanCpu));
                output.WriteLine($"Floe {Name(codec)}: write {write:F3} s ({writeCpu:F3} s CPU), scan {scan:F3} s ({scanCpu:F3} s CPU), file {new FileInfo(path).Length / 1e6:F1} MB");
            }

            foreach (ColumnBatch batch in batches)
            {
                batch.Dispose();
            }

            if (withDuckDb)
            {
                string source = files[codecs[0]];
                string json = await DuckDbAsync(source, directory, runs, files);
                using JsonDocument document = JsonDocument.Parse(json);
                foreach (CompressionCodec codec in codecs)
                {
                    JsonElement duck = document.RootElement.GetProperty(Name(codec));
                    Fill(results, $"write {Name(codec)}", Median(duck.GetProperty("write")), Median(duck.GetProperty("writeCpu")));
                    Fill(results, $"scan {Name(codec)}", Median(duck.GetProperty("scanFloe")), Median(duck.GetProperty("scanFloeCpu")));
                    output.WriteLine(
                        $"DuckDB {Name(codec)}: write {Median(duck.GetProperty("write")):F3} s ({Median(duck.GetProperty("writeCpu")):F3} s CPU), " +
                        $"scan of Floe's file {Median(duck.GetProperty("scanFloe")):F3} s ({Median(duck.GetProperty("scanFloeCpu")):F3} s CPU), " +
                        $"scan of its own file {Median(duck.GetProperty("scanOwn")):F3} s ({Median(duck.GetProperty("scanOwnCpu")):F3} s CPU), " +
                        $"aggregate over every column of Floe's file {Median(duck.GetProperty("aggFloe")):F3} s ({Median(duck.GetProperty("aggFloeCpu")):F3} s CPU), " +
                        $"file {duck.GetProperty("bytes").GetInt64() / 1e6:F1} MB");
                }
            }

            output.WriteLine();
            output.WriteLine($"{"case",-14} {"Floe s",8} {"rows/s",11} {"MB/s",7} {"DuckDB s",9} {"rows/s",11} {"MB/s",7} {"Floe/DuckDB",11} {"Floe CPU s",10} {"DuckDB CPU s",12} {"CPU ratio",9}");
            foreach (Row row in results)
            {
                string duckText = row.DuckDb is double d
                    ? $"{d,9:F3} {rows / d,11:N0} {rawBytes / 1e6 / d,7:F1} {row.Seconds / d,11:F2}"
                    : $"{"-",9} {"-",11} {"-",7} {"-",11}";
                string cpuText = row.DuckDbCpu is double c
                    ? $"{row.Cpu,10:F3} {c,12:F3} {row.Cpu / c,9:F2}"
                    : $"{row.Cpu,10:F3} {"-",12} {"-",9}";
                output.WriteLine($"{row.Case,-14} {row.Seconds,8:F3} {rows / row.Seconds,11:N0} {rawBytes / 1e6 / row.Seconds,7:F1} {duckText} {cpuText}");
            }

            output.WriteLine("Wall seconds; MB/s is of the in-memory values; Floe/DuckDB is the time ratio (below 1: Floe faster).");
            output.WriteLine("CPU seconds are each process's own (GC and pool threads included), steadier than wall time on a busy machine.");
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Fill(List<Row> results, string name, double duck, double duckCpu)
    {
        int index = results.FindIndex(r => r.Case == name);
        results[index] = results[index] with { DuckDb = duck, DuckDbCpu = duckCpu };
    }

    private sealed record Row(string Case, double Seconds, double Cpu, double? DuckDb = null, double? DuckDbCpu = null);

    internal static string Name(CompressionCodec codec) => codec.ToString().ToLowerInvariant();

    internal static void Write(string path, List<ColumnBatch> batches, ParquetWriterOptions options)
    {
        using var writer = ParquetFileWriter.Create(path, BenchData.Fields, options);
        foreach (ColumnBatch batch in batches)
        {
            writer.WriteBatch(batch);
        }

        writer.Close();
    }

    internal static void Scan(string path, ParquetReadOptions? options = null)
    {
        var batches = new List<ColumnBatch>();
        Task.Run(async () =>
        {
            await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(path);
            await foreach (ColumnBatch batch in reader.ReadAsync(options))
            {
                batches.Add(batch);
            }
        }).GetAwaiter().GetResult();
        foreach (ColumnBatch batch in batches)
        {
            batch.Dispose();
        }
    }

    private static (double Wall, double Cpu) Median(int runs, Action action)
    {
        var times = new List<double>(runs);
        var cpu = new List<double>(runs);
        for (int i = 0; i < runs; i++)
        {
            (double wall, double cpuSeconds) = Time(action);
            times.Add(wall);
            cpu.Add(cpuSeconds);
        }

        return (Median(times), Median(cpu));
    }

    /// <summary>Wall and process CPU seconds of one run of <paramref name="action"/>, after a full collection.</summary>
    internal static (double Wall, double Cpu) Time(Action action)
    {
        using var process = Process.GetCurrentProcess();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        process.Refresh();
        TimeSpan cpuStart = process.TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        action();
        double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpuStart).TotalSeconds);
    }

    private static double Median(JsonElement array) => Median([.. array.EnumerateArray().Select(e => e.GetDouble())]);

    internal static double Median(List<double> times)
    {
        times.Sort();
        return times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
    }

    private static Task<string> DuckDbAsync(string source, string directory, int runs, Dictionary<CompressionCodec, string> files) =>
        NodeReference.RunAsync("duckdb-bench.mjs", [source, directory, runs.ToString(CultureInfo.InvariantCulture), .. files.Select(f => $"{Name(f.Key)}={f.Value}")]);
}
