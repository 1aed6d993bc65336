using Floe.Parquet.Bench.Codecs;

// Usage: Floe.Parquet.Bench <mode>. Modes: codecs [seconds-per-case] [case-name-filter] (encoding and compression MB/s).
string mode = args.Length > 0 ? args[0] : "codecs";
switch (mode)
{
    case "codecs":
        return CodecBenchmark.Run(
            Console.Out,
            args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0.3,
            args.Length > 2 ? args[2] : null);
    default:
        Console.Error.WriteLine($"Unknown mode '{mode}'. Modes: codecs [seconds-per-case] [case-name-filter].");
        return 2;
}
