using Floe.Common.Columnar;
using Floe.Parquet.Compression;
using Floe.Parquet.Writing;

namespace Floe.Cli.Tests;

/// <summary>Input whose text is not UTF-8, or whose numbers overflow, is refused by line and column and commits nothing.</summary>
public sealed class InvalidInputTextTests : IDisposable
{
    private readonly string _warehouse = Path.Combine(Path.GetTempPath(), "floe-cli-text-" + Guid.NewGuid().ToString("N"));

    public InvalidInputTextTests() => Directory.CreateDirectory(_warehouse);

    public void Dispose() => Directory.Delete(_warehouse, recursive: true);

    private Task<(int ExitCode, string Output, string Error)> Run(params string[] args) =>
        CliRunner.RunAsync([.. args, "--warehouse", _warehouse]);

    private string WriteInput(string name, byte[] bytes)
    {
        string path = Path.Combine(_warehouse, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Bytes(string before, byte[] bad, string after) =>
        [.. System.Text.Encoding.UTF8.GetBytes(before), .. bad, .. System.Text.Encoding.UTF8.GetBytes(after)];

    private static string NameOf(string jsonLine)
    {
        using var row = System.Text.Json.JsonDocument.Parse(jsonLine);
        return row.RootElement.GetProperty("name").GetString()!;
    }

    private async Task AssertNothingCommittedAsync(string table, string dataDirectory)
    {
        var scan = await Run("table", "scan", table, "--format", "jsonl");
        Assert.True(scan.ExitCode == 0, scan.Error);
        Assert.Empty(scan.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        string data = Path.Combine(_warehouse, "db", dataDirectory);
        Assert.False(Directory.Exists(data) && Directory.EnumerateFiles(data, "*.parquet", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task Append_refuses_csv_and_json_lines_with_invalid_utf8_naming_line_and_column()
    {
        Assert.Equal(0, (await Run("table", "create", "db.events", "--schema", "id long not null, name string, score double")).ExitCode);

        string badCsv = WriteInput("bad.csv", Bytes("id,name\n1,ok\n2,caf", [0xE9], "\n"));
        var csv = await Run("table", "append", "db.events", badCsv);
        Assert.Equal(1, csv.ExitCode);
        Assert.Equal($"floe: error: Input file '{badCsv}': line 3, column 'name': the value is not valid UTF-8 (byte 0xE9 at offset 3).", csv.Error.Trim());

        var quoted = await Run("table", "append", "db.events", WriteInput("quoted.csv", Bytes("id,name\n1,\"two\nlines ", [0xC3], "\"\n")));
        Assert.Contains("line 2, column 'name': the value is not valid UTF-8 (byte 0xC3 at offset 10)", quoted.Error, StringComparison.Ordinal);

        var header = await Run("table", "append", "db.events", WriteInput("header.csv", Bytes("id,n", [0xFF], "\n1,a\n")));
        Assert.Contains("line 1: header field 2 is not valid UTF-8 (byte 0xFF at offset 1)", header.Error, StringComparison.Ordinal);

        string badJson = WriteInput("bad.jsonl", Bytes("{\"id\": 1, \"name\": \"a\"}\n{\"id\": 2, \"name\": \"b", [0xFF, 0xFE], "\"}\n"));
        var json = await Run("table", "append", "db.events", badJson);
        Assert.Equal(1, json.ExitCode);
        Assert.Equal($"floe: error: Input file '{badJson}': line 2, column 'name': the value is not valid UTF-8 (byte 0xFF at offset 1).", json.Error.Trim());

        var outside = await Run("table", "append", "db.events", WriteInput("outside.jsonl", Bytes("{\"id\": 1", [0xFF], "}\n")));
        Assert.Contains("line 1: the line is not valid UTF-8 outside any string value (byte 0xFF at offset 8)", outside.Error, StringComparison.Ordinal);

        await AssertNothingCommittedAsync("db.events", Path.Combine("events", "data"));
    }

    [Fact]
    public async Task Valid_multibyte_text_and_a_byte_order_mark_append_unchanged()
    {
        Assert.Equal(0, (await Run("table", "create", "db.events", "--schema", "id long not null, name string")).ExitCode);

        var csv = await Run("table", "append", "db.events", WriteInput("ok.csv", Bytes("\uFEFFid,name\r\n1,café 😀\r\n2,\uFFFD\r\n", [], string.Empty)));
        Assert.True(csv.ExitCode == 0, csv.Error);

        var scan = await Run("table", "scan", "db.events", "--format", "jsonl");
        string[] names = [.. scan.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(NameOf).Order(StringComparer.Ordinal)];
        Assert.Equal(["café 😀", "\uFFFD"], names);
    }

    [Fact]
    public async Task Upsert_refuses_invalid_utf8_and_commits_nothing()
    {
        Assert.Equal(0, (await Run("table", "create", "db.users", "--schema", "id long not null, name string", "--primary-key", "id")).ExitCode);

        var upsert = await Run("table", "upsert", "db.users", WriteInput("bad.csv", Bytes("id,name\n1,", [0x80], "\n")));

        Assert.Equal(1, upsert.ExitCode);
        Assert.Contains("line 2, column 'name': the value is not valid UTF-8 (byte 0x80 at offset 0)", upsert.Error, StringComparison.Ordinal);
        await AssertNothingCommittedAsync("db.users", Path.Combine("users", "change"));
    }

    [Fact]
    public async Task Numbers_beyond_a_floating_types_range_are_refused_but_spelled_out_infinity_is_kept()
    {
        Assert.Equal(0, (await Run("table", "create", "db.m", "--schema", "id int not null, d double, f float")).ExitCode);

        var csvDouble = await Run("table", "append", "db.m", WriteInput("d.csv", Bytes("id,d\n1,1e400\n", [], string.Empty)));
        Assert.Contains("line 2, column 'd': '1e400' is out of range for double.", csvDouble.Error, StringComparison.Ordinal);

        var jsonFloat = await Run("table", "append", "db.m", WriteInput("f.jsonl", Bytes("{\"id\": 1, \"f\": -1e39}\n", [], string.Empty)));
        Assert.Contains("line 1, column 'f': '-1e39' is out of range for float.", jsonFloat.Error, StringComparison.Ordinal);

        var jsonDouble = await Run("table", "append", "db.m", WriteInput("d.jsonl", Bytes("{\"id\": 1, \"d\": 2e308}\n", [], string.Empty)));
        Assert.Contains("line 1, column 'd': '2e308' is out of range for double.", jsonDouble.Error, StringComparison.Ordinal);

        var intOverflow = await Run("table", "append", "db.m", WriteInput("i.csv", Bytes("id\n2147483648\n", [], string.Empty)));
        Assert.Contains("line 2, column 'id': '2147483648' is not a valid int value.", intOverflow.Error, StringComparison.Ordinal);
        await AssertNothingCommittedAsync("db.m", Path.Combine("m", "data"));

        var spelled = await Run("table", "append", "db.m", WriteInput("ok.csv", Bytes("id,d,f\n1,Infinity,-Infinity\n2,NaN,3.4e38\n", [], string.Empty)));
        Assert.True(spelled.ExitCode == 0, spelled.Error);
        var scan = await Run("table", "scan", "db.m", "--format", "jsonl");
        Assert.Contains("Infinity", scan.Output, StringComparison.Ordinal);
        Assert.Equal(2, scan.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Parquet_input_with_invalid_utf8_in_a_string_column_is_refused_by_append_and_cat()
    {
        Assert.Equal(0, (await Run("table", "create", "db.events", "--schema", "id long not null, name string")).ExitCode);
        string path = Path.Combine(_warehouse, "bad.parquet");
        WriteParquetWithInvalidName(path);

        var append = await Run("table", "append", "db.events", path);
        Assert.Equal(1, append.ExitCode);
        Assert.Contains("Column 'name', row group 0", append.Error, StringComparison.Ordinal);
        Assert.Contains("value 1 of the page is not valid UTF-8 (byte 0xFF at offset 2)", append.Error, StringComparison.Ordinal);
        await AssertNothingCommittedAsync("db.events", Path.Combine("events", "data"));

        var cat = await CliRunner.RunAsync("parquet", "cat", path);
        Assert.Equal(1, cat.ExitCode);
        Assert.Contains("not valid UTF-8", cat.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("\uFFFD", cat.Output, StringComparison.Ordinal);
    }

    // Floe's writer refuses invalid strings, so a valid placeholder is written (plain, uncompressed, no statistics,
    // no page checksum that would catch the change) and its bytes are overwritten in the file.
    private static void WriteParquetWithInvalidName(string path)
    {
        ColumnField[] fields = [new("id", ColumnType.Int64, Nullable: false, FieldId: 1), new("name", ColumnType.String, FieldId: 2)];
        using (var batch = ColumnBatch.Create(fields))
        {
            ((PrimitiveVector<long>)batch.Column(0)).AppendRange([1, 2]);
            ((BinaryVector)batch.Column(1)).Append("ok");
            ((BinaryVector)batch.Column(1)).Append("ab#PLACEHOLDER#");
            var options = new ParquetWriterOptions { Codec = CompressionCodec.Uncompressed, EnableDictionary = false, WriteStatistics = false, WritePageChecksums = false };
            using ParquetFileWriter writer = ParquetFileWriter.Create(path, fields, options);
            writer.WriteBatch(batch);
            writer.Close();
        }

        byte[] file = File.ReadAllBytes(path);
        int at = file.AsSpan().IndexOf("#PLACEHOLDER#"u8);
        Assert.True(at > 0);
        file[at] = 0xFF;
        File.WriteAllBytes(path, file);
    }
}
