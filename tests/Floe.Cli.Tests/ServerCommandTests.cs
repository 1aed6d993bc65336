using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Floe.Cli.Tests;

public sealed partial class ServerCommandTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "floe-cli-server-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        CliRunner.RunAsync([.. args, "--data-dir", _dataDir]);

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex ListeningOn();

    [Fact]
    public async Task Catalog_create_list_drop_work_on_the_metastore_of_the_data_directory()
    {
        var (created, createdOutput, _) = await RunAsync("catalog", "create", "sales");
        var (explicitCreated, _, _) = await RunAsync("catalog", "create", "ops", "--warehouse", Path.Combine(_dataDir, "ops-wh"));
        var (listed, listOutput, _) = await RunAsync("catalog", "list", "--format", "jsonl");
        var (duplicate, _, duplicateError) = await RunAsync("catalog", "create", "sales");
        var (dropped, _, _) = await RunAsync("catalog", "drop", "sales");
        var (missing, _, missingError) = await RunAsync("catalog", "drop", "sales");

        Assert.Equal(0, created);
        Assert.Contains(Path.Combine(_dataDir, "warehouse", "sales"), createdOutput, StringComparison.Ordinal);
        Assert.Equal(0, explicitCreated);
        Assert.Equal(0, listed);
        var rows = listOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(["ops", "sales"], rows.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(Path.Combine(_dataDir, "ops-wh"), rows[0].GetProperty("warehouse").GetString());
        Assert.Equal("internal", rows[1].GetProperty("kind").GetString());
        Assert.True(File.Exists(Path.Combine(_dataDir, "floe.db")));
        Assert.Equal(1, duplicate);
        Assert.StartsWith("floe: error:", duplicateError, StringComparison.Ordinal);
        Assert.Contains("already exists", duplicateError, StringComparison.Ordinal);
        Assert.Equal(0, dropped);
        Assert.Equal(1, missing);
        Assert.Contains("'sales' does not exist", missingError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalog_create_refuses_a_bad_name()
    {
        var (exitCode, _, error) = await RunAsync("catalog", "create", "../up");

        Assert.Equal(1, exitCode);
        Assert.Contains("not a catalog name", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_create_prints_the_secret_once_list_shows_grants_revoke_works()
    {
        var (created, secret, note) = await RunAsync("token", "create", "--name", "etl", "--catalog", "sales", "--catalog", "ops");
        var (admin, _, _) = await RunAsync("token", "create", "--name", "root", "--admin");
        var (listed, list, _) = await RunAsync("token", "list");
        var (revoked, _, _) = await RunAsync("token", "revoke", "etl");
        var (_, afterRevoke, _) = await RunAsync("token", "list", "--format", "jsonl");
        var (unknown, _, unknownError) = await RunAsync("token", "revoke", "ghost");

        Assert.Equal(0, created);
        Assert.Matches("^floe_[A-Za-z0-9_-]{43}$", secret.Trim());
        Assert.Contains("not shown again", note, StringComparison.Ordinal);
        Assert.Equal(0, admin);
        Assert.Equal(0, listed);
        Assert.Contains("catalogs ops, sales", list, StringComparison.Ordinal);
        Assert.Contains("admin", list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret.Trim(), list, StringComparison.Ordinal);
        Assert.Equal(0, revoked);
        var etl = afterRevoke.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).First(r => r.GetProperty("name").GetString() == "etl");
        Assert.Equal("true", etl.GetProperty("revoked").GetString());
        Assert.Equal(1, unknown);
        Assert.Contains("no token named 'ghost'", unknownError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_create_needs_a_name()
    {
        var (exitCode, _, error) = await RunAsync("token", "create");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--name", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_config_file_fails_with_the_key_and_line()
    {
        Directory.CreateDirectory(_dataDir);
        string config = Path.Combine(_dataDir, "floe.yaml");
        await File.WriteAllTextAsync(config, "server:\n  port: http\n", TestContext.Current.CancellationToken);

        var (exitCode, _, error) = await RunAsync("catalog", "list", "--config", config);

        Assert.Equal(1, exitCode);
        Assert.Contains("'server.port' (floe.yaml line 2)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_runs_until_cancelled_serves_health_and_stops_cleanly()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        Task<int> running = CliApp.RunAsync(
            ["server", "--port", "0", "--data-dir", _dataDir],
            TextWriter.Synchronized(output),
            TextWriter.Synchronized(error),
            stop.Token);

        string? address = null;
        for (int i = 0; i < 300 && address is null && !running.IsCompleted; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            Match match = ListeningOn().Match(output.ToString());
            address = match.Success ? match.Groups[1].Value : null;
        }

        Assert.True(address is not null, $"The server did not start: {output}{error}");
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        using HttpResponseMessage health = await client.GetAsync("/api/floe/v1/health", TestContext.Current.CancellationToken);
        using HttpResponseMessage config = await client.GetAsync("/api/iceberg/rest/v1/config", TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        int exitCode = await running.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, config.StatusCode);
        Assert.Equal(0, exitCode);
        string printed = output.ToString();
        Assert.Contains(_dataDir, printed, StringComparison.Ordinal);
        Assert.Contains("WARNING: auth is 'none'", printed, StringComparison.Ordinal);
        Assert.Contains($"REST catalog:         {address.TrimEnd('/')}/api/iceberg/rest?warehouse=default  (floe table ... --catalog <that URL>)", printed, StringComparison.Ordinal);
        Assert.Contains("Floe server stopped.", printed, StringComparison.Ordinal);
        var (_, catalogs, _) = await RunAsync("catalog", "list");
        Assert.Contains("default", catalogs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_refuses_a_port_out_of_range()
    {
        var (exitCode, _, error) = await RunAsync("server", "--port", "70000");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--port", error, StringComparison.Ordinal);
    }
}
