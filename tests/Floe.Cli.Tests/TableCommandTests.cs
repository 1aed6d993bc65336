namespace Floe.Cli.Tests;

public sealed class TableCommandTests : IDisposable
{
    private readonly string _warehouse = Path.Combine(Path.GetTempPath(), "floe-cli-table-" + Guid.NewGuid().ToString("N"));

    public TableCommandTests() => Directory.CreateDirectory(_warehouse);

    public void Dispose() => Directory.Delete(_warehouse, recursive: true);

    private Task<(int ExitCode, string Output, string Error)> Run(params string[] args) =>
        CliRunner.RunAsync([.. args, "--warehouse", _warehouse]);

    private string WriteInput(string name, string text)
    {
        string path = Path.Combine(_warehouse, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task CreateEventsAsync(params string[] extra)
    {
        var result = await Run(["table", "create", "db.events", "--schema", "id long not null, name string, price decimal(9,2), ts timestamptz", .. extra]);
        Assert.True(result.ExitCode == 0, result.Error);
    }

    private static long CurrentSnapshot(string describe)
    {
        string line = describe.Split('\n').Single(l => l.StartsWith("current snapshot:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Create_then_describe_shows_schema_spec_sort_and_properties()
    {
        await CreateEventsAsync("--partition-by", "bucket(16, id), day(ts)", "--sort-by", "id", "--property", "owner=ops");
        var result = await Run("table", "describe", "db.events");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1: id long not null", result.Output, StringComparison.Ordinal);
        Assert.Contains("3: price decimal(9, 2)", result.Output.Replace("decimal(9,2)", "decimal(9, 2)", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("bucket[16](id)", result.Output, StringComparison.Ordinal);
        Assert.Contains("day(ts)", result.Output, StringComparison.Ordinal);
        Assert.Contains("identity(id) asc nulls first", result.Output, StringComparison.Ordinal);
        Assert.Contains("owner=ops", result.Output, StringComparison.Ordinal);
        Assert.Contains("current snapshot: none", result.Output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_warehouse, "db", "events"), result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Append_scan_snapshots_rollback_round_trip()
    {
        await CreateEventsAsync("--partition-by", "bucket(4, id)");
        string csv = WriteInput("a.csv", "id,name,price,ts\n1,alpha,1.5,2026-01-01T00:00:00Z\n2,\"be,ta\",2.25,2026-01-02 10:00:00+01:00\n3,,,\n");
        var appended = await Run("table", "append", "db.events", csv);
        Assert.True(appended.ExitCode == 0, appended.Error);
        Assert.Contains("appended 3 rows", appended.Output, StringComparison.Ordinal);
        long first = CurrentSnapshot((await Run("table", "describe", "db.events")).Output);

        string jsonl = WriteInput("b.jsonl", "{\"id\": 7, \"name\": \"gamma\", \"price\": \"7.00\", \"ts\": \"2026-02-01T00:00:00Z\"}\n{\"id\": 8, \"name\": null}\n");
        var appendedJson = await Run("table", "append", "db.events", jsonl);
        Assert.True(appendedJson.ExitCode == 0, appendedJson.Error);

        var scan = await Run("table", "scan", "db.events", "--where", "id > 1 and name is not null", "--columns", "id,name,price", "--format", "jsonl");
        Assert.True(scan.ExitCode == 0, scan.Error);
        string[] lines = [.. scan.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
        Assert.Equal(["{\"id\":2,\"name\":\"be,ta\",\"price\":\"2.25\"}", "{\"id\":7,\"name\":\"gamma\",\"price\":\"7.00\"}"], lines);

        var like = await Run("table", "scan", "db.events", "--where", "name like 'al%' or id in (8, 9)", "--columns", "id,ts", "--format", "jsonl");
        Assert.True(like.ExitCode == 0, like.Error);
        string[] likeLines = [.. like.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
        Assert.Equal(["{\"id\":1,\"ts\":\"2026-01-01T00:00:00+00:00\"}", "{\"id\":8,\"ts\":null}"], likeLines);

        var snapshots = await Run("table", "snapshots", "db.events", "--format", "jsonl");
        Assert.Equal(2, snapshots.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("\"total_records\":\"5\"", snapshots.Output, StringComparison.Ordinal);

        var rollback = await Run("table", "rollback", "db.events", "--to", first.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(rollback.ExitCode == 0, rollback.Error);
        var after = await Run("table", "scan", "db.events", "--format", "jsonl");
        Assert.Equal(3, after.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var history = await Run("table", "history", "db.events");
        Assert.Equal(3 + 2, history.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Scan_prints_a_table_with_limit_and_reads_earlier_snapshots()
    {
        await CreateEventsAsync();
        Assert.Equal(0, (await Run("table", "append", "db.events", WriteInput("a.csv", "id,name\n1,a\n2,b\n"))).ExitCode);
        long first = CurrentSnapshot((await Run("table", "describe", "db.events")).Output);
        Assert.Equal(0, (await Run("table", "append", "db.events", WriteInput("b.csv", "id,name\n3,c\n"))).ExitCode);

        var limited = await Run("table", "scan", "db.events", "--limit", "1", "--columns", "id");
        Assert.True(limited.ExitCode == 0, limited.Error);
        Assert.Equal(3, limited.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("id", limited.Output, StringComparison.Ordinal);

        var old = await Run("table", "scan", "db.events", "--snapshot", first.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "jsonl", "--columns", "id");
        Assert.Equal(2, old.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var files = await Run("table", "files", "db.events", "--format", "jsonl");
        Assert.Equal(2, files.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Set_property_and_delete_by_partition()
    {
        await Run("table", "create", "db.parts", "--schema", "id long, region string", "--partition-by", "region");
        Assert.Equal(0, (await Run("table", "append", "db.parts", WriteInput("p.csv", "id,region\n1,eu\n2,us\n3,eu\n"))).ExitCode);
        var set = await Run("table", "set-property", "db.parts", "commit.retry.num-retries=7");
        Assert.True(set.ExitCode == 0, set.Error);
        Assert.Contains("commit.retry.num-retries=7", (await Run("table", "describe", "db.parts")).Output, StringComparison.Ordinal);

        var deleted = await Run("table", "delete", "db.parts", "--where", "region = 'eu'");
        Assert.True(deleted.ExitCode == 0, deleted.Error);
        Assert.Contains("deleted 2 rows", deleted.Output, StringComparison.Ordinal);
        var rest = await Run("table", "scan", "db.parts", "--format", "jsonl");
        Assert.Equal("{\"id\":2,\"region\":\"us\"}", rest.Output.Trim());
    }

    [Theory]
    [InlineData("id long, name strang", "Invalid --schema at position 15: unknown type 'strang'")]
    [InlineData("id long, id int", "column 'id' is defined twice")]
    [InlineData("id", "Invalid --schema at position 3: expected a type for column 'id' but found end of text")]
    public async Task Create_rejects_bad_schemas(string schema, string message)
    {
        var result = await Run("table", "create", "db.bad", "--schema", schema);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(Path.Combine(_warehouse, "db", "bad")));
    }

    [Fact]
    public async Task Bad_rows_commit_nothing()
    {
        await CreateEventsAsync();
        var badCsv = await Run("table", "append", "db.events", WriteInput("bad.csv", "id,name\n1,a\nx2,b\n"));
        Assert.Equal(1, badCsv.ExitCode);
        Assert.Contains("line 3, column 'id': 'x2' is not a valid long value", badCsv.Error, StringComparison.Ordinal);

        var missingRequired = await Run("table", "append", "db.events", WriteInput("bad.jsonl", "{\"name\": \"a\"}\n"));
        Assert.Equal(1, missingRequired.ExitCode);
        Assert.Contains("line 1, column 'id': a value is required", missingRequired.Error, StringComparison.Ordinal);

        var unknownColumn = await Run("table", "append", "db.events", WriteInput("bad2.csv", "id,color\n1,red\n"));
        Assert.Contains("no column 'color'", unknownColumn.Error, StringComparison.Ordinal);

        var decimalScale = await Run("table", "append", "db.events", WriteInput("bad3.csv", "id,price\n1,1.234\n"));
        Assert.Contains("'1.234' is not a valid decimal(9, 2) value", decimalScale.Error.Replace("decimal(9,2)", "decimal(9, 2)", StringComparison.Ordinal), StringComparison.Ordinal);

        Assert.Contains("current snapshot: none", (await Run("table", "describe", "db.events")).Output, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(Path.Combine(_warehouse, "db", "events", "data"))
            ? Directory.GetFiles(Path.Combine(_warehouse, "db", "events", "data"), "*", SearchOption.AllDirectories)
            : []);
    }

    [Fact]
    public async Task Missing_tables_and_bad_filters_fail_with_one_line()
    {
        var missing = await Run("table", "describe", "db.nothing");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("db.nothing", missing.Error, StringComparison.Ordinal);
        Assert.Single(missing.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        await CreateEventsAsync();
        var badColumn = await Run("table", "scan", "db.events", "--where", "colour = 'red'");
        Assert.Equal(1, badColumn.ExitCode);
        Assert.Contains("colour", badColumn.Error, StringComparison.Ordinal);
        Assert.Single(badColumn.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var badSyntax = await Run("table", "scan", "db.events", "--where", "id > ");
        Assert.Equal(1, badSyntax.ExitCode);
        Assert.Contains("expected a value", badSyntax.Error, StringComparison.Ordinal);

        var badDelete = await Run("table", "delete", "db.events", "--where", "nope is null");
        Assert.Equal(1, badDelete.ExitCode);
        Assert.Contains("nope", badDelete.Error, StringComparison.Ordinal);

        var badRollback = await Run("table", "rollback", "db.events", "--to", "12345");
        Assert.Equal(1, badRollback.ExitCode);
        Assert.Contains("no snapshot 12345", badRollback.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Appends_parquet_data_files_and_reads_as_of_a_time()
    {
        await CreateEventsAsync();
        Assert.Equal(0, (await Run("table", "append", "db.events", WriteInput("a.csv", "id,name,price\n1,a,0.10\n2,b,\n"))).ExitCode);
        string file = Directory.GetFiles(Path.Combine(_warehouse, "db", "events", "data"), "*.parquet", SearchOption.AllDirectories).Single();
        string copy = Path.Combine(_warehouse, "rows.bin");
        File.Copy(file, copy);

        await Run("table", "create", "db.copy", "--schema", "id long not null, name string, price decimal(9,2), ts timestamptz");
        var appended = await Run("table", "append", "db.copy", copy, "--input-format", "parquet");
        Assert.True(appended.ExitCode == 0, appended.Error);
        var scan = await Run("table", "scan", "db.copy", "--where", "price = 0.1", "--format", "jsonl", "--as-of", "2999-01-01T00:00:00Z");
        Assert.True(scan.ExitCode == 0, scan.Error);
        Assert.Equal("{\"id\":1,\"name\":\"a\",\"price\":\"0.10\",\"ts\":null}", scan.Output.Trim());

        var noExtension = await Run("table", "append", "db.copy", copy);
        Assert.Equal(1, noExtension.ExitCode);
        Assert.Contains("--input-format", noExtension.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_input_commits_nothing_and_snapshot_and_as_of_exclude_each_other()
    {
        await CreateEventsAsync();
        var empty = await Run("table", "append", "db.events", WriteInput("empty.csv", "id,name\n"));
        Assert.Equal(0, empty.ExitCode);
        Assert.Contains("nothing committed", empty.Output, StringComparison.Ordinal);
        Assert.Contains("current snapshot: none", (await Run("table", "describe", "db.events")).Output, StringComparison.Ordinal);

        var both = await Run("table", "scan", "db.events", "--snapshot", "1", "--as-of", "2026-01-01T00:00:00Z");
        Assert.Equal(1, both.ExitCode);
        var badTime = await Run("table", "scan", "db.events", "--as-of", "yesterday");
        Assert.Equal(1, badTime.ExitCode);
        Assert.Contains("Invalid --as-of 'yesterday'", badTime.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Row_level_delete_and_update_change_parts_of_files_in_both_modes()
    {
        await CreateEventsAsync();
        Assert.Equal(0, (await Run("table", "append", "db.events", WriteInput("a.csv", "id,name,price\n1,a,1.50\n2,b,2.00\n3,c,\n4,d,4.25\n"))).ExitCode);

        var deleted = await Run("table", "delete", "db.events", "--where", "id % 2 = 0 and name != 'zz'");
        Assert.True(deleted.ExitCode == 0, deleted.Error);
        Assert.Contains("deleted 2 rows (merge-on-read): 0 data files removed, 0 rewritten, 0 data files and 1 delete files added", deleted.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await Run("table", "set-property", "db.events", "write.update.mode=copy-on-write")).ExitCode);
        var updated = await Run("table", "update", "db.events", "--set", "price = price * 2 + 1", "--set", "name = cast(id as string)", "--where", "id between 1 and 3");
        Assert.True(updated.ExitCode == 0, updated.Error);
        Assert.Contains("updated 2 rows (copy-on-write): 0 data files removed, 1 rewritten", updated.Output, StringComparison.Ordinal);

        var scan = await Run("table", "scan", "db.events", "--columns", "id,name,price", "--format", "jsonl");
        Assert.Equal(["{\"id\":1,\"name\":\"1\",\"price\":\"4.00\"}", "{\"id\":3,\"name\":\"3\",\"price\":null}"],
            scan.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

        var none = await Run("table", "delete", "db.events", "--where", "id > 100");
        Assert.Contains("no rows match; nothing committed", none.Output, StringComparison.Ordinal);

        var badSet = await Run("table", "update", "db.events", "--set", "price = price *", "--where", "id = 1");
        Assert.Equal(1, badSet.ExitCode);
        Assert.Contains("Invalid --set at position 16: expected a value", badSet.Error, StringComparison.Ordinal);

        var zero = await Run("table", "update", "db.events", "--set", "price = price / 0", "--where", "id = 1");
        Assert.Equal(1, zero.ExitCode);
        Assert.Contains("Division by zero in (price / 0)", zero.Error, StringComparison.Ordinal);

        var arithmeticScan = await Run("table", "scan", "db.events", "--where", "id + 1 = 2", "--columns", "name", "--format", "jsonl");
        Assert.True(arithmeticScan.ExitCode == 0, arithmeticScan.Error);
        Assert.Equal(["{\"name\":\"1\"}"], arithmeticScan.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Scan_evaluates_arithmetic_casts_and_column_comparisons_on_a_plain_table()
    {
        await CreateEventsAsync();
        Assert.Equal(0, (await Run("table", "append", "db.events", WriteInput("a.csv", "id,name,price\n1,a,1.50\n2,b,2.00\n3,c,\n4,d,4.25\n"))).ExitCode);
        Assert.Equal(0, (await Run("table", "append", "db.events", WriteInput("b.csv", "id,name,price\n10,j,9.00\n11,k,0.50\n"))).ExitCode);

        // Only the columns printed come out, though the filter reads price and id too.
        var doubled = await Run("table", "scan", "db.events", "--where", "price * 2 > id + 2", "--columns", "name", "--format", "jsonl");
        Assert.True(doubled.ExitCode == 0, doubled.Error);
        Assert.Equal(["{\"name\":\"d\"}", "{\"name\":\"j\"}"], Sorted(doubled.Output));

        // A pushdown part and a residual part together; a null price is unknown, so row 3 is left out.
        var mixed = await Run("table", "scan", "db.events", "--where", "id >= 2 and cast(price as int) < id", "--format", "jsonl");
        Assert.True(mixed.ExitCode == 0, mixed.Error);
        Assert.Equal(
            ["{\"id\":10,\"name\":\"j\",\"price\":\"9.00\",\"ts\":null}", "{\"id\":11,\"name\":\"k\",\"price\":\"0.50\",\"ts\":null}"],
            Sorted(mixed.Output));

        var badColumn = await Run("table", "scan", "db.events", "--where", "nope + 1 > 2");
        Assert.Equal(1, badColumn.ExitCode);
        Assert.Contains("nope", badColumn.Error, StringComparison.Ordinal);
    }

    private static string[] Sorted(string output) => [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
}
