using System.Text.Json;
using Floe.Catalog;
using Floe.Table.Operations;
using Microsoft.Extensions.Time.Testing;

namespace Floe.Server.Tests.Optimizing;

public sealed class OptimizingServiceTests
{
    [Fact]
    public async Task Small_appends_are_pending_planned_on_poll_executed_by_an_optimizer_and_committed()
    {
        await using var server = await OptimizingServer.StartAsync();
        IcebergTable table = await server.CreateTableAsync();
        await server.AppendAsync(table, files: 6, rows: 50);
        List<long> before = await server.IdsAsync(table);

        await server.RefreshAsync();
        JsonElement pending = (await server.TableStatusAsync()).GetProperty("table");
        Assert.Equal("pending", pending.GetProperty("status").GetString());
        Assert.Equal("minor", pending.GetProperty("optimizing-type").GetString());
        Assert.Contains("6 fragment file", pending.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(6, pending.GetProperty("pending").GetProperty("fragments").GetInt32());

        string token = await server.RegisterAsync();
        JsonElement task = (await server.PollAsync(token)) ?? throw new InvalidOperationException("No task was dispatched.");
        Assert.Equal("iceberg-rewrite", task.GetProperty("kind").GetString());
        Assert.Equal(1, task.GetProperty("attempt").GetInt32());
        JsonElement running = (await server.TableStatusAsync()).GetProperty("table");
        Assert.Equal("minor-optimizing", running.GetProperty("status").GetString());

        Assert.Equal(200, (await server.CallAsync(HttpMethod.Post, "/api/optimizer/v1/ack", OptimizingServer.Identity(task), token)).Status);
        string output = await OptimizingServer.ExecuteAsync(task);
        Assert.Equal(200, (await server.CompleteAsync(token, task, output)).Status);

        JsonElement process = await server.WaitForProcessAsync(task.GetProperty("process-id").GetInt64());
        Assert.Equal("success", process.GetProperty("status").GetString());
        Assert.Equal(6, process.GetProperty("input-files").GetInt64());
        Assert.Equal(1, process.GetProperty("output-files").GetInt64());
        Assert.Equal(1, await OptimizingServer.DataFileCountAsync(table));
        Assert.Equal(before, await server.IdsAsync(table));
        JsonElement idle = (await server.TableStatusAsync()).GetProperty("table");
        Assert.Equal("idle", idle.GetProperty("status").GetString());
        Assert.NotEqual(0, idle.GetProperty("last-minor-optimizing-ms").GetInt64());
    }

    [Fact]
    public async Task Taking_the_last_queued_task_plans_the_next_pending_table_while_that_task_runs()
    {
        await using var server = await OptimizingServer.StartAsync();
        TableIdentifier other = TableIdentifier.Of("db", "other");
        IcebergTable first = await server.CreateTableAsync();
        IcebergTable second = await server.CreateTableAsync(id: other);
        await server.AppendAsync(first, files: 6, rows: 50);
        await server.AppendAsync(second, files: 6, rows: 50);
        await server.RefreshAsync();
        string token = await server.RegisterAsync();

        JsonElement task = (await server.PollAsync(token)) ?? throw new InvalidOperationException("No task was dispatched.");

        // No other poll: the other table is planned while the task runs, so both tables are optimizing.
        async Task<string?> StatusAsync(TableIdentifier id) => (await server.TableStatusAsync(id)).GetProperty("table").GetProperty("status").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await StatusAsync(OptimizingServer.TableId) == "minor-optimizing" && await StatusAsync(other) == "minor-optimizing"))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the other table was not planned: {await StatusAsync(OptimizingServer.TableId)} and {await StatusAsync(other)}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Equal(200, (await server.CompleteAsync(token, task, await OptimizingServer.ExecuteAsync(task))).Status);
        JsonElement next = (await server.PollAsync(token)) ?? throw new InvalidOperationException("The planned task was not dispatched.");
        Assert.NotEqual(task.GetProperty("process-id").GetInt64(), next.GetProperty("process-id").GetInt64());
        Assert.Equal(200, (await server.CompleteAsync(token, next, await OptimizingServer.ExecuteAsync(next))).Status);
        Assert.Equal("success", (await server.WaitForProcessAsync(next.GetProperty("process-id").GetInt64())).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ended_processes_leave_the_history_after_the_keep_time()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await OptimizingServer.StartAsync(OptimizingServer.FastOptions with { HistoryKeepMs = 0 }, clock: clock);
        IcebergTable table = await server.CreateTableAsync();
        await server.AppendAsync(table, files: 5, rows: 5);
        await server.RefreshAsync();
        string token = await server.RegisterAsync();
        JsonElement task = (await server.PollAsync(token))!.Value;
        Assert.Equal(200, (await server.CompleteAsync(token, task, await OptimizingServer.ExecuteAsync(task))).Status);
        long processId = task.GetProperty("process-id").GetInt64();
        Assert.Equal("success", (await server.WaitForProcessAsync(processId)).GetProperty("status").GetString());
        clock.Advance(TimeSpan.FromMilliseconds(1));

        int pruned = await server.Server.Optimizing!.PruneHistoryAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, pruned);
        Assert.Equal(404, (await server.CallAsync(HttpMethod.Get, $"/api/floe/v1/optimizing/processes/{processId}")).Status);
    }
}
