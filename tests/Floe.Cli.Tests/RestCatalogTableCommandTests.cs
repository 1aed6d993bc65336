using System.Text.Json;
using System.Text.RegularExpressions;
using Floe.Catalog;
using Floe.Core.Metadata;
using Floe.PrimaryKeys;

namespace Floe.Cli.Tests;

/// <summary>
/// Every <c>floe table</c> verb with <c>--catalog URL --token SECRET</c> against a real <c>floe server</c> (started
/// through the command line, auth on, self-optimizing off so only these commands change the tables), checked
/// against what the server's own catalog sees: its metastore, opened as <c>sqlite:floe.db</c>.
/// </summary>
public sealed partial class RestCatalogTableCommandTests : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "floe-cli-rest", Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    private Task<int>? _server;
    private string _url = "";
    private string _token = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Metastore => $"sqlite:{Path.Combine(_dataDir, "floe.db")}";

    [GeneratedRegex(@"REST catalog:\s+(http://\S+)\s+\(floe table \.\.\. --catalog <that URL> --token SECRET\)")]
    private static partial Regex RestCatalogLine();

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        string config = Path.Combine(_dataDir, "floe.yaml");
        await File.WriteAllTextAsync(config, "auth: token\noptimizing:\n  enabled: false\n", Ct);
        var token = await CliRunner.RunAsync("token", "create", "--name", "cli", "--admin", "--data-dir", _dataDir, "--config", config);
        Assert.True(token.ExitCode == 0, token.Error);
        _token = token.Output.Trim();

        var output = new StringWriter();
        var error = new StringWriter();
        _server = CliApp.RunAsync(
            ["server", "--port", "0", "--data-dir", _dataDir, "--config", config], TextWriter.Synchronized(output), TextWriter.Synchronized(error), _stop.Token);
        for (int i = 0; i < 600 && _url.Length == 0 && !_server.IsCompleted; i++)
        {
            await Task.Delay(50, Ct);
            Match match = RestCatalogLine().Match(output.ToString());
            _url = match.Success ? match.Groups[1].Value : "";
        }

        Assert.True(_url.Length > 0, $"The server did not print its REST catalog line: {output}{error}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_server is not null)
        {
            await _server.WaitAsync(TimeSpan.FromSeconds(60));
        }

        _stop.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }

    private Task<(int ExitCode, string Output, string Error)> Rest(params string[] args) =>
        CliRunner.RunAsync([.. args, "--catalog", _url, "--token", _token]);

    private async Task<string> RestOk(params string[] args)
    {
        var result = await Rest(args);
        Assert.True(result.ExitCode == 0, $"floe {string.Join(' ', args)}: {result.Error}");
        return result.Output;
    }

    /// <summary>The same verb on the server's own catalog, through its metastore.</summary>
    private async Task<string> ServerSideOk(params string[] args)
    {
        var result = await CliRunner.RunAsync([.. args, "--catalog", Metastore]);
        Assert.True(result.ExitCode == 0, $"floe {string.Join(' ', args)} on {Metastore}: {result.Error}");
        return result.Output;
    }

    private async Task<T> WithServerCatalogAsync<T>(Func<ICatalog, Task<T>> read)
    {
        ICatalog catalog = await CatalogUri.OpenAsync(Metastore, cancellationToken: Ct);
        using var owner = (IDisposable)catalog;
        return await read(catalog);
    }

    private string Input(string name, string text)
    {
        string path = Path.Combine(_dataDir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string[] Lines(string output) => [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).Order(StringComparer.Ordinal)];

    private static long[] SnapshotIds(string jsonl) =>
        [.. Lines(jsonl).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("snapshot_id")).Select(e => e.ValueKind == JsonValueKind.Number ? e.GetInt64() : long.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).Order()];

    [Fact]
    public async Task Every_verb_on_a_plain_table_works_through_the_rest_catalog_and_the_server_sees_it()
    {
        Assert.Contains("created db.events", await RestOk("table", "create", "db.events", "--schema", "id long not null, name string"), StringComparison.Ordinal);
        Assert.Contains("appended 3 rows", await RestOk("table", "append", "db.events", Input("a.csv", "id,name\n1,a\n2,b\n3,c\n")), StringComparison.Ordinal);
        Assert.Contains("appended 2 rows", await RestOk("table", "append", "db.events", Input("b.jsonl", "{\"id\": 4, \"name\": \"d\"}\n{\"id\": 5, \"name\": \"e\"}\n")), StringComparison.Ordinal);

        string[] rows = Lines(await RestOk("table", "scan", "db.events", "--format", "jsonl"));
        Assert.Equal(5, rows.Length);
        Assert.Equal(rows, Lines(await ServerSideOk("table", "scan", "db.events", "--format", "jsonl")));

        TableMetadata seen = (await WithServerCatalogAsync(c => c.LoadTableAsync(TableIdentifier.Parse("db.events"), Ct))).Metadata;
        long first = seen.Snapshots[0].SnapshotId;
        Assert.Equal(seen.Snapshots.Select(s => s.SnapshotId).Order(), SnapshotIds(await RestOk("table", "snapshots", "db.events", "--format", "jsonl")));
        Assert.Equal(2, Lines(await RestOk("table", "history", "db.events", "--format", "jsonl")).Length);
        Assert.Equal(2, Lines(await RestOk("table", "files", "db.events", "--format", "jsonl")).Length);
        string described = await RestOk("table", "describe", "db.events");
        Assert.Contains($"current snapshot: {seen.CurrentSnapshotId} ", described, StringComparison.Ordinal);
        Assert.Contains($"location: {seen.Location}", described, StringComparison.Ordinal);

        Assert.Contains("deleted", await RestOk("table", "delete", "db.events", "--where", "id >= 4"), StringComparison.Ordinal);
        Assert.Equal(rows[..3], Lines(await ServerSideOk("table", "scan", "db.events", "--format", "jsonl")));

        Assert.Contains($"current snapshot: {first}", await RestOk("table", "rollback", "db.events", "--to", first.ToString(System.Globalization.CultureInfo.InvariantCulture)), StringComparison.Ordinal);
        Assert.Contains("set 1 properties", await RestOk("table", "set-property", "db.events", "owner=etl"), StringComparison.Ordinal);

        TableMetadata after = (await WithServerCatalogAsync(c => c.LoadTableAsync(TableIdentifier.Parse("db.events"), Ct))).Metadata;
        Assert.Equal(first, after.CurrentSnapshotId);
        Assert.Equal("etl", after.Properties["owner"]);
        Assert.Equal(3, Lines(await RestOk("table", "scan", "db.events", "--format", "jsonl")).Length);
    }

    [Fact]
    public async Task Every_verb_on_a_primary_key_table_works_through_the_rest_catalog_and_the_server_sees_it()
    {
        string created = await RestOk("table", "create", "db.users", "--schema", "id long not null, name string, score int", "--primary-key", "id", "--buckets", "2");
        Assert.Contains("with primary key (id) in 2 buckets", created, StringComparison.Ordinal);
        Assert.True(await WithServerCatalogAsync(c => c.IsPrimaryKeyTableAsync(TableIdentifier.Parse("db.users"), Ct)));

        Assert.Contains("upserted 3 rows", await RestOk("table", "upsert", "db.users", Input("u1.csv", "id,name,score\n1,ann,10\n2,bob,20\n3,cy,30\n")), StringComparison.Ordinal);
        await RestOk("table", "upsert", "db.users", Input("u2.jsonl", "{\"id\": 2, \"name\": \"bobby\", \"score\": 21}\n"));
        Assert.Contains("deleted 1 rows", await RestOk("table", "delete", "db.users", "--where", "score >= 30"), StringComparison.Ordinal);

        string[] expected = ["{\"id\":1,\"name\":\"ann\",\"score\":10}", "{\"id\":2,\"name\":\"bobby\",\"score\":21}"];
        Assert.Equal(expected, Lines(await RestOk("table", "scan", "db.users", "--format", "jsonl")));
        Assert.Equal(expected, Lines(await ServerSideOk("table", "scan", "db.users", "--format", "jsonl")));
        Assert.Equal(
            Lines(await ServerSideOk("table", "changes", "db.users", "--format", "jsonl")),
            Lines(await RestOk("table", "changes", "db.users", "--format", "jsonl")));

        using (JsonDocument optimized = JsonDocument.Parse(await RestOk("table", "optimize", "db.users", "--format", "jsonl")))
        {
            Assert.True(optimized.RootElement.GetProperty("committed").GetBoolean());
            Assert.Equal(2, optimized.RootElement.GetProperty("new-base-rows").GetInt64());
        }

        using (JsonDocument expired = JsonDocument.Parse(await RestOk("table", "expire-changes", "db.users", "--ttl-minutes", "0", "--format", "jsonl")))
        {
            Assert.True(expired.RootElement.GetProperty("committed").GetBoolean());
        }

        (long baseSnapshot, int changeSnapshots) = await WithServerCatalogAsync(async c =>
        {
            PrimaryKeyTable keyed = await c.LoadPrimaryKeyTableAsync(TableIdentifier.Parse("db.users"), Ct);
            return (keyed.BaseTable.Metadata.CurrentSnapshotId ?? 0, keyed.ChangeTable.Metadata.Snapshots.Count);
        });
        Assert.Equal(4, changeSnapshots);
        Assert.Contains($"current snapshot: {baseSnapshot} ", await RestOk("table", "describe", "db.users"), StringComparison.Ordinal);
        Assert.Contains("primary key: id", await RestOk("table", "describe", "db.users"), StringComparison.Ordinal);
        Assert.Equal(expected, Lines(await RestOk("table", "scan", "db.users", "--format", "jsonl")));
        Assert.Equal(expected, Lines(await ServerSideOk("table", "scan", "db.users", "--format", "jsonl")));

        var append = await Rest("table", "append", "db.users", Input("x.csv", "id,name,score\n9,z,1\n"));
        Assert.Equal(1, append.ExitCode);
        Assert.Contains("has a primary key", append.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalog_options_are_checked_and_a_missing_token_is_refused()
    {
        var both = await CliRunner.RunAsync("table", "describe", "db.t", "--catalog", _url, "--warehouse", _dataDir);
        Assert.Equal(1, both.ExitCode);
        Assert.Contains("either --warehouse or --catalog", both.Error, StringComparison.Ordinal);

        var unknown = await CliRunner.RunAsync("table", "describe", "db.t", "--catalog", "ftp://host/x");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("Unknown catalog scheme 'ftp:'", unknown.Error, StringComparison.Ordinal);

        var anonymous = await CliRunner.RunAsync("table", "describe", "db.t", "--catalog", _url);
        Assert.Equal(1, anonymous.ExitCode);
        Assert.StartsWith("floe: error:", anonymous.Error, StringComparison.Ordinal);

        var missing = await Rest("table", "describe", "db.none");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
    }
}
