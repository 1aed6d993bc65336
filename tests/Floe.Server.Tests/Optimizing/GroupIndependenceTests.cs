using System.Text.Json;
using Floe.Catalog;
using Floe.Table.Operations;

namespace Floe.Server.Tests.Optimizing;

/// <summary>
/// Each optimizer group has its own queue: while one group's planning or commit is held up (its table's load blocked
/// at a gate), another group's optimizer still polls, acknowledges and completes, and its process commits.
/// </summary>
public sealed class GroupIndependenceTests
{
    private static readonly TableIdentifier SlowTable = TableIdentifier.Of("db", "slow");
    private static readonly TableIdentifier QuickTable = TableIdentifier.Of("db", "quick");

    [Fact]
    public async Task A_group_whose_planning_is_blocked_does_not_hold_up_another_groups_poll_ack_and_completion()
    {
        var gate = new TableLoadGate();
        await using OptimizingServer server = await OptimizingServer.StartAsync(openStores: gate.OpenAsync);
        var (slow, quick, slowOptimizer, quickOptimizer) = await TwoGroupsAsync(server);
        List<long> slowIds = await server.IdsAsync(slow), quickIds = await server.IdsAsync(quick);

        gate.Arm(SlowTable);
        Assert.Null(await server.PollAsync(slowOptimizer, attempts: 1));
        await gate.WaitEnteredAsync();
        Assert.Equal("planning", await StatusAsync(server, SlowTable));

        long quickProcess = await RunOneTaskAsync(server, quickOptimizer);
        Assert.Equal("success", (await server.WaitForProcessAsync(quickProcess)).GetProperty("status").GetString());
        Assert.Equal("planning", await StatusAsync(server, SlowTable));

        gate.Release();
        long slowProcess = await RunOneTaskAsync(server, slowOptimizer);
        Assert.Equal("success", (await server.WaitForProcessAsync(slowProcess)).GetProperty("status").GetString());
        await AssertCompactedAsync(server, slow, slowIds);
        await AssertCompactedAsync(server, quick, quickIds);
    }

    [Fact]
    public async Task A_group_whose_commit_is_blocked_does_not_hold_up_another_groups_poll_ack_and_completion()
    {
        var gate = new TableLoadGate();
        await using OptimizingServer server = await OptimizingServer.StartAsync(openStores: gate.OpenAsync);
        var (slow, quick, slowOptimizer, quickOptimizer) = await TwoGroupsAsync(server);
        List<long> slowIds = await server.IdsAsync(slow), quickIds = await server.IdsAsync(quick);

        JsonElement slowTask = (await server.PollAsync(slowOptimizer, attempts: 100))!.Value;
        Assert.Equal(200, (await server.CallAsync(HttpMethod.Post, "/api/optimizer/v1/ack", OptimizingServer.Identity(slowTask), slowOptimizer)).Status);
        string slowOutput = await OptimizingServer.ExecuteAsync(slowTask);
        gate.Arm(SlowTable);
        Assert.Equal(200, (await server.CompleteAsync(slowOptimizer, slowTask, slowOutput)).Status);
        await gate.WaitEnteredAsync();
        long slowProcess = slowTask.GetProperty("process-id").GetInt64();

        long quickProcess = await RunOneTaskAsync(server, quickOptimizer);
        Assert.Equal("success", (await server.WaitForProcessAsync(quickProcess)).GetProperty("status").GetString());
        Assert.Equal("committing", await StatusAsync(server, SlowTable));
        Assert.Equal("running", (await server.CallAsync(HttpMethod.Get, $"/api/floe/v1/optimizing/processes/{slowProcess}")).Body.GetProperty("status").GetString());

        gate.Release();
        Assert.Equal("success", (await server.WaitForProcessAsync(slowProcess)).GetProperty("status").GetString());
        await AssertCompactedAsync(server, slow, slowIds);
        await AssertCompactedAsync(server, quick, quickIds);
    }

    /// <summary>Groups <c>slow</c> and <c>quick</c>, each with a table of five small files pending and an optimizer registered (tokens returned).</summary>
    private static async Task<(IcebergTable Slow, IcebergTable Quick, string SlowOptimizer, string QuickOptimizer)> TwoGroupsAsync(OptimizingServer server)
    {
        foreach (string group in new[] { "slow", "quick" })
        {
            var (status, _) = await server.CallAsync(HttpMethod.Post, "/api/floe/v1/optimizer-groups", new Dictionary<string, object> { ["name"] = group, ["local-threads"] = 0 });
            Assert.Equal(201, status);
        }

        IcebergTable slow = await server.CreateTableAsync(new Dictionary<string, string> { ["self-optimizing.group"] = "slow" }, SlowTable);
        IcebergTable quick = await server.CreateTableAsync(new Dictionary<string, string> { ["self-optimizing.group"] = "quick" }, QuickTable);
        await server.AppendAsync(slow, files: 5, rows: 10);
        await server.AppendAsync(quick, files: 5, rows: 10);
        await server.RefreshAsync();
        return (slow, quick, await server.RegisterAsync(group: "slow"), await server.RegisterAsync(group: "quick"));
    }

    /// <summary>Polls a task for the optimizer, acknowledges it, runs it and completes it; returns its process.</summary>
    private static async Task<long> RunOneTaskAsync(OptimizingServer server, string optimizer)
    {
        JsonElement task = (await server.PollAsync(optimizer, attempts: 100))!.Value;
        Assert.Equal(200, (await server.CallAsync(HttpMethod.Post, "/api/optimizer/v1/ack", OptimizingServer.Identity(task), optimizer)).Status);
        Assert.Equal(200, (await server.CompleteAsync(optimizer, task, await OptimizingServer.ExecuteAsync(task))).Status);
        return task.GetProperty("process-id").GetInt64();
    }

    private static async Task<string?> StatusAsync(OptimizingServer server, TableIdentifier table) =>
        (await server.TableStatusAsync(table)).GetProperty("table").GetProperty("status").GetString();

    private static async Task AssertCompactedAsync(OptimizingServer server, IcebergTable table, List<long> ids)
    {
        Assert.Equal(1, await OptimizingServer.DataFileCountAsync(table));
        Assert.Equal(ids, await server.IdsAsync(table));
    }
}
