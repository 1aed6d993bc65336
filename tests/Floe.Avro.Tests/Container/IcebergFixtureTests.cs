using Floe.Avro.Container;
using Floe.Avro.Generic;
using Floe.Avro.Schemas;
using Floe.TestKit;

namespace Floe.Avro.Tests.Container;

/// <summary>Manifests and manifest lists written by Spark, the Iceberg Java library and Athena.</summary>
public sealed class IcebergFixtureTests
{
    private static string FixtureRoot() => SharedFixtures.Iceberg;

    public static TheoryData<string> AvroFiles()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(FixtureRoot(), "*.avro", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(FixtureRoot(), file));
        }

        return data;
    }

    [Fact]
    public void Fixtures_are_present()
    {
        Assert.True(AvroFiles().Count >= 10, "expected the Iceberg fixture tables beside the repository");
    }

    [Theory]
    [MemberData(nameof(AvroFiles))]
    public async Task Iceberg_avro_file_reads_and_its_schema_json_round_trips_exactly(string relativePath)
    {
        string path = Path.Combine(FixtureRoot(), relativePath);
        await using AvroContainerReader reader = await AvroContainerReader.OpenAsync(File.OpenRead(path), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(reader.Header.SchemaJson, reader.Schema.ToJson());
        var records = new List<object?>();
        await foreach (object? record in reader.ReadGenericAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            records.Add(record);
        }

        Assert.NotEmpty(records);
        var root = (RecordSchema)reader.Schema;
        Assert.Contains(root.FullName, new[] { "manifest_entry", "manifest_file" });
        Assert.All(root.Fields, f => Assert.NotNull(f.FieldId));
        var first = (AvroRecord)records[0]!;
        if (root.FullName == "manifest_entry")
        {
            Assert.InRange((int)first["status"]!, 0, 2);
            var dataFile = (AvroRecord)first["data_file"]!;
            Assert.EndsWith(".parquet", (string)dataFile["file_path"]!, StringComparison.Ordinal);
            Assert.True((long)dataFile["record_count"]! > 0);
            Assert.NotNull(reader.Header.GetMetadataString("schema"));
            Assert.NotNull(reader.Header.GetMetadataString("partition-spec"));
        }
        else
        {
            Assert.EndsWith(".avro", (string)first["manifest_path"]!, StringComparison.Ordinal);
        }

        // Re-writing with Floe and reading back gives the same records and the same schema text.
        byte[] rewritten = AvroContainer.WriteToArray(reader.Schema, records, reader.Header.Codec);
        using AvroContainerReader again = AvroContainerReader.Open(new MemoryStream(rewritten));
        Assert.Equal(reader.Header.SchemaJson, again.Header.SchemaJson);
        Assert.Equal(records, again.ReadGeneric().ToList(), new DatumComparer());
    }

    [Fact]
    public void Manifests_read_with_a_projection_matched_by_field_id()
    {
        // Names differ from Java's on purpose: only the field ids connect the reader to the writer.
        AvroSchema projection = AvroSchema.Parse("""
            {"type":"record","name":"entry","fields":[
              {"name":"state","type":"int","field-id":0},
              {"name":"snapshot","type":["null","long"],"default":null,"field-id":1},
              {"name":"file","type":{"type":"record","name":"file","fields":[
                {"name":"path","type":"string","field-id":100},
                {"name":"rows","type":"long","field-id":103},
                {"name":"spec_id","type":["null","int"],"default":null,"field-id":141}]},"field-id":2}]}
            """);
        int manifests = 0;
        foreach (string file in Directory.EnumerateFiles(FixtureRoot(), "*-m*.avro", SearchOption.AllDirectories))
        {
            byte[] bytes = File.ReadAllBytes(file);
            List<object?> full = AvroContainer.ReadAll(bytes);
            List<object?> projected = AvroContainer.ReadAll(bytes, projection);

            Assert.Equal(full.Count, projected.Count);
            for (int i = 0; i < full.Count; i++)
            {
                var expected = (AvroRecord)full[i]!;
                var expectedFile = (AvroRecord)expected["data_file"]!;
                var actual = (AvroRecord)projected[i]!;
                var actualFile = (AvroRecord)actual["file"]!;
                Assert.Equal(expected["status"], actual["state"]);
                Assert.Equal(expected["snapshot_id"], actual["snapshot"]);
                Assert.Equal(expectedFile["file_path"], actualFile["path"]);
                Assert.Equal(expectedFile["record_count"], actualFile["rows"]);
                Assert.Null(actualFile["spec_id"]);
            }

            manifests++;
        }

        Assert.True(manifests >= 5, $"expected several manifests, found {manifests}");
    }

    private sealed class DatumComparer : IEqualityComparer<object?>
    {
        public new bool Equals(object? x, object? y) => AvroDatum.ValuesEqual(x, y);

        public int GetHashCode(object? obj) => 0;
    }
}
