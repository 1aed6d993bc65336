using System.Text;
using System.Text.Json;
using Floe.Avro.Codecs;
using Floe.Avro.Container;
using Floe.Avro.Generic;
using Floe.Avro.Schemas;
using Floe.TestKit;

namespace Floe.Cli.Tests;

public sealed class AvroCommandTests : IDisposable
{
    private const string SchemaJson =
        """{"type":"record","name":"manifest_entry","fields":[{"name":"status","type":"int","field-id":0},{"name":"snapshot_id","type":["null","long"],"default":null,"field-id":1},{"name":"file_path","type":"string","field-id":100},{"name":"lower","type":"bytes","field-id":125},{"name":"day","type":["null",{"type":"int","logicalType":"date"}],"default":null,"field-id":1000}]}""";

    private readonly string _directory = Directory.CreateTempSubdirectory("floe-avro-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteFile(int records, string name = "m.avro")
    {
        var schema = (RecordSchema)AvroSchema.Parse(SchemaJson);
        string path = Path.Combine(_directory, name);
        using var writer = new AvroContainerWriter(File.Create(path), schema, new AvroContainerWriterOptions
        {
            Codec = AvroCodecs.Deflate,
            BlockSize = 64,
            Metadata = [new("format-version", Encoding.UTF8.GetBytes("2")), new("content", Encoding.UTF8.GetBytes("data"))],
        });
        for (int i = 0; i < records; i++)
        {
            writer.Append(new AvroRecord(schema, [1, i % 2 == 0 ? 100L + i : null, $"s3://b/t/data/f{i}.parquet", new byte[] { 1, 0, 0, 0 }, 19_000 + i]));
        }

        return path;
    }

    [Fact]
    public async Task Schema_prints_indented_writer_schema_with_field_ids()
    {
        string path = WriteFile(1);

        var (exitCode, output, error) = await CliRunner.RunAsync("avro", "schema", path);

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        Assert.Contains("\n", output.Trim());
        Assert.Contains("\"field-id\": 1000", output);
        Assert.Equal(SchemaJson, AvroSchema.Parse(output).ToJson());
    }

    [Fact]
    public async Task Cat_jsonl_prints_one_record_per_line_with_readable_logical_types()
    {
        string path = WriteFile(5);

        var (exitCode, output, _) = await CliRunner.RunAsync("avro", "cat", path, "--format", "jsonl");

        Assert.Equal(0, exitCode);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        using JsonDocument first = JsonDocument.Parse(lines[0]);
        Assert.Equal(1, first.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(100, first.RootElement.GetProperty("snapshot_id").GetInt64());
        Assert.Equal("s3://b/t/data/f0.parquet", first.RootElement.GetProperty("file_path").GetString());
        Assert.Equal("\u0001\u0000\u0000\u0000", first.RootElement.GetProperty("lower").GetString());
        Assert.Equal("2022-01-08", first.RootElement.GetProperty("day").GetString());
        using JsonDocument second = JsonDocument.Parse(lines[1]);
        Assert.Equal(JsonValueKind.Null, second.RootElement.GetProperty("snapshot_id").ValueKind);
    }

    [Fact]
    public async Task Cat_table_has_top_level_fields_as_columns_and_honours_limit()
    {
        string path = WriteFile(10);

        var (exitCode, output, _) = await CliRunner.RunAsync("avro", "cat", path, "--limit", "3");

        Assert.Equal(0, exitCode);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Matches(@"^status\s+\| snapshot_id\s+\| file_path\s+\| lower\s+\| day$", lines[0].TrimEnd());
        Assert.Contains("s3://b/t/data/f2.parquet", lines[4]);
        Assert.DoesNotContain("f3.parquet", output);
    }

    [Fact]
    public async Task Meta_prints_codec_counts_and_user_metadata()
    {
        string path = WriteFile(20);

        var (exitCode, output, _) = await CliRunner.RunAsync("avro", "meta", path, "--format", "jsonl");

        Assert.Equal(0, exitCode);
        using JsonDocument meta = JsonDocument.Parse(output);
        Assert.Equal("deflate", meta.RootElement.GetProperty("codec").GetString());
        Assert.Equal("20", meta.RootElement.GetProperty("records").GetString());
        Assert.True(int.Parse(meta.RootElement.GetProperty("blocks").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 1);
        Assert.Equal("2", meta.RootElement.GetProperty("meta.format-version").GetString());
        Assert.Equal("manifest_entry", meta.RootElement.GetProperty("schema").GetString());
    }

    [Fact]
    public async Task Cat_real_iceberg_manifest_list_prints_its_manifests()
    {
        string metadata = Path.Combine(SharedFixtures.Iceberg, "spark", "bunnies", "metadata");
        string manifestList = Directory.GetFiles(metadata, "snap-*.avro").Order(StringComparer.Ordinal).First();

        var (exitCode, output, _) = await CliRunner.RunAsync("avro", "cat", manifestList, "--format", "jsonl");
        var (tableExit, table, _) = await CliRunner.RunAsync("avro", "cat", manifestList);

        Assert.Equal(0, exitCode);
        Assert.Equal(0, tableExit);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        foreach (string line in lines)
        {
            using JsonDocument row = JsonDocument.Parse(line);
            Assert.EndsWith(".avro", row.RootElement.GetProperty("manifest_path").GetString(), StringComparison.Ordinal);
        }

        Assert.StartsWith("manifest_path", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Corrupt_file_fails_with_exit_code_one_and_one_line_error()
    {
        string path = WriteFile(20);
        byte[] bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);

        var (exitCode, _, error) = await CliRunner.RunAsync("avro", "cat", path, "--format", "jsonl");

        Assert.Equal(1, exitCode);
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith($"floe: error: Avro file '{path}': block ", lines[0]);
        Assert.Contains("bad sync marker", lines[0]);
    }

    [Fact]
    public async Task Not_avro_fails_with_exit_code_one()
    {
        string path = Path.Combine(_directory, "not.avro");
        await File.WriteAllTextAsync(path, "hello, world", TestContext.Current.CancellationToken);

        var (exitCode, _, error) = await CliRunner.RunAsync("avro", "schema", path);

        Assert.Equal(1, exitCode);
        Assert.Contains("not an Avro container file", error);
    }

    [Fact]
    public async Task Missing_file_fails_with_exit_code_one()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("avro", "meta", Path.Combine(_directory, "absent.avro"));

        Assert.Equal(1, exitCode);
        Assert.StartsWith("floe: error:", error);
    }
}
