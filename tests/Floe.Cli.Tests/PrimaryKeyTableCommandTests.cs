namespace Floe.Cli.Tests;

public sealed class PrimaryKeyTableCommandTests : IDisposable
{
    private readonly string _warehouse = Path.Combine(Path.GetTempPath(), "floe-cli-pk-" + Guid.NewGuid().ToString("N"));

    public PrimaryKeyTableCommandTests() => Directory.CreateDirectory(_warehouse);

    public void Dispose() => Directory.Delete(_warehouse, recursive: true);

    private Task<(int ExitCode, string Output, string Error)> Run(params string[] args) =>
        CliRunner.RunAsync([.. args, "--warehouse", _warehouse]);

    private string WriteInput(string name, string text)
    {
        string path = Path.Combine(_warehouse, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string[] Lines(string output) => [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];

    private async Task CreateUsersAsync(params string[] extra)
    {
        var result = await Run(["table", "create", "db.users", "--schema", "id long not null, name string, score int", "--primary-key", "id", .. extra]);
        Assert.True(result.ExitCode == 0, result.Error);
    }

    [Fact]
    public async Task Scan_evaluates_arithmetic_on_the_merged_view()
    {
        await CreateUsersAsync();
        Assert.Equal(0, (await Run("table", "upsert", "db.users", WriteInput("a.csv", "id,name,score\n1,ann,10\n2,bob,20\n3,cy,30\n"))).ExitCode);

        // Bob's first version matches both filters, his newest neither: the filters see the newest version of each key.
        Assert.Equal(0, (await Run("table", "upsert", "db.users", WriteInput("b.csv", "id,name,score\n1,ann,40\n2,bob,1\n"))).ExitCode);

        var scan = await Run("table", "scan", "db.users", "--where", "score - id * 10 > -5", "--columns", "name", "--format", "jsonl");
        Assert.True(scan.ExitCode == 0, scan.Error);
        Assert.Equal(["{\"name\":\"ann\"}", "{\"name\":\"cy\"}"], Lines(scan.Output));

        var compared = await Run("table", "scan", "db.users", "--where", "score > id and id > 1", "--format", "jsonl");
        Assert.True(compared.ExitCode == 0, compared.Error);
        Assert.Equal(["{\"id\":3,\"name\":\"cy\",\"score\":30}"], Lines(compared.Output));
    }

    [Fact]
    public async Task Create_upsert_delete_and_scan_work_on_the_merged_view()
    {
        var created = await Run("table", "create", "db.users", "--schema", "id long not null, name string, score int", "--primary-key", "id", "--buckets", "2");
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Contains("with primary key (id) in 2 buckets", created.Output, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(_warehouse, "db", "users", "base", "metadata")));
        Assert.True(Directory.Exists(Path.Combine(_warehouse, "db", "users", "change", "metadata")));

        var first = await Run("table", "upsert", "db.users", WriteInput("a.csv", "id,name,score\n1,ann,10\n2,bob,20\n3,cy,30\n"));
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("upserted 3 rows", first.Output, StringComparison.Ordinal);
        Assert.Contains("transaction 1", first.Output, StringComparison.Ordinal);

        var second = await Run("table", "upsert", "db.users", WriteInput("b.jsonl", "{\"id\": 2, \"name\": \"bobby\", \"score\": 21}\n{\"id\": 4, \"name\": \"dee\"}\n"));
        Assert.True(second.ExitCode == 0, second.Error);

        var deleted = await Run("table", "delete", "db.users", "--where", "score >= 30");
        Assert.True(deleted.ExitCode == 0, deleted.Error);
        Assert.Contains("deleted 1 rows; transaction 3", deleted.Output, StringComparison.Ordinal);

        var scan = await Run("table", "scan", "db.users", "--format", "jsonl");
        Assert.True(scan.ExitCode == 0, scan.Error);
        Assert.Equal(
            ["{\"id\":1,\"name\":\"ann\",\"score\":10}", "{\"id\":2,\"name\":\"bobby\",\"score\":21}", "{\"id\":4,\"name\":\"dee\",\"score\":null}"],
            Lines(scan.Output));

        var filtered = await Run("table", "scan", "db.users", "--where", "score > 15", "--columns", "name", "--format", "jsonl");
        Assert.Equal(["{\"name\":\"bobby\"}"], Lines(filtered.Output));

        var listed = await Run("table", "describe", "db.users");
        Assert.True(listed.ExitCode == 0, listed.Error);
        Assert.Contains("mixed-format.primary-key-fields=id", listed.Output, StringComparison.Ordinal);
        Assert.Contains("primary key: id\n", listed.Output, StringComparison.Ordinal);
        Assert.Contains("buckets: base 2 (auto-bucket on), change 2\n", listed.Output, StringComparison.Ordinal);
        Assert.Contains("change.data.ttl.minutes 10080", listed.Output, StringComparison.Ordinal);
        Assert.Contains("optimized points: {}\n", listed.Output, StringComparison.Ordinal);
        Assert.Contains("base bucket nodes: 0 holding 0 data files", listed.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await Run("table", "optimize", "db.users")).ExitCode);
        var optimized = await Run("table", "describe", "db.users");
        // So small a table is one file at the root (auto-bucketing).
        Assert.Contains("base bucket nodes: 1 (1 at the root) holding 1 data files", optimized.Output, StringComparison.Ordinal);
        Assert.Matches("optimized points: \\{\"\":\\d+\\}", optimized.Output);
    }

