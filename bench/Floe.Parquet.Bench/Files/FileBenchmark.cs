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
            var results = new List<(string Case, double Seconds, double? DuckDb)>();
            var files = new Dictionary<CompressionCodec, string>();
            foreach (CompressionCodec codec in codecs)
            {
                string path = Path.Combine(directory, $"floe-{codec}.parquet".ToLowerInvariant());
                files[codec] = path;
                double write = Median(runs, () => Write(path, batches, codec));
                double scan = Median(runs, () => Scan(path));
                results.Add(($"write {Name(codec)}", write, null));
                results.Add(($"scan {Name(codec)}", scan, null));
                output.WriteLine($"Floe {Name(codec)}: write {write:F3} s, scan {scan:F3} s, file {new FileInfo(path).Length / 1e6:F1} MB");
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
                    Fill(results, $"write {Name(codec)}", Median(duck.GetProperty("write")));
                    Fill(results, $"scan {Name(codec)}", Median(duck.GetProperty("scanFloe")));
                    output.WriteLine(
                        $"DuckDB {Name(codec)}: write {Median(duck.GetProperty("write")):F3} s, scan of Floe's file {Median(duck.GetProperty("scanFloe")):F3} s, " +
                        $"scan of its own file {Median(duck.GetProperty("scanOwn")):F3} s, file {duck.GetProperty("bytes").GetInt64() / 1e6:F1} MB");
                }
            }

            output.WriteLine();
            output.WriteLine($"{"case",-14} {"Floe s",9} {"rows/s",12} {"MB/s",8} {"DuckDB s",9} {"rows/s",12} {"MB/s",8} {"Floe/DuckDB",12}");
            foreach ((string name, double seconds, double? duck) in results)
            {
                string duckText = duck is double d
                    ? $"{d,9:F3} {rows / d,12:N0} {rawBytes / 1e6 / d,8:F1} {seconds / d,12:F2}"
                    : $"{"-",9} {"-",12} {"-",8} {"-",12}";
                output.WriteLine($"{name,-14} {seconds,9:F3} {rows / seconds,12:N0} {rawBytes / 1e6 / seconds,8:F1} {duckText}");
            }

            output.WriteLine("MB/s is of the in-memory values; Floe/DuckDB is the time ratio (below 1 means Floe is faster).");
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Fill(List<(string Case, double Seconds, double? DuckDb)> results, string name, double duck)
    {
        int index = results.FindIndex(r => r.Case == name);
        results[index] = results[index] with { DuckDb = duck };
    }

    private static string Name(CompressionCodec codec) => codec.ToString().ToLowerInvariant();

    private static void Write(string path, List<ColumnBatch> batches, CompressionCodec codec)
    {
        using var writer = ParquetFileWriter.Create(path, BenchData.Fields, new ParquetWriterOptions { Codec = codec });
        foreach (ColumnBatch batch in batches)
        {
            writer.WriteBatch(batch);
        }

        writer.Close();
    }

    private static void Scan(string path)
    {
        var batches = new List<ColumnBatch>();
        Task.Run(async () =>
        {
            await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(path);
            await foreach (ColumnBatch batch in reader.ReadAsync())
            {
                batches.Add(batch);
            }
        }).GetAwaiter().GetResult();
        foreach (ColumnBatch batch in batches)
        {
            batch.Dispose();
        }
    }

    private static double Median(int runs, Action action)
    {
        var times = new List<double>(runs);
        for (int i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long start = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return Median(times);
    }

    private static double Median(JsonElement array) => Median([.. array.EnumerateArray().Select(e => e.GetDouble())]);

    private static double Median(List<double> times)
    {
        times.Sort();
        return times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
    }

    private static async Task<string> DuckDbAsync(string source, string directory, int runs, Dictionary<CompressionCodec, string> files)
    {
        string node = Path.Combine(RepositoryRoot(), "bench", "Floe.Parquet.Bench", "node");
        if (!Directory.Exists(Path.Combine(node, "node_modules")))
        {
            await RunAsync("npm", node, ["ci", "--no-audit", "--no-fund"]);
        }

        List<string> arguments = [Path.Combine(node, "duckdb-bench.mjs"), source, directory, runs.ToString(CultureInfo.InvariantCulture)];
        arguments.AddRange(files.Select(f => $"{Name(f.Key)}={f.Value}"));
        return await RunAsync("node", node, arguments);
    }

    private static async Task<string> RunAsync(string program, string directory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Floe.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Floe.slnx not found above " + AppContext.BaseDirectory);
    }
}
