using System.Text.Json;
using Floe.Server.Configuration;
using Floe.Table.Operations;
using Microsoft.Extensions.Time.Testing;

namespace Floe.Server.Tests.Optimizing;

/// <summary>Failures, retries, timeouts, stale answers, cancellation and restarts: nothing lost, nothing duplicated.</summary>
public sealed class OptimizingFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(OptimizingServer Server, IcebergTable Table, List<long> Ids)> PendingTableAsync(OptimizingOptions? options = null, TimeProvider? clock = null)
    {
        var server = await OptimizingServer.StartAsync(options, clock: clock);
        IcebergTable table = await server.CreateTableAsync();
        await server.AppendAsync(table, files: 5, rows: 20);
        await server.RefreshAsync();
        return (server, table, await server.IdsAsync(table));
    }

    [Fact]
    public async Task A_failed_task_is_retried_then_the_process_fails_with_its_error_and_the_table_is_untouched()
    {
        var (server, table, ids) = await PendingTableAsync();
        await using (server)
        {
            string token = await server.RegisterAsync();
            JsonElement first = (await server.PollAsync(token))!.Value;
            Assert.Equal(200, (await server.CompleteAsync(token, first, null, "disk full")).Status);

            JsonElement second = (await server.PollAsync(token))!.Value;
            Assert.Equal(first.GetProperty("task-id").GetInt32(), second.GetProperty("task-id").GetInt32());
            Assert.Equal(2, second.GetProperty("attempt").GetInt32());
            Assert.Equal(200, (await server.CompleteAsync(token, second, null, "disk full again")).Status);
            JsonElement third = (await server.PollAsync(token))!.Value;
            Assert.Equal(200, (await server.CompleteAsync(token, third, null, "still full")).Status);

            JsonElement process = await server.WaitForProcessAsync(first.GetProperty("process-id").GetInt64());
            Assert.Equal("failed", process.GetProperty("status").GetString());
            Assert.Contains("still full", process.GetProperty("fail-reason").GetString(), StringComparison.Ordinal);
            JsonElement task = process.GetProperty("tasks")[0];
            Assert.Equal(("failed", 3), (task.GetProperty("status").GetString(), task.GetProperty("retries").GetInt32()));
            JsonElement status = (await server.TableStatusAsync()).GetProperty("table");
            Assert.Equal("idle", status.GetProperty("status").GetString());
            Assert.Contains("still full", status.GetProperty("last-error").GetString(), StringComparison.Ordinal);
            Assert.Equal(5, await OptimizingServer.DataFileCountAsync(table));
            Assert.Equal(ids, await server.IdsAsync(table));
        }
    }

    [Fact]
    public async Task A_dead_optimizers_task_goes_back_to_the_queue_at_the_heartbeat_timeout_and_its_late_output_is_refused_and_deleted()
    {
        const long heartbeatTimeoutMs = 10_000;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (server, table, ids) = await PendingTableAsync(OptimizingServer.FastOptions with { HeartbeatTimeoutMs = heartbeatTimeoutMs }, clock);
        await using (server)
        {
            string dead = await server.RegisterAsync();
            JsonElement lost = (await server.PollAsync(dead))!.Value;
            string lateOutput = await OptimizingServer.ExecuteAsync(lost);

            // The dead optimizer sends no heartbeat; a live one beats at every second of the server's clock.
            string live = await server.RegisterAsync();
            long silentMs = 0;
            while (await server.IsRegisteredAsync(dead))
            {
                Assert.True(silentMs <= 10 * heartbeatTimeoutMs, $"The silent optimizer is still registered after {silentMs} ms on the server's clock.");
                Assert.Equal(200, (await server.CallAsync(HttpMethod.Post, "/api/optimizer/v1/heartbeat", new { }, live)).Status);
                clock.Advance(TimeSpan.FromSeconds(1));
                silentMs += 1_000;
            }

            Assert.True(silentMs > heartbeatTimeoutMs, $"The optimizer was dropped after {silentMs} ms, before its {heartbeatTimeoutMs} ms heartbeat timeout.");
            Assert.True(await server.IsRegisteredAsync(live));
            JsonElement? again = await server.PollAsync(live);
            Assert.NotNull(again);
            Assert.Equal(2, again.Value.GetProperty("attempt").GetInt32());
            var (status, body) = await server.CompleteAsync(dead, lost, lateOutput);
            Assert.Equal((401, "UnknownOptimizer"), (status, body.GetProperty("error").GetProperty("type").GetString()));

            // Registered again, the old attempt is stale: refused and its files deleted.
            string back = await server.RegisterAsync();
            var stale = await server.CompleteAsync(back, lost, lateOutput);
            Assert.Equal((409, "StaleTask"), (stale.Status, stale.Body.GetProperty("error").GetProperty("type").GetString()));
            string lateFile = JsonDocument.Parse(lateOutput).RootElement.GetProperty("data-files")[0].GetProperty("file-path").GetString()!;
            await WaitUntilAsync(() => !File.Exists(new Uri(lateFile).IsFile ? new Uri(lateFile).LocalPath : lateFile));

            Assert.Equal(200, (await server.CompleteAsync(live, again.Value, await OptimizingServer.ExecuteAsync(again.Value))).Status);
            JsonElement process = await server.WaitForProcessAsync(lost.GetProperty("process-id").GetInt64());
            Assert.Equal("success", process.GetProperty("status").GetString());
            Assert.Equal(1, await OptimizingServer.DataFileCountAsync(table));
            Assert.Equal(ids, await server.IdsAsync(table));
        }
    }

    [Fact]
    public async Task Cancelling_a_running_process_closes_it_and_the_table_goes_idle()
    {
        var (server, table, ids) = await PendingTableAsync();
        await using (server)
        {
            string token = await server.RegisterAsync();
            JsonElement task = (await server.PollAsync(token))!.Value;
            long processId = task.GetProperty("process-id").GetInt64();

            var (status, body) = await server.CallAsync(HttpMethod.Post, $"/api/floe/v1/optimizing/processes/{processId}/cancel", new { });

            Assert.Equal(200, status);
            Assert.Equal("closed", body.GetProperty("status").GetString());
            Assert.Equal("canceled", body.GetProperty("tasks")[0].GetProperty("status").GetString());
            Assert.Equal(409, (await server.CompleteAsync(token, task, await OptimizingServer.ExecuteAsync(task))).Status);
            Assert.Equal("idle", (await server.TableStatusAsync()).GetProperty("table").GetProperty("status").GetString());
            Assert.Equal(404, (await server.CallAsync(HttpMethod.Post, $"/api/floe/v1/optimizing/processes/{processId}/cancel", new { })).Status);
            Assert.Equal(ids, await server.IdsAsync(table));
            Assert.Equal(5, await OptimizingServer.DataFileCountAsync(table));
        }
    }

    [Fact]
    public async Task After_a_restart_held_tasks_go_back_to_the_queue_and_the_process_completes()
    {
        var (server, table, ids) = await PendingTableAsync();
        await using (server)
        {
            string token = await server.RegisterAsync();
            JsonElement held = (await server.PollAsync(token))!.Value;
            long processId = held.GetProperty("process-id").GetInt64();

            await server.RestartAsync();

            Assert.Equal("minor-optimizing", (await server.TableStatusAsync()).GetProperty("table").GetProperty("status").GetString());
            Assert.Equal(401, (await server.CallAsync(HttpMethod.Post, "/api/optimizer/v1/heartbeat", new { }, token)).Status);
            string again = await server.RegisterAsync();
            JsonElement task = (await server.PollAsync(again))!.Value;
            Assert.Equal((processId, 2), (task.GetProperty("process-id").GetInt64(), task.GetProperty("attempt").GetInt32()));
            Assert.Equal(200, (await server.CompleteAsync(again, task, await OptimizingServer.ExecuteAsync(task))).Status);

            Assert.Equal("success", (await server.WaitForProcessAsync(processId)).GetProperty("status").GetString());
            IcebergTable reopened = await server.OpenTableAsync();
            Assert.Equal(1, await OptimizingServer.DataFileCountAsync(reopened));
            Assert.Equal(ids, await server.IdsAsync(reopened));
        }
    }

    [Fact]
    public async Task A_writer_committing_during_the_process_is_kept()
    {
        var (server, table, _) = await PendingTableAsync();
        await using (server)
        {
            string token = await server.RegisterAsync();
            JsonElement task = (await server.PollAsync(token))!.Value;
            string output = await OptimizingServer.ExecuteAsync(task);
            await server.AppendAsync(table, files: 2, rows: 10);
            List<long> expected = await server.IdsAsync(table);

            Assert.Equal(200, (await server.CompleteAsync(token, task, output)).Status);

            Assert.Equal("success", (await server.WaitForProcessAsync(task.GetProperty("process-id").GetInt64())).GetProperty("status").GetString());
            Assert.Equal(expected, await server.IdsAsync(table));
            Assert.Equal(3, await OptimizingServer.DataFileCountAsync(table));
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.True(condition());
    }
}
