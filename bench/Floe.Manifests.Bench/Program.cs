using System.Diagnostics;
using System.Globalization;
using Floe.Avro.Codecs;
using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Transforms;
using Floe.Core.Types;
using Floe.Core.Values;

// Writes and reads manifests of COUNT data files (12 columns of metrics, partitioned by day and bucket) with the
// null and deflate codecs, and reports entries per second and allocation per entry read.
int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50_000;
const int Columns = 12;
var schema = new Schema(Enumerable.Range(1, Columns).Select(i =>
    NestedField.Optional(i, "c" + i.ToString(CultureInfo.InvariantCulture), i == 2 ? PrimitiveType.Timestamp : PrimitiveType.Long)));
var spec = new PartitionSpec(0, [new PartitionField(2, 1000, "c2_day", Transform.Day), new PartitionField(1, 1001, "c1_bucket", Transform.Bucket(16))]);
var random = new Random(42);
DataFile[] files = [.. Enumerable.Range(0, count).Select(i => new DataFile
{
    FilePath = $"s3://warehouse/db/events/data/c2_day=2024-03-{1 + (i % 28):D2}/00{i % 16:D3}-{i}-6f1c2a9e-8d4b-4e0f-9a51-{i:D12}-00001.parquet",
    Format = FileFormat.Parquet,
    Partition = PartitionData.Of(Literal.OfDate(19_800 + (i % 28)), Literal.Of(i % 16)),
    RecordCount = random.NextInt64(1_000, 5_000_000),
    FileSizeInBytes = random.NextInt64(100_000, 512_000_000),
    ColumnSizes = Enumerable.Range(1, Columns).ToDictionary(c => c, _ => random.NextInt64(1_000, 50_000_000)),
    ValueCounts = Enumerable.Range(1, Columns).ToDictionary(c => c, _ => random.NextInt64(1_000, 5_000_000)),
    NullValueCounts = Enumerable.Range(1, Columns).ToDictionary(c => c, _ => (long)random.Next(0, 1000)),
    LowerBounds = Enumerable.Range(1, Columns).ToDictionary(c => c, _ => BitConverter.GetBytes(random.NextInt64())),
    UpperBounds = Enumerable.Range(1, Columns).ToDictionary(c => c, _ => BitConverter.GetBytes(random.NextInt64())),
    SplitOffsets = [4, 134_217_732],
})];

Console.WriteLine($"{count:N0} data files, {Columns} columns of metrics each");
Console.WriteLine($"{"operation",-8} {"codec",-8} {"fastest ms",10} {"median ms",10} {"entries/s",12} {"file MB",8} {"alloc/entry",12}");
foreach (AvroCodec codec in new[] { AvroCodecs.Null, AvroCodecs.Deflate })
{
    byte[] manifest = [];
    var write = Run(() =>
    {
        var stream = new MemoryStream();
        using (var writer = new ManifestWriter(stream, "m.avro", new ManifestWriterOptions { Spec = spec, Schema = schema, SnapshotId = 1, Codec = codec }, leaveOpen: true))
        {
            foreach (DataFile file in files)
            {
                writer.Add(file);
            }
        }

        manifest = stream.ToArray();
    });
    Report("write", codec.Name, write, manifest.Length, null);

    var listed = new ManifestFile { Path = "m.avro", Length = manifest.Length, PartitionSpecId = 0, AddedSnapshotId = 1, SequenceNumber = 1 };
    long allocated = 0;
    var read = Run(() =>
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        int n = 0;
        using (ManifestReader reader = ManifestReader.Open(new MemoryStream(manifest), listed))
        {
            foreach (ManifestEntry entry in reader.Entries())
            {
                n += entry.File.ColumnSizes!.Count > 0 ? 1 : 0;
            }
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (n != count)
        {
            throw new InvalidOperationException($"read {n} entries, expected {count}");
        }
    });
    Report("read", codec.Name, read, manifest.Length, allocated / count);
}

void Report(string operation, string codec, (TimeSpan Fastest, TimeSpan Median) time, long bytes, long? allocationPerEntry) =>
    Console.WriteLine(
        $"{operation,-8} {codec,-8} {time.Fastest.TotalMilliseconds,10:F1} {time.Median.TotalMilliseconds,10:F1} " +
        $"{count / time.Fastest.TotalSeconds,12:N0} {bytes / 1e6,8:F2} {(allocationPerEntry is long a ? a.ToString("N0", CultureInfo.InvariantCulture) + " B" : ""),12}");

static (TimeSpan Fastest, TimeSpan Median) Run(Action action)
{
    action();
    var times = new List<double>();
    var total = Stopwatch.StartNew();
    while (times.Count < 3 || (total.Elapsed.TotalSeconds < 2 && times.Count < 10))
    {
        long start = Stopwatch.GetTimestamp();
        action();
        times.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    times.Sort();
    return (TimeSpan.FromSeconds(times[0]), TimeSpan.FromSeconds(times[times.Count / 2]));
}
