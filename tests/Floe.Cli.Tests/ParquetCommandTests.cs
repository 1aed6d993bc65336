using System.Text.Json;

namespace Floe.Cli.Tests;

public sealed class ParquetCommandTests
{
    private static string TestFile(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    private static readonly string Types = TestFile("duckdb_types.parquet");

    [Fact]
    public async Task Schema_prints_the_tree_with_repetition_types_and_annotations()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync("parquet", "schema", Types);

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        Assert.StartsWith("message duckdb_schema {", output, StringComparison.Ordinal);
        Assert.Contains("  optional int64 id (INT_64);", output);
        Assert.Contains("  optional fixed_len_byte_array(16) dec38 (DECIMAL(38,10));", output);
        Assert.Contains("  optional int64 ts_ns (TIMESTAMP(NANOS,false));", output);
        Assert.Contains("  optional fixed_len_byte_array(16) u (UUID);", output);
        Assert.Contains("  optional group m (MAP) {\n    repeated group key_value {\n      required binary key (UTF8);", output);
        Assert.EndsWith("}\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Meta_prints_the_footer_and_every_column_chunk_with_typed_statistics()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("parquet", "meta", Types);

        Assert.Equal(0, exitCode);
        Assert.Contains("created_by", output);
        Assert.Contains("DuckDB", output);
        string idLine = output.Split('\n').Single(line => line.StartsWith("0         | id ", StringComparison.Ordinal));
        Assert.Contains("INT64", idLine);
        Assert.Contains("SNAPPY", idLine);
        Assert.Matches(@"\| 0 +\| 39$", idLine.TrimEnd());
    }

    [Fact]
    public async Task Meta_jsonl_gives_the_file_then_one_object_per_chunk()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("parquet", "meta", Types, "--format", "jsonl");

        Assert.Equal(0, exitCode);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using JsonDocument file = JsonDocument.Parse(lines[0]);
        Assert.Equal("40", file.RootElement.GetProperty("rows").GetString());
        Assert.Equal("1", file.RootElement.GetProperty("row_groups").GetString());
        var chunks = lines.Skip(1).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(37, chunks.Count);
        JsonElement ts = chunks.Single(c => c.GetProperty("path").GetString() == "ts");
        Assert.Equal("1965-03-04T05:06:07.123456", ts.GetProperty("min").GetString());
        JsonElement tstz = chunks.Single(c => c.GetProperty("path").GetString() == "tstz");
        Assert.EndsWith("Z", tstz.GetProperty("max").GetString(), StringComparison.Ordinal);
        JsonElement dec = chunks.Single(c => c.GetProperty("path").GetString() == "dec4");
        Assert.Equal("-99.00", dec.GetProperty("min").GetString());
        Assert.Contains(chunks, c => c.GetProperty("path").GetString() == "m.key_value.key");
    }

    [Fact]
    public async Task Cat_jsonl_formats_values_by_type()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(
            "parquet", "cat", Types, "--columns", "id,ts,tstz,ts_ms,ts_ns,dt,tm,dec4,bl,u,st,li,m", "--limit", "2", "--format", "jsonl");

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using JsonDocument second = JsonDocument.Parse(lines[1]);
        JsonElement row = second.RootElement;
        Assert.Equal(["id", "ts", "tstz", "ts_ms", "ts_ns", "dt", "tm", "dec4", "bl", "u", "st", "li", "m"], row.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, row.GetProperty("id").GetInt64());
        Assert.Equal("1965-03-04T05:07:33.523455", row.GetProperty("ts").GetString());
        Assert.Equal("2020-01-01T01:00:00.000001Z", row.GetProperty("tstz").GetString());
        Assert.Equal("2001-02-03T04:05:07.001", row.GetProperty("ts_ms").GetString());
        Assert.Equal("2001-02-03T04:05:06.999000001", row.GetProperty("ts_ns").GetString());
        Assert.Equal("1969-12-14", row.GetProperty("dt").GetString());
        Assert.Equal("00:00:07.777777", row.GetProperty("tm").GetString());
        Assert.Equal("-98.99", row.GetProperty("dec4").GetString());
        Assert.Equal("0100ff41", row.GetProperty("bl").GetString());
        Assert.Equal("c4ca4238-a0b9-2382-0dcc-509a6f75849b", row.GetProperty("u").GetString());
        Assert.Equal("""{"a":1,"b":"s1"}""", row.GetProperty("st").GetRawText());
        Assert.Equal(JsonValueKind.Array, row.GetProperty("li").ValueKind);
        Assert.Equal("""{"k1":1}""", row.GetProperty("m").GetRawText());
    }

    [Fact]
    public async Task Cat_table_prints_a_header_and_nested_values_as_json()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("parquet", "cat", TestFile("duckdb_types_v2.parquet"), "--columns", "id,s,ls", "--limit", "3");

        Assert.Equal(0, exitCode);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("id | s", lines[0], StringComparison.Ordinal);
        Assert.Contains("""[{"x":1,"y":"y1"}]""", lines[3]);
        Assert.EndsWith("| null", lines[4].TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cat_without_limit_prints_every_row()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("parquet", "cat", Types, "--columns", "id", "--format", "jsonl");

        Assert.Equal(0, exitCode);
        Assert.Equal(40, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Errors_are_one_line_with_exit_code_1()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("parquet", "cat", Types, "--columns", "nope");
        Assert.Equal(1, exitCode);
        Assert.StartsWith("floe: error: ", error, StringComparison.Ordinal);
        Assert.Contains("no column 'nope'", error);

        var (missingCode, _, missingError) = await CliRunner.RunAsync("parquet", "meta", TestFile("missing.parquet"));
        Assert.Equal(1, missingCode);
        Assert.Contains("does not exist", missingError);

        string notParquet = Path.Combine(Path.GetTempPath(), $"floe-{Guid.NewGuid():N}.parquet");
        await File.WriteAllTextAsync(notParquet, "this is not a parquet file at all", TestContext.Current.CancellationToken);
        try
        {
            var (badCode, _, badError) = await CliRunner.RunAsync("parquet", "schema", notParquet);
            Assert.Equal(1, badCode);
            Assert.Contains("magic", badError);
            Assert.Single(badError.Trim().Split('\n'));
        }
        finally
        {
            File.Delete(notParquet);
        }
    }
}