    [Fact]
    public async Task Scan_with_a_change_snapshot_reads_the_table_as_of_that_transaction()
    {
        await CreateUsersAsync();
        await Run("table", "upsert", "db.users", WriteInput("a.csv", "id,name,score\n1,ann,10\n"));
        await Run("table", "upsert", "db.users", WriteInput("b.csv", "id,name,score\n1,ann2,11\n"));
        string changeMetadata = Path.Combine(_warehouse, "db", "users", "change", "metadata");
        string v2 = File.ReadAllText(Path.Combine(changeMetadata, "v2.metadata.json"));
        string snapshotId = System.Text.Json.JsonDocument.Parse(v2).RootElement.GetProperty("current-snapshot-id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var old = await Run("table", "scan", "db.users", "--snapshot", snapshotId, "--format", "jsonl");
        Assert.True(old.ExitCode == 0, old.Error);
        Assert.Equal(["{\"id\":1,\"name\":\"ann\",\"score\":10}"], Lines(old.Output));
        var missing = await Run("table", "scan", "db.users", "--snapshot", "42");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no change snapshot 42", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_commits_nothing_and_prints_one_error_line()
    {
        await CreateUsersAsync();
        var nullKey = await Run("table", "upsert", "db.users", WriteInput("a.csv", "id,name,score\n1,ann,10\n,bob,20\n"));
        Assert.Equal(1, nullKey.ExitCode);
        Assert.StartsWith("floe: error:", nullKey.Error, StringComparison.Ordinal);

        var noKey = await Run("table", "upsert", "db.users", WriteInput("b.csv", "name,score\nann,10\n"));
        Assert.Equal(1, noKey.ExitCode);

        var scan = await Run("table", "scan", "db.users", "--format", "jsonl");
        Assert.True(scan.ExitCode == 0, scan.Error);
        Assert.Empty(Lines(scan.Output));
        Assert.False(Directory.Exists(Path.Combine(_warehouse, "db", "users", "change", "data"))
            && Directory.EnumerateFiles(Path.Combine(_warehouse, "db", "users", "change", "data"), "*.parquet", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task Plain_verbs_and_options_that_do_not_fit_are_refused()
    {
        await CreateUsersAsync();
        var append = await Run("table", "append", "db.users", WriteInput("a.csv", "id,name,score\n1,ann,10\n"));
        Assert.Equal(1, append.ExitCode);
        Assert.Contains("upsert", append.Error, StringComparison.Ordinal);

        var nullableKey = await Run("table", "create", "db.other", "--schema", "id long, name string", "--primary-key", "id");
        Assert.Equal(1, nullableKey.ExitCode);
        Assert.Contains("nullable", nullableKey.Error, StringComparison.Ordinal);

        var buckets = await Run("table", "create", "db.other", "--schema", "id long not null", "--primary-key", "id", "--buckets", "3");
        Assert.Equal(1, buckets.ExitCode);
        Assert.Contains("power of two", buckets.Error, StringComparison.Ordinal);

        var bucketsWithoutKey = await Run("table", "create", "db.other", "--schema", "id long not null", "--buckets", "4");
        Assert.Equal(1, bucketsWithoutKey.ExitCode);

        var plain = await Run("table", "create", "db.plain", "--schema", "id long not null");
        Assert.Equal(0, plain.ExitCode);
        var upsertPlain = await Run("table", "upsert", "db.plain", WriteInput("b.csv", "id\n1\n"));
        Assert.Equal(1, upsertPlain.ExitCode);
        Assert.Contains("has no primary key", upsertPlain.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_and_delete_by_keys_from_csv_jsonl_and_parquet_files()
    {
        await CreateUsersAsync();
        Assert.Equal(0, (await Run("table", "upsert", "db.users", WriteInput("a.csv", "id,name,score\n1,ann,10\n2,bob,20\n3,cy,30\n4,dee,40\n5,eve,50\n"))).ExitCode);

        var updated = await Run("table", "update", "db.users", "--set", "score = score * 2 + id", "--where", "score between 20 and 30 or name = 'eve'");
        Assert.True(updated.ExitCode == 0, updated.Error);
        Assert.Contains("updated 3 rows; transaction 2", updated.Output, StringComparison.Ordinal);

        var keyUpdate = await Run("table", "update", "db.users", "--set", "id = id + 1", "--where", "id = 1");
        Assert.Equal(1, keyUpdate.ExitCode);
        Assert.Contains("Cannot set primary-key column 'id'", keyUpdate.Error, StringComparison.Ordinal);

        var byCsv = await Run("table", "delete", "db.users", "--keys", WriteInput("k.csv", "id\n1\n"));
        Assert.True(byCsv.ExitCode == 0, byCsv.Error);
        Assert.Contains("deleted 1 rows", byCsv.Output, StringComparison.Ordinal);
        var byJson = await Run("table", "delete", "db.users", "--keys", WriteInput("k.txt", "{\"id\": 2}\n"), "--input-format", "jsonl");
        Assert.True(byJson.ExitCode == 0, byJson.Error);

        Assert.Equal(0, (await Run("table", "create", "db.keys", "--schema", "id long not null")).ExitCode);
        Assert.Equal(0, (await Run("table", "append", "db.keys", WriteInput("k2.csv", "id\n3\n"))).ExitCode);
        string parquet = Directory.GetFiles(Path.Combine(_warehouse, "db", "keys", "data"), "*.parquet", SearchOption.AllDirectories).Single();
        var byParquet = await Run("table", "delete", "db.users", "--keys", parquet);
        Assert.True(byParquet.ExitCode == 0, byParquet.Error);

        var scan = await Run("table", "scan", "db.users", "--format", "jsonl");
        Assert.Equal(["{\"id\":4,\"name\":\"dee\",\"score\":40}", "{\"id\":5,\"name\":\"eve\",\"score\":105}"], Lines(scan.Output));

        var plain = await Run("table", "delete", "db.keys", "--keys", WriteInput("k3.csv", "id\n3\n"));
        Assert.Equal(1, plain.ExitCode);
        Assert.Contains("has no primary key", plain.Error, StringComparison.Ordinal);
    }
}
