using System.Globalization;
using Floe.Parquet.Bench.Codecs;
using Floe.Parquet.Bench.Files;
using Floe.Parquet.Bench.Selection;
using Floe.Parquet.Compression;

// Usage: Floe.Parquet.Bench [mode] [options]
//   files  [--rows N] [--runs R] [--codecs zstd,snappy] [--no-duckdb]   Floe vs DuckDB write and full scan (default mode)
//   checksums [--rows N] [--runs R] [--codecs zstd,snappy]              write and scan cost of page CRCs (on vs off)
//   codecs [seconds-per-case] [case-name-filter]                        encoding and compression MB/s
//   selection [rows] [groups] [rounds]                                  groups written gathered vs as selections of one batch
string mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "files";
switch (mode)
{
    case "files":
    case "checksums":
        long rows = 10_000_000;
        int runs = 3;
        bool duckDb = true;
        CompressionCodec[] codecs = [CompressionCodec.Zstd, CompressionCodec.Snappy];
        for (int i = mode == args.FirstOrDefault() ? 1 : 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows":
                    rows = long.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--runs":
                    runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--codecs":
                    codecs = [.. args[++i].Split(',').Select(c => Enum.Parse<CompressionCodec>(c.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true))];
                    break;
                case "--no-duckdb":
                    duckDb = false;
                    break;
                default:
                    Console.Error.WriteLine($"Unknown option '{args[i]}'. Options: --rows N, --runs R, --codecs zstd,snappy, --no-duckdb.");
                    return 2;
            }
        }

        return mode == "checksums"
            ? ChecksumBenchmark.Run(Console.Out, rows, runs, codecs)
            : await FileBenchmark.RunAsync(Console.Out, rows, runs, codecs, duckDb);
    case "codecs":
        return CodecBenchmark.Run(
            Console.Out,
            args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 0.3,
            args.Length > 2 ? args[2] : null);
    case "selection":
        return await SelectionBenchmark.RunAsync(
            Console.Out,
            args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000,
            args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8,
            args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 40);
    default:
        Console.Error.WriteLine($"Unknown mode '{mode}'. Modes: files [--rows N] [--runs R] [--codecs zstd,snappy] [--no-duckdb]; checksums [--rows N] [--runs R] [--codecs zstd,snappy]; codecs [seconds-per-case] [case-name-filter]; selection [rows] [groups] [rounds].");
        return 2;
}
