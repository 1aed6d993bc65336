using System.Text.Json;
using Floe.Server.Configuration;
using Floe.TestKit.Server;

namespace Floe.Cli.Tests;

/// <summary><c>floe optimizing ...</c> against a real server on a free port.</summary>
public sealed class OptimizingCommandTests : IAsyncDisposable
{
    private RunningServer? _server;

    private async Task<string> StartAsync()
    {
        _server = await RunningServer.StartAsync(configure: o => o with { Optimizing = new OptimizingOptions { LocalThreads = 0, PollTimeoutMs = 100 } });
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
    public async Task Groups_are_created_resized_listed_and_dropped()
    {
        string server = await StartAsync();

        var (created, createdOutput, _) = await CliRunner.RunAsync("optimizing", "group-create", "etl", "--local-threads", "0", "--server", server);
        var (resized, _, _) = await CliRunner.RunAsync("optimizing", "group-resize", "etl", "--local-threads", "0", "--server", server);
        var (listed, listOutput, _) = await CliRunner.RunAsync("optimizing", "groups", "--format", "jsonl", "--server", server);
        var (duplicate, _, duplicateError) = await CliRunner.RunAsync("optimizing", "group-create", "etl", "--server", server);
        var (dropped, _, _) = await CliRunner.RunAsync("optimizing", "group-drop", "etl", "--server", server);

        Assert.Equal((0, 0, 0, 0), (created, resized, listed, dropped));
        Assert.Contains("'etl' created", createdOutput, StringComparison.Ordinal);
        string[] names = [.. listOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("name").GetString()!)];
        Assert.Equal(["default", "etl"], names);
        Assert.Equal(1, duplicate);
        Assert.Contains("already exists", duplicateError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_processes_optimizers_and_refresh_print_the_servers_state()
    {
        string server = await StartAsync();

        var (refreshed, refreshOutput, _) = await CliRunner.RunAsync("optimizing", "refresh", "--server", server);
        var (status, statusOutput, _) = await CliRunner.RunAsync("optimizing", "status", "--server", server);
        var (processes, processesOutput, _) = await CliRunner.RunAsync("optimizing", "processes", "--server", server, "--format", "jsonl");
        var (optimizers, optimizersOutput, _) = await CliRunner.RunAsync("optimizing", "optimizers", "--server", server);

        Assert.Equal((0, 0, 0, 0), (refreshed, status, processes, optimizers));
        Assert.Contains("0 table(s) evaluated", refreshOutput, StringComparison.Ordinal);
        Assert.Contains("status", statusOutput, StringComparison.Ordinal);
        Assert.Equal("", processesOutput.Trim());
        Assert.Contains("running_tasks", optimizersOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_are_one_clear_line()
    {
        string server = await StartAsync();

        var (cancel, _, cancelError) = await CliRunner.RunAsync("optimizing", "cancel", "42", "--server", server);
        var (table, _, tableError) = await CliRunner.RunAsync("optimizing", "status", "db.none", "--server", server);
        var (badUrl, _, badUrlError) = await CliRunner.RunAsync("optimizing", "groups", "--server", "ftp://x");
        var (unreachable, _, unreachableError) = await CliRunner.RunAsync("optimizing", "groups", "--server", "http://127.0.0.1:9");
        var (threads, _, threadsError) = await CliRunner.RunAsync("optimizing", "group-resize", "default", "--local-threads", "5000", "--server", server);

        Assert.Equal(1, cancel);
        Assert.Contains("404", cancelError, StringComparison.Ordinal);
        Assert.Contains("not running", cancelError, StringComparison.Ordinal);
        Assert.Equal(1, table);
        Assert.Contains("has not seen table default.db.none", tableError, StringComparison.Ordinal);
        Assert.Equal(1, badUrl);
        Assert.Contains("not an http:// or https:// address", badUrlError, StringComparison.Ordinal);
        Assert.Equal(1, unreachable);
        Assert.Contains("Cannot reach the server", unreachableError, StringComparison.Ordinal);
        Assert.NotEqual(0, threads);
        Assert.Contains("--local-threads must be from 0 to 1024", threadsError, StringComparison.Ordinal);
    }
}
