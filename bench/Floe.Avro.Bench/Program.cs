using System.Globalization;
using System.Text.Json;
using Floe.Avro.Bench;
using Floe.Avro.Binary;
using Floe.Avro.Codecs;
using Floe.Avro.Container;
using Floe.Avro.Generic;

// Throughput of Floe.Avro on Iceberg manifest entries: encode and decode, generic datums and the typed plan-based
// path, per codec; System.Text.Json on the same records and a memcpy of the Avro bytes as references.
int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
List<ManifestEntry> entries = ManifestSchema.CreateEntries(count);
List<AvroRecord> generic = [.. entries.Select(GenericEntries.From)];
var typedWriter = new ManifestEntryWriter();

// The uncompressed Avro size of all records: the MB/s basis for every Avro row.
long avroBytes;
using (var probe = new AvroBufferWriter())
{
    foreach (ManifestEntry entry in entries)
    {
        typedWriter.Write(probe, entry);
    }

    avroBytes = probe.Length;
}

var rows = new List<(string Operation, string Codec, (TimeSpan Fastest, TimeSpan Median) Time, long Bytes, string Size)>();

byte[] WriteFile(AvroCodec codec, bool typed)
{
    using var stream = new MemoryStream((int)avroBytes + 1024);
    using (var writer = new AvroContainerWriter(stream, ManifestSchema.Schema, new AvroContainerWriterOptions { Codec = codec, LeaveOpen = true }))
    {
        if (typed)
        {
            foreach (ManifestEntry entry in entries)
            {
                writer.Append(entry, typedWriter);
            }
        }
        else
        {
            foreach (AvroRecord record in generic)
            {
                writer.Append(record);
            }
        }
    }

    return stream.ToArray();
}

foreach (AvroCodec codec in new[] { AvroCodecs.Null, AvroCodecs.Deflate, AvroCodecs.Zstandard, AvroCodecs.Snappy })
{
    byte[] file = WriteFile(codec, typed: true);
    string size = $"{file.Length / 1024.0 / 1024.0:F1} MiB";
    rows.Add(("encode typed", codec.Name, Measurement.Run(() => WriteFile(codec, typed: true)), avroBytes, size));
    rows.Add(("encode generic", codec.Name, Measurement.Run(() => WriteFile(codec, typed: false)), avroBytes, size));
    rows.Add(("decode typed (plan)", codec.Name, Measurement.Run(() =>
    {
        using var reader = AvroContainerReader.Open(new MemoryStream(file, writable: false));
        var typedReader = new ManifestEntryReader(reader.Schema);
        int n = 0;
        foreach (ManifestEntry entry in reader.Read(typedReader))
        {
            n += entry.Status;
        }

        Check(n == count);
    }), avroBytes, size));
    rows.Add(("decode generic", codec.Name, Measurement.Run(() =>
    {
        using var reader = AvroContainerReader.Open(new MemoryStream(file, writable: false));
        Check(reader.ReadGeneric().Count() == count);
    }), avroBytes, size));
}

byte[] json = JsonSerializer.SerializeToUtf8Bytes(entries);
(TimeSpan Fastest, TimeSpan Median) jsonEncode = Measurement.Run(() => JsonSerializer.SerializeToUtf8Bytes(entries));
(TimeSpan Fastest, TimeSpan Median) jsonDecode = Measurement.Run(() => Check(JsonSerializer.Deserialize<List<ManifestEntry>>(json)!.Count == count));
rows.Add(("System.Text.Json serialize", "-", jsonEncode, json.Length, $"{json.Length / 1024.0 / 1024.0:F1} MiB"));
rows.Add(("System.Text.Json deserialize", "-", jsonDecode, json.Length, $"{json.Length / 1024.0 / 1024.0:F1} MiB"));
byte[] source = new byte[avroBytes];
byte[] target = new byte[avroBytes];
rows.Add(("memcpy of the Avro bytes", "-", Measurement.Run(() => source.AsSpan().CopyTo(target)), avroBytes, "-"));

Console.WriteLine($"Floe.Avro benchmark: {count:N0} Iceberg manifest entries (12 columns of metrics), {avroBytes / 1024.0 / 1024.0:F1} MiB of Avro data, " +
    $"{json.Length / 1024.0 / 1024.0:F1} MiB as JSON; fastest of the timed runs after warm-up (median in ms beside it); " +
    "MB/s counts each format's own uncompressed bytes.");
Console.WriteLine();
Console.WriteLine($"{"operation",-30} {"codec",-10} {"file",10} {"ms",9} {"median ms",10} {"records/s",13} {"MB/s",9} {"vs STJ",8}");
Console.WriteLine(new string('-', 106));
foreach ((string operation, string codecName, (TimeSpan fastest, TimeSpan median), long bytes, string size) in rows)
{
    double recordsPerSecond = count / fastest.TotalSeconds;
    TimeSpan reference = operation.StartsWith("decode", StringComparison.Ordinal) || operation.EndsWith("deserialize", StringComparison.Ordinal)
        ? jsonDecode.Fastest
        : jsonEncode.Fastest;
    string ratio = operation.StartsWith("memcpy", StringComparison.Ordinal) ? "-" : $"{reference.TotalSeconds / fastest.TotalSeconds:F2}x";
    Console.WriteLine(
        $"{operation,-30} {codecName,-10} {size,10} {fastest.TotalMilliseconds,9:F1} {median.TotalMilliseconds,10:F1} {recordsPerSecond,13:N0} {bytes / 1e6 / fastest.TotalSeconds,9:F0} {ratio,8}");
}

static void Check(bool condition)
{
    if (!condition)
    {
        throw new InvalidOperationException("benchmark result check failed");
    }
}
