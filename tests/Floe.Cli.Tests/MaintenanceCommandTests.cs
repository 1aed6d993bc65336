using System.Text.Json;
using Floe.Catalog;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Server.Configuration;
using Floe.TestKit.Server;

namespace Floe.Cli.Tests;

/// <summary><c>floe maintenance history|run</c> against a real server on a free port.</summary>
public sealed class MaintenanceCommandTests : IAsyncDisposable
{
    private RunningServer? _server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> StartWithTableAsync()
    {
        _server = await RunningServer.StartAsync(configure: o => o with { Optimizing = new OptimizingOptions { LocalThreads = 0, PollTimeoutMs = 100 } });
        ICatalog catalog = await _server.Server.Catalogs.GetAsync("default", Ct);
        await catalog.CreateNamespaceAsync(Namespace.Of("db"), Ct);
        await catalog.CreateTableAsync(TableIdentifier.Of("db", "events"), new Schema([NestedField.Required(1, "id", PrimitiveType.Long)]), cancellationToken: Ct);
        return _server.Address.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Run_runs_one_action_now_and_history_lists_it()
    {
        string server = await StartWithTableAsync();

        var (ran, runOutput, _) = await CliRunner.RunAsync("maintenance", "run", "db.events", "clean-dangling-delete-files", "--server", server);
        var (listed, historyOutput, _) = await CliRunner.RunAsync("maintenance", "history", "--server", server, "--format", "jsonl");
        var (tableListed, tableOutput, _) = await CliRunner.RunAsync("maintenance", "history", "db.events", "--catalog", "default", "--server", server, "--format", "jsonl");

        Assert.Equal((0, 0, 0), (ran, listed, tableListed));
        Assert.Contains("clean-dangling-delete-files", runOutput, StringComparison.Ordinal);
        Assert.Contains("manual", runOutput, StringComparison.Ordinal);
        foreach (string output in new[] { historyOutput, tableOutput })
        {
            JsonElement row = JsonDocument.Parse(Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;
            Assert.Equal("default.db.events", row.GetProperty("table").GetString());
            Assert.Equal("clean-dangling-delete-files", row.GetProperty("action").GetString());
        }
    }

    [Fact]
    public async Task Errors_are_one_clear_line()
    {
        string server = await StartWithTableAsync();

        var (badAction, _, badActionError) = await CliRunner.RunAsync("maintenance", "run", "db.events", "vacuum", "--server", server);
        var (missing, _, missingError) = await CliRunner.RunAsync("maintenance", "run", "db.nothing", "expire-snapshots", "--server", server);

        Assert.NotEqual(0, badAction);
        Assert.Contains("'vacuum' is not a maintenance action", badActionError, StringComparison.Ordinal);
        Assert.NotEqual(0, missing);
        Assert.Contains("nothing", missingError, StringComparison.Ordinal);
    }
}
