using System.Buffers.Binary;
using System.Diagnostics;
using Floe.Common.Columnar;
using Floe.Parquet.Compression;
using Floe.Parquet.Metadata;
using Floe.Parquet.Reading;
using Floe.Parquet.Thrift;
using Floe.Parquet.Writing;

namespace Floe.Parquet.Bench.Files;

/// <summary>
/// What page CRCs cost: the benchmark table written with and without checksums, and the checksummed file scanned
/// with and without verification. Each round runs every pair once, in the opposite order every other round and
/// after an untimed run of the same kind (a scan right after writing pays more than the next one), so machine load
/// and warm-up hit both sides alike.
/// </summary>
public static class ChecksumBenchmark
{
    public static int Run(TextWriter output, long rows, int runs, IReadOnlyList<CompressionCodec> codecs)
    {
        string directory = Directory.CreateTempSubdirectory("floe-parquet-crc-bench-").FullName;
        List<ColumnBatch> batches = BenchData.Generate(rows, out long rawBytes);
        try
        {
            output.WriteLine($"{rows:N0} rows, {rawBytes / 1e6:F1} MB of values; {runs} rounds per codec, median reported.");
            output.WriteLine($"{"case",-22} {"on s",8} {"off s",8} {"cost",7} {"on CPU s",9} {"off CPU s",9} {"CPU cost",8}");
            foreach (CompressionCodec codec in codecs)
            {
                string with = Path.Combine(directory, "with.parquet");
                string without = Path.Combine(directory, "without.parquet");
                var cases = new (string Name, Action Action)[]
                {
                    ("write on", () => FileBenchmark.Write(with, batches, new ParquetWriterOptions { Codec = codec })),
                    ("write off", () => FileBenchmark.Write(without, batches, new ParquetWriterOptions { Codec = codec, WritePageChecksums = false })),
                    ("scan on", () => FileBenchmark.Scan(with)),
                    ("scan off", () => FileBenchmark.Scan(with, new ParquetReadOptions { VerifyPageChecksums = false })),
                };
                var wall = cases.Select(_ => new List<double>()).ToArray();
                var cpu = cases.Select(_ => new List<double>()).ToArray();
                for (int round = 0; round < runs; round++)
                {
                    for (int step = 0; step < cases.Length; step++)
                    {
                        if (step % 2 == 0)
                        {
                            cases[step + 1].Action();
                        }

                        int i = round % 2 == 0 ? step : step ^ 1;
                        (double w, double c) = FileBenchmark.Time(cases[i].Action);
                        wall[i].Add(w);
                        cpu[i].Add(c);
                    }
                }

                string name = FileBenchmark.Name(codec);
                Report(output, $"write {name}", wall[0], wall[1], cpu[0], cpu[1]);
                Report(output, $"scan {name} (verify)", wall[2], wall[3], cpu[2], cpu[3]);
                double crc = ChecksumSeconds(with, out int pages);
                output.WriteLine(
                    $"{"",-22} CRC-32 of all {pages:N0} pages alone: {crc * 1e3:F1} ms = {crc / FileBenchmark.Median(cpu[1]):P2} of the write's CPU, " +
                    $"{crc / FileBenchmark.Median(cpu[3]):P2} of the scan's");
                output.WriteLine($"{"",-22} file {new FileInfo(with).Length / 1e6:F2} MB with checksums, {new FileInfo(without).Length / 1e6:F2} MB without");
            }

            output.WriteLine("cost: (on - off) / off of the medians; CPU seconds are the process's own, steadier than wall time on a busy machine.");
            return 0;
        }
        finally
        {
            foreach (ColumnBatch batch in batches)
            {
                batch.Dispose();
            }

            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Fastest of several passes computing the CRC of every page of <paramref name="path"/> (read into memory first).</summary>
    private static double ChecksumSeconds(string path, out int pages)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        FileMetaData footer = FileMetaData.Parse(bytes.AsSpan(bytes.Length - 8 - length, length));
        var ranges = new List<(int Offset, int Length)>();
        foreach (ColumnChunk chunk in footer.RowGroups.SelectMany(g => g.Columns))
        {
            long position = chunk.MetaData!.DictionaryPageOffset ?? chunk.MetaData.DataPageOffset;
            long end = position + chunk.MetaData.TotalCompressedSize;
            while (position < end)
            {
                var reader = new ThriftCompactReader(bytes.AsSpan((int)position), position);
                PageHeader header = PageHeader.Read(ref reader);
                ranges.Add(((int)position + reader.Position, header.CompressedPageSize));
                position += reader.Position + header.CompressedPageSize;
            }
        }

        pages = ranges.Count;
        double best = double.MaxValue;
        int sink = 0;
        for (int pass = 0; pass < 20; pass++)
        {
            long start = Stopwatch.GetTimestamp();
            foreach ((int offset, int size) in ranges)
            {
                sink ^= PageChecksum.Compute(bytes.AsSpan(offset, size));
            }

            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        GC.KeepAlive(sink);
        return best;
    }

    private static void Report(TextWriter output, string name, List<double> onWall, List<double> offWall, List<double> onCpu, List<double> offCpu)
    {
        double on = FileBenchmark.Median(onWall);
        double off = FileBenchmark.Median(offWall);
        double onC = FileBenchmark.Median(onCpu);
        double offC = FileBenchmark.Median(offCpu);
        output.WriteLine($"{name,-22} {on,8:F3} {off,8:F3} {(on - off) / off,7:P1} {onC,9:F3} {offC,9:F3} {(onC - offC) / offC,8:P1}");
    }
}
