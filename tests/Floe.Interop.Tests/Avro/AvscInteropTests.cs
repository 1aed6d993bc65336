using Floe.Avro.Schemas;
using Floe.TestKit;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using Floe.Avro.Codecs;
using Floe.Avro.Container;
using Floe.Avro.Generic;

namespace Floe.Interop.Tests.Avro;

/// <summary>Avro container files written by avsc (Node.js) read by Floe, and files Floe writes read by avsc.</summary>
public sealed class AvscInteropTests : IDisposable
{
    private static readonly string SchemaPath = Path.Combine(NodeRunner.ScriptDirectory, "..", "Avro", "every-type.avsc");
    private static readonly string ProjectionPath = Path.Combine(NodeRunner.ScriptDirectory, "..", "Avro", "every-type-projection.avsc");
    private readonly string _directory = Directory.CreateTempSubdirectory("floe-avro-interop-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <remarks>avsc gets snappy from node/avro-snappy.mjs, whose compressor writes literals only.</remarks>
    [Theory]
    [InlineData("null")]
    [InlineData("deflate")]
    [InlineData("snappy")]
    public async Task File_written_by_avsc_reads_in_floe_with_the_same_values(string codec)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string path = Path.Combine(_directory, $"avsc-{codec}.avro");
        string written = await NodeRunner.RunAsync("avro-write.mjs", [SchemaPath, path, codec], ct);
        var expected = JsonNode.Parse(written)!.AsArray();

        await using AvroContainerReader reader = await AvroContainerReader.OpenAsync(File.OpenRead(path), cancellationToken: ct);
        var actual = new List<JsonNode?>();
        await foreach (object? record in reader.ReadGenericAsync(cancellationToken: ct))
        {
            actual.Add(AvroCanonicalJson.From(record));
        }

        Assert.Equal(codec, reader.Header.Codec.Name);
        Assert.Equal("written by avsc", reader.Header.GetMetadataString("floe.test"));
        Assert.True(reader.BlocksRead > 1, "avsc was asked for small blocks");
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < actual.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(expected[i], actual[i]), $"record {i}\navsc: {expected[i]?.ToJsonString()}\nfloe: {actual[i]?.ToJsonString()}");
        }

        // avsc's own schema JSON parses to the same types as the source schema.
        var source = (RecordSchema)AvroSchema.Parse(File.ReadAllText(SchemaPath));
        Assert.Equal(source.Fields.Select(f => f.Schema.DisplayName), ((RecordSchema)reader.Schema).Fields.Select(f => f.Schema.DisplayName));
    }

    /// <remarks>For snappy, avsc decodes Floe's blocks with node/avro-snappy.mjs and checks the CRC with zlib's.</remarks>
    [Theory]
    [InlineData("null")]
    [InlineData("deflate")]
    [InlineData("snappy")]
    public async Task File_written_by_floe_reads_in_avsc_with_the_same_values(string codec)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var schema = (RecordSchema)AvroSchema.Parse(File.ReadAllText(SchemaPath));
        List<object?> records = [.. Enumerable.Range(1, 60).Select(k => (object?)Record(schema, k))];
        string path = Path.Combine(_directory, $"floe-{codec}.avro");
        await using (var writer = new AvroContainerWriter(File.Create(path), schema, new AvroContainerWriterOptions
        {
            Codec = AvroCodecs.Get(codec),
            BlockSize = 2048,
            Metadata = [new("format-version", Encoding.UTF8.GetBytes("2")), new("partition-spec", Encoding.UTF8.GetBytes("[]"))],
        }))
        {
            foreach (object? record in records)
            {
                await writer.AppendAsync(record, ct);
            }
        }

        string output = await NodeRunner.RunAsync("avro-read.mjs", [path], ct);

        JsonNode result = JsonNode.Parse(output)!;
        Assert.Equal(codec, (string?)result["codec"]);
        Assert.Equal("2", (string?)result["metadata"]!["format-version"]);
        JsonArray read = result["records"]!.AsArray();
        Assert.Equal(records.Count, read.Count);
        for (int i = 0; i < records.Count; i++)
        {
            JsonNode? expected = AvroCanonicalJson.From(records[i]);
            Assert.True(JsonNode.DeepEquals(expected, read[i]), $"record {i}\nfloe: {expected?.ToJsonString()}\navsc: {read[i]?.ToJsonString()}");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Schema_resolution_gives_the_same_records_as_avsc(bool writtenByAvsc)
    {
        // Dropped fields, int/long/float promotions, string to bytes, a reordered enum, a widened union,
        // a narrowed nested record and added fields with defaults.
        CancellationToken ct = TestContext.Current.CancellationToken;
        string path = Path.Combine(_directory, "resolution.avro");
        if (writtenByAvsc)
        {
            await NodeRunner.RunAsync("avro-write.mjs", [SchemaPath, path, "deflate"], ct);
        }
        else
        {
            var schema = (RecordSchema)AvroSchema.Parse(File.ReadAllText(SchemaPath));
            await File.WriteAllBytesAsync(path, AvroContainer.WriteToArray(schema, Enumerable.Range(1, 30).Select(k => (object?)Record(schema, k)), AvroCodecs.Deflate), ct);
        }

        JsonArray expected = JsonNode.Parse(await NodeRunner.RunAsync("avro-read.mjs", [path, ProjectionPath], ct))!["records"]!.AsArray();
        List<object?> actual = AvroContainer.ReadAll(await File.ReadAllBytesAsync(path, ct), AvroSchema.Parse(File.ReadAllText(ProjectionPath)));

        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < actual.Count; i++)
        {
            JsonNode? floe = AvroCanonicalJson.From(actual[i]);
            Assert.True(JsonNode.DeepEquals(expected[i], floe), $"record {i}\navsc: {expected[i]?.ToJsonString()}\nfloe: {floe?.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Iceberg_manifest_schema_written_by_floe_reads_in_avsc()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var schema = (RecordSchema)AvroSchema.Parse(
            """{"type":"record","name":"manifest_entry","fields":[{"name":"status","type":"int","field-id":0},{"name":"snapshot_id","type":["null","long"],"default":null,"field-id":1},{"name":"data_file","type":{"type":"record","name":"r2","fields":[{"name":"file_path","type":"string","field-id":100},{"name":"column_sizes","type":["null",{"type":"array","items":{"type":"record","name":"k117_v118","fields":[{"name":"key","type":"int","field-id":117},{"name":"value","type":"long","field-id":118}]},"logicalType":"map"}],"default":null,"field-id":108}]},"field-id":2}]}""");
        var dataFile = (RecordSchema)schema.GetField("data_file")!.Schema;
        var kv = (RecordSchema)((ArraySchema)((UnionSchema)dataFile.GetField("column_sizes")!.Schema).NullableOf!).Items;
        var entry = new AvroRecord(schema, [1, 42L, new AvroRecord(dataFile, ["s3://b/t/data/x.parquet", new List<object?> { new AvroRecord(kv, [1, 10L]) }])]);
        string path = Path.Combine(_directory, "manifest.avro");
        await File.WriteAllBytesAsync(path, AvroContainer.WriteToArray(schema, [entry], AvroCodecs.Deflate), ct);

        JsonNode result = JsonNode.Parse(await NodeRunner.RunAsync("avro-read.mjs", [path], ct))!;

        Assert.Equal(
            """[{"status":1,"snapshot_id":42,"data_file":{"file_path":"s3://b/t/data/x.parquet","column_sizes":[{"key":1,"value":10}]}}]""",
            result["records"]!.ToJsonString());
        Assert.Equal(schema.ToJson(), (string?)result["metadata"]!["avro.schema"]);
    }

    private static AvroRecord Record(RecordSchema schema, int k)
    {
        RecordSchema Named(string field) => (RecordSchema)schema.GetField(field)!.Schema;
        var inner = Named("inner");
        var color = (EnumSchema)schema.GetField("color")!.Schema;
        var md5 = (FixedSchema)schema.GetField("md5")!.Schema;
        var dec16 = (FixedSchema)schema.GetField("decf")!.Schema;
        var kv = (RecordSchema)((ArraySchema)schema.GetField("kv")!.Schema).Items;
        var record = new AvroRecord(schema);
        record["n"] = null;
        record["b"] = k % 3 == 0;
        record["i"] = k % 5 == 0 ? int.MinValue : 7919 * k;
        // avsc decodes longs through doubles: zig-zag values beyond 2^53 lose precision there, so stay within 2^51.
        record["l"] = k % 7 == 0 ? -(1L << 51) + 1 : -987654321L * k;
        record["f"] = k / 4f;
        record["d"] = Math.E * k * (k % 2 == 0 ? 1 : -1);
        record["by"] = Enumerable.Range(0, k % 9).Select(x => (byte)(x * 37 + k)).ToArray();
        record["s"] = $"floe {k} 😀 ü " + new string('z', k % 11);
        record["color"] = new AvroEnumValue(color, k % 3);
        record["md5"] = new AvroFixed(md5, Enumerable.Range(0, 16).Select(x => (byte)(x ^ k)).ToArray());
        record["tags"] = Enumerable.Range(0, k % 3).Select(x => (object?)$"tag{x}").ToList();
        record["counts"] = Enumerable.Range(0, k % 4).ToDictionary(x => $"key{x}", x => (object?)(long)(x - k));
        record["opt"] = k % 2 == 0 ? null : $"o{k}";
        record["choice"] = (k % 3) switch { 0 => null, 1 => (object)(k * 0.5), _ => new AvroEnumValue(color, 2) };
        record["inner"] = new AvroRecord(inner, [k, k % 2 == 0 ? new AvroRecord(inner, [k * 10, null]) : null]);
        record["dec"] = AvroLogicalValues.DecimalToBytes(k * -1.25m, 2);
        record["decf"] = new AvroFixed(dec16, AvroLogicalValues.DecimalToFixed(new BigInteger(k) * 1_000_000_007, 16));
        record["uuid"] = Guid.Parse($"00000000-0000-4000-8000-{k:D12}").ToString();
        record["date"] = -k * 100;
        record["tms"] = k * 1000;
        record["tus"] = k * 1_000_000L;
        record["tsms"] = 1_600_000_000_000L + k;
        record["tsus"] = 1_600_000_000_000_000L + k;
        record["lts"] = -k;
        record["kv"] = Enumerable.Range(0, k % 3).Select(x => (object?)new AvroRecord(kv, [x, (long)x * k])).ToList();
        record["nested"] = new Dictionary<string, object?> { ["m"] = new List<object?> { null, new AvroRecord(inner, [k, null]) } };
        return record;
    }
}
