using System.Text.Json;

namespace Floe.Cli.Tests;

public sealed class TableChangeDataCommandTests : IDisposable
{
    private readonly string _warehouse = Path.Combine(Path.GetTempPath(), "floe-cli-cdc-" + Guid.NewGuid().ToString("N"));

    public TableChangeDataCommandTests() => Directory.CreateDirectory(_warehouse);

    public void Dispose() => Directory.Delete(_warehouse, recursive: true);

    private async Task<(int ExitCode, string Output, string Error)> Run(params string[] args) =>
        await CliRunner.RunAsync([.. args, "--warehouse", _warehouse]);

    private async Task RunOk(params string[] args)
    {
        var result = await Run(args);
        Assert.True(result.ExitCode == 0, result.Error);
    }

    private string Input(string name, string text)
    {
        string path = Path.Combine(_warehouse, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Position(string error) => Lines(error).Single(l => l.StartsWith("position: ", StringComparison.Ordinal))["position: ".Length..].Trim();

    private async Task CreateAndWriteAsync()
    {
        await RunOk("table", "create", "db.users", "--schema", "id long not null, name string", "--primary-key", "id", "--buckets", "2");
        await RunOk("table", "upsert", "db.users", Input("a.csv", "id,name\n1,ann\n2,bob\n"));
        await RunOk("table", "delete", "db.users", "--where", "id = 1");
        await RunOk("table", "upsert", "db.users", Input("b.csv", "id,name\n2,bobby\n3,cy\n"));
    }

    [Fact]
    public async Task Changes_prints_the_change_log_in_order_and_a_position_to_resume_from()
    {
        await CreateAndWriteAsync();

        var all = await Run("table", "changes", "db.users", "--format", "jsonl");
        Assert.True(all.ExitCode == 0, all.Error);
        string[] rows = Lines(all.Output);
        Assert.Equal(
        [
            "D:1:1:null", "I:1:1:ann", "D:1:2:null", "I:1:2:bob",
            "D:2:1:ann",
            "D:3:2:null", "I:3:2:bobby", "D:3:3:null", "I:3:3:cy",
        ],
            rows.Select(Short));
        Assert.Equal("end", Position(all.Error).Split(':')[2]);

        var limited = await Run("table", "changes", "db.users", "--format", "jsonl", "--limit", "5");
        Assert.Equal(5, Lines(limited.Output).Length);
        string position = Position(limited.Error);
        var rest = await Run("table", "changes", "db.users", "--format", "jsonl", "--from-position", position);
        Assert.True(rest.ExitCode == 0, rest.Error);
        Assert.Equal(rows[5..], Lines(rest.Output));

        var table = await Run("table", "changes", "db.users", "--columns", "name");
        Assert.True(table.ExitCode == 0, table.Error);
        Assert.Contains("_change_action", table.Output, StringComparison.Ordinal);
        Assert.Contains("bobby", table.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("| id", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Net_changes_between_snapshots_and_errors()
    {
        await CreateAndWriteAsync();
        var first = await Run("table", "changes", "db.users", "--format", "jsonl", "--to-snapshot", "0");
        Assert.Equal(1, first.ExitCode);
        Assert.Contains("floe: error:", first.Error, StringComparison.Ordinal);
        Assert.Contains("no change snapshot 0", first.Error, StringComparison.Ordinal);

        string firstSnapshot = SnapshotOfVersion(2);
        var net = await Run("table", "changes", "db.users", "--net", "--from-snapshot", firstSnapshot, "--format", "jsonl");
        Assert.True(net.ExitCode == 0, net.Error);
        Assert.Equal(["D:2:1:ann", "UB:3:2:bob", "UA:3:2:bobby", "I:3:3:cy"], Lines(net.Output).Select(Short));

        var both = await Run("table", "changes", "db.users", "--from-snapshot", firstSnapshot, "--from-position", "1:1:end");
        Assert.Equal(1, both.ExitCode);
        var bad = await Run("table", "changes", "db.users", "--from-position", "nonsense");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("snapshotId:transactionId:offset", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Optimize_merges_changes_and_the_scan_is_unchanged()
    {
        await CreateAndWriteAsync();
        var before = await Run("table", "scan", "db.users", "--format", "jsonl");

        var optimized = await Run("table", "optimize", "db.users", "--format", "jsonl");
        Assert.True(optimized.ExitCode == 0, optimized.Error);
        using (JsonDocument result = JsonDocument.Parse(optimized.Output))
        {
            Assert.True(result.RootElement.GetProperty("committed").GetBoolean());
            Assert.Equal(2, result.RootElement.GetProperty("new-base-rows").GetInt64());
            Assert.Equal(3, result.RootElement.GetProperty("optimized-sequence").GetProperty("").GetInt64());
        }

        var after = await Run("table", "scan", "db.users", "--format", "jsonl");
        Assert.Equal(2, Lines(after.Output).Length);
        Assert.Equal(Lines(before.Output).Order(), Lines(after.Output).Order());
        var again = await Run("table", "optimize", "db.users", "--full");
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("committed", again.Output, StringComparison.Ordinal);
        Assert.Equal(Lines(before.Output).Order(), Lines((await Run("table", "scan", "db.users", "--format", "jsonl")).Output).Order());

        await RunOk("table", "create", "db.plain", "--schema", "id long");
        var plain = await Run("table", "optimize", "db.plain");
        Assert.Equal(1, plain.ExitCode);
        Assert.Contains("has no primary key", plain.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expire_changes_removes_merged_changes_past_the_ttl_and_the_scan_is_unchanged()
    {
        await CreateAndWriteAsync();
        await RunOk("table", "optimize", "db.users");
        var before = await Run("table", "scan", "db.users", "--format", "jsonl");

        var kept = await Run("table", "expire-changes", "db.users", "--format", "jsonl");
        Assert.True(kept.ExitCode == 0, kept.Error);
        using (JsonDocument result = JsonDocument.Parse(kept.Output))
        {
            Assert.False(result.RootElement.GetProperty("committed").GetBoolean());
            Assert.Equal(0, result.RootElement.GetProperty("removed-files").GetInt64());
        }

        await Task.Delay(5, TestContext.Current.CancellationToken);
        var expired = await Run("table", "expire-changes", "db.users", "--ttl-minutes", "0", "--format", "jsonl");
        Assert.True(expired.ExitCode == 0, expired.Error);
        using (JsonDocument result = JsonDocument.Parse(expired.Output))
        {
            Assert.True(result.RootElement.GetProperty("committed").GetBoolean());
            Assert.Equal(9, result.RootElement.GetProperty("removed-rows").GetInt64());
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", result.RootElement.GetProperty("committed-before").GetString());
        }

        Assert.Equal(Lines(before.Output).Order(), Lines((await Run("table", "scan", "db.users", "--format", "jsonl")).Output).Order());
        var changes = await Run("table", "changes", "db.users");
        Assert.Equal(1, changes.ExitCode);
        Assert.Contains("were removed from the change store", changes.Error, StringComparison.Ordinal);

        var negative = await Run("table", "expire-changes", "db.users", "--ttl-minutes", "-1");
        Assert.Equal(1, negative.ExitCode);
        Assert.Contains("TTL", negative.Error, StringComparison.Ordinal);
        await RunOk("table", "create", "db.plain", "--schema", "id long");
        var plain = await Run("table", "expire-changes", "db.plain");
        Assert.Equal(1, plain.ExitCode);
        Assert.Contains("has no primary key", plain.Error, StringComparison.Ordinal);
    }

    private static string Short(string line)
    {
        using JsonDocument row = JsonDocument.Parse(line);
        JsonElement root = row.RootElement;
        string name = root.GetProperty("name").ValueKind == JsonValueKind.Null ? "null" : root.GetProperty("name").GetString()!;
        return $"{root.GetProperty("_change_action").GetString()}:{root.GetProperty("_transaction_id").GetInt64()}:{root.GetProperty("id").GetInt64()}:{name}";
    }

    private string SnapshotOfVersion(int version)
    {
        string metadata = File.ReadAllText(Path.Combine(_warehouse, "db", "users", "change", "metadata", $"v{version}.metadata.json"));
        return JsonDocument.Parse(metadata).RootElement.GetProperty("current-snapshot-id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
