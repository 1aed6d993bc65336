using System.Diagnostics;
using System.Globalization;
using Floe.Compression.Bench;

// Usage: Floe.Compression.Bench [seconds-per-case]
// Compress and decompress MB/s (of uncompressed bytes) of Floe's Snappy block codec and Snappier on each input, every
// decoder checked against every encoder's output first, then Floe's throughput relative to Snappier.
double seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 0.5;
IReadOnlyList<SnappyCandidate> candidates = SnappyCandidate.All();
var inputs = Inputs.All();
var compressRatios = new Dictionary<string, List<double>>();
var decompressRatios = new Dictionary<string, List<double>>();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"input",-22} {"implementation",-14} {"bytes",9} {"ratio",6} {"compress MB/s",14} {"decompress MB/s",16}"));
foreach ((string name, byte[] data) in inputs)
{
    byte[][] blocks = [.. candidates.Select(c => c.CompressToArray(data))];
    foreach (SnappyCandidate decoder in candidates)
    {
        foreach (byte[] block in blocks)
        {
            if (!decoder.DecompressToArray(block, data.Length).AsSpan().SequenceEqual(data))
            {
                Console.Error.WriteLine($"{decoder.Name} does not restore {name}.");
                return 1;
            }
        }
    }

    var compress = new double[candidates.Count];
    var decompress = new double[candidates.Count];
    for (int i = 0; i < candidates.Count; i++)
    {
        SnappyCandidate candidate = candidates[i];
        byte[] output = new byte[candidate.MaxCompressedLength(data.Length)];
        compress[i] = MegabytesPerSecond(data.Length, seconds, () => candidate.Compress(data, output));
        byte[] restored = new byte[data.Length];
        byte[] block = blocks[i];
        decompress[i] = MegabytesPerSecond(data.Length, seconds, () => candidate.Decompress(block, restored));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-22} {candidate.Name,-14} {block.Length,9} {(double)block.Length / data.Length,6:F3} {compress[i],14:F0} {decompress[i],16:F0}"));
    }

    int snappier = candidates.Count - 1;
    for (int i = 0; i < snappier; i++)
    {
        compressRatios.TryAdd(candidates[i].Name, []);
        decompressRatios.TryAdd(candidates[i].Name, []);
        compressRatios[candidates[i].Name].Add(compress[i] / compress[snappier]);
        decompressRatios[candidates[i].Name].Add(decompress[i] / decompress[snappier]);
    }
}

Console.WriteLine();
Console.WriteLine("Throughput relative to Snappier (geometric mean over inputs; above 1 is faster):");
var summary = new List<string>();
foreach (string name in compressRatios.Keys)
{
    double c = GeometricMean(compressRatios[name]);
    double d = GeometricMean(decompressRatios[name]);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-14} compress {c:F2}x  decompress {d:F2}x"));
    string key = name.Replace('-', '_');
    summary.Add(string.Create(CultureInfo.InvariantCulture, $"{key}_compress_vs_snappier={c:F2}"));
    summary.Add(string.Create(CultureInfo.InvariantCulture, $"{key}_decompress_vs_snappier={d:F2}"));
}

Console.WriteLine(string.Join(' ', summary));
return 0;

static double MegabytesPerSecond(int bytes, double seconds, Action run)
{
    // Warm up long enough for tiered compilation to reach its optimized code.
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed.TotalSeconds < 0.3)
    {
        run();
    }

    long iterations = 0;
    clock.Restart();
    do
    {
        run();
        iterations++;
    }
    while (clock.Elapsed.TotalSeconds < seconds);

    return bytes * (double)iterations / clock.Elapsed.TotalSeconds / 1e6;
}

static double GeometricMean(List<double> values) => Math.Exp(values.Average(Math.Log));
