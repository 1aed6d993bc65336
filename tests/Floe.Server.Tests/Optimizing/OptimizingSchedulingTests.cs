using System.Text.Json;
using Floe.Server.Configuration;
using Floe.Table.Operations;
using Microsoft.Extensions.Time.Testing;

namespace Floe.Server.Tests.Optimizing;

/// <summary>Quotas, groups and the management API of the optimizing service.</summary>
public sealed class OptimizingSchedulingTests
{
    /// <summary>A partitioned table whose two partitions each hold small files: one process of two tasks.</summary>
    private static async Task<OptimizingServer> TwoTaskTableAsync(OptimizingOptions options, string quota)
    {
        var server = await OptimizingServer.StartAsync(options);
        IcebergTable table = await server.CreateTableAsync(new Dictionary<string, string> { ["self-optimizing.quota"] = quota }, partitioned: true);
        await server.AppendAsync(table, files: 4, rows: 10, partition: "a");
        await server.AppendAsync(table, files: 4, rows: 10, partition: "b");
        await server.RefreshAsync();
        return server;
    }

    [Fact]
    public async Task A_table_runs_no_more_tasks_than_its_quota_when_the_limit_may_not_be_broken()
    {
        await using OptimizingServer server = await TwoTaskTableAsync(OptimizingServer.FastOptions with { BreakQuotaLimit = false }, quota: "0.5");
        string token = await server.RegisterAsync(threads: 2);

        JsonElement first = (await server.PollAsync(token, thread: 0))!.Value;
        Assert.Null(await server.PollAsync(token, thread: 1, attempts: 2));
        Assert.Equal(200, (await server.CompleteAsync(token, first, await OptimizingServer.ExecuteAsync(first), thread: 0)).Status);
        JsonElement second = (await server.PollAsync(token, thread: 1))!.Value;

        Assert.Equal(first.GetProperty("process-id").GetInt64(), second.GetProperty("process-id").GetInt64());
        Assert.NotEqual(first.GetProperty("task-id").GetInt32(), second.GetProperty("task-id").GetInt32());
        Assert.Equal(200, (await server.CompleteAsync(token, second, await OptimizingServer.ExecuteAsync(second), thread: 1)).Status);
        JsonElement process = await server.WaitForProcessAsync(first.GetProperty("process-id").GetInt64());
        Assert.Equal(("success", 2), (process.GetProperty("status").GetString(), process.GetProperty("task-count").GetInt32()));
        Assert.Equal(2, await OptimizingServer.DataFileCountAsync(await server.OpenTableAsync()));
    }

    [Fact]
    public async Task A_table_may_exceed_its_quota_when_no_other_table_has_work()
    {
        await using OptimizingServer server = await TwoTaskTableAsync(OptimizingServer.FastOptions, quota: "0.5");
        string token = await server.RegisterAsync(threads: 2);

        JsonElement first = (await server.PollAsync(token, thread: 0))!.Value;
        JsonElement? second = await server.PollAsync(token, thread: 1, attempts: 2);

        Assert.NotNull(second);
        Assert.NotEqual(first.GetProperty("task-id").GetInt32(), second.Value.GetProperty("task-id").GetInt32());
    }

    [Fact]
    public async Task The_table_furthest_below_its_quota_is_planned_first()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using OptimizingServer server = await OptimizingServer.StartAsync(clock: clock);
        IcebergTable busy = await server.CreateTableAsync(id: Floe.Catalog.TableIdentifier.Of("db", "busy"));
        IcebergTable quiet = await server.CreateTableAsync(id: Floe.Catalog.TableIdentifier.Of("db", "quiet"));
        await server.AppendAsync(busy, files: 5, rows: 10);
        await server.RefreshAsync();
        string token = await server.RegisterAsync();
        JsonElement busyTask = (await server.PollAsync(token))!.Value;
        clock.Advance(TimeSpan.FromSeconds(1)); // execution time on the server's clock counts against the busy table's quota
        Assert.Equal(200, (await server.CompleteAsync(token, busyTask, await OptimizingServer.ExecuteAsync(busyTask))).Status);
        await server.WaitForProcessAsync(busyTask.GetProperty("process-id").GetInt64());

        await server.AppendAsync(busy, files: 5, rows: 10);
        await server.AppendAsync(quiet, files: 5, rows: 10);
        await server.RefreshAsync();
        JsonElement next = (await server.PollAsync(token))!.Value;

        var (_, process) = await server.CallAsync(HttpMethod.Get, $"/api/floe/v1/optimizing/processes/{next.GetProperty("process-id").GetInt64()}");
        Assert.Equal("quiet", process.GetProperty("table").GetString());
        var (_, busyStatus) = await server.CallAsync(HttpMethod.Get, "/api/floe/v1/catalogs/default/namespaces/db/tables/busy/optimizing");
        Assert.True(busyStatus.GetProperty("table").GetProperty("quota-occupation").GetDouble() > 0);
    }

    [Fact]
    public async Task Groups_are_created_resized_listed_and_dropped_and_registering_in_an_unknown_group_is_404()
    {
        await using OptimizingServer server = await OptimizingServer.StartAsync();

        var created = await server.CallAsync(HttpMethod.Post, "/api/floe/v1/optimizer-groups", new Dictionary<string, object> { ["name"] = "etl", ["local-threads"] = 0 });
        Assert.Equal(201, created.Status);
        Assert.Equal(409, (await server.CallAsync(HttpMethod.Post, "/api/floe/v1/optimizer-groups", new { name = "etl" })).Status);
        Assert.Equal(400, (await server.CallAsync(HttpMethod.Post, "/api/floe/v1/optimizer-groups", new Dictionary<string, object> { ["name"] = "x", ["local-threads"] = -1 })).Status);
        Assert.Equal(200, (await server.CallAsync(HttpMethod.Put, "/api/floe/v1/optimizer-groups/etl", new Dictionary<string, object> { ["local-threads"] = 0 })).Status);
        Assert.Equal(404, (await server.CallAsync(HttpMethod.Put, "/api/floe/v1/optimizer-groups/nope", new Dictionary<string, object> { ["local-threads"] = 1 })).Status);
        string token = await server.RegisterAsync(threads: 3, group: "etl");

        var (_, groups) = await server.CallAsync(HttpMethod.Get, "/api/floe/v1/optimizer-groups");
        JsonElement etl = groups.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "etl");
        Assert.Equal((1, 3), (etl.GetProperty("optimizers").GetInt32(), etl.GetProperty("threads").GetInt32()));
        Assert.Contains(groups.GetProperty("groups").EnumerateArray(), g => g.GetProperty("name").GetString() == "default");
        var (_, optimizers) = await server.CallAsync(HttpMethod.Get, "/api/floe/v1/optimizers");
        Assert.Equal("etl", Assert.Single(optimizers.GetProperty("optimizers").EnumerateArray()).GetProperty("group").GetString());
        Assert.Equal(409, (await server.CallAsync(HttpMethod.Delete, "/api/floe/v1/optimizer-groups/etl")).Status);
        Assert.Equal(200, (await server.CallAsync(HttpMethod.Post, "/api/optimizer/v1/unregister", new { }, token)).Status);
        Assert.Equal(204, (await server.CallAsync(HttpMethod.Delete, "/api/floe/v1/optimizer-groups/etl")).Status);
        Assert.Equal(400, (await server.CallAsync(HttpMethod.Delete, "/api/floe/v1/optimizer-groups/default")).Status);

        var (status, body) = await server.CallAsync(HttpMethod.Post, "/api/optimizer/v1/register", new Dictionary<string, object> { ["group"] = "etl", ["threads"] = 1 });
        Assert.Equal((404, "NoSuchGroup"), (status, body.GetProperty("error").GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Bad_protocol_calls_are_clear_errors_and_the_server_keeps_serving()
    {
        await using OptimizingServer server = await OptimizingServer.StartAsync();

        Assert.Equal(400, (await server.CallAsync(HttpMethod.Post, "/api/optimizer/v1/register", "not json")).Status);
        Assert.Equal(400, (await server.CallAsync(HttpMethod.Post, "/api/optimizer/v1/register", new { group = "default" })).Status);
        Assert.Equal(400, (await server.CallAsync(HttpMethod.Post, "/api/optimizer/v1/register", new Dictionary<string, object> { ["threads"] = 0 })).Status);
        var (status, body) = await server.CallAsync(HttpMethod.Post, "/api/optimizer/v1/poll", new { thread = 0 });
        Assert.Equal((401, "BadOptimizerToken"), (status, body.GetProperty("error").GetProperty("type").GetString()));
        var malformed = await server.CallAsync(HttpMethod.Post, "/api/optimizer/v1/poll", new { thread = 0 }, "not-a-token");
        Assert.Equal((401, "BadOptimizerToken"), (malformed.Status, malformed.Body.GetProperty("error").GetProperty("type").GetString()));
        var unknown = await server.CallAsync(HttpMethod.Post, "/api/optimizer/v1/heartbeat", new { }, new string('a', 32));
        Assert.Equal((401, "UnknownOptimizer"), (unknown.Status, unknown.Body.GetProperty("error").GetProperty("type").GetString()));
        string token = await server.RegisterAsync();
        Assert.Equal(400, (await server.CallAsync(HttpMethod.Post, "/api/optimizer/v1/poll", new { thread = 10_000_000_000L }, token)).Status);
        var badThread = await server.CallAsync(HttpMethod.Post, "/api/optimizer/v1/poll", new { thread = 5 }, token);
        Assert.Equal(400, badThread.Status);
        Assert.Contains("Thread 5", badThread.Body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var stale = await server.CallAsync(HttpMethod.Post, "/api/optimizer/v1/ack", new Dictionary<string, object> { ["thread"] = 0, ["process-id"] = 99, ["task-id"] = 1, ["attempt"] = 1 }, token);
        Assert.Equal((409, "StaleTask"), (stale.Status, stale.Body.GetProperty("error").GetProperty("type").GetString()));
        var neither = await server.CallAsync(HttpMethod.Post, "/api/optimizer/v1/complete", new Dictionary<string, object> { ["thread"] = 0, ["process-id"] = 1, ["task-id"] = 1, ["attempt"] = 1 }, token);
        Assert.Equal(400, neither.Status);
        Assert.Equal(400, (await server.CallAsync(HttpMethod.Get, "/api/floe/v1/optimizing/processes/abc")).Status);
        Assert.Equal(404, (await server.CallAsync(HttpMethod.Get, "/api/floe/v1/optimizing/processes/12345")).Status);
        Assert.Equal(400, (await server.CallAsync(HttpMethod.Get, "/api/floe/v1/optimizing/processes?limit=0")).Status);
        Assert.Equal(404, (await server.CallAsync(HttpMethod.Get, "/api/floe/v1/catalogs/default/namespaces/db/tables/none/optimizing")).Status);
        Assert.Equal(200, (await server.CallAsync(HttpMethod.Post, "/api/optimizer/v1/heartbeat", new { }, token)).Status);
    }

    [Fact]
    public async Task A_table_of_an_unknown_group_says_so()
    {
        await using OptimizingServer server = await OptimizingServer.StartAsync();
        IcebergTable table = await server.CreateTableAsync(new Dictionary<string, string> { ["self-optimizing.group"] = "nightly" });
        await server.AppendAsync(table, files: 6, rows: 5);

        await server.RefreshAsync();

        JsonElement status = (await server.TableStatusAsync()).GetProperty("table");
        Assert.Equal(("nightly", "pending"), (status.GetProperty("group").GetString(), status.GetProperty("status").GetString()));
        Assert.Contains("Optimizer group nightly", status.GetProperty("last-error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_table_is_never_pending()
    {
        await using OptimizingServer server = await OptimizingServer.StartAsync();
        IcebergTable table = await server.CreateTableAsync(new Dictionary<string, string> { ["self-optimizing.enabled"] = "false" });
        await server.AppendAsync(table, files: 6, rows: 5);

        await server.RefreshAsync();

        JsonElement status = (await server.TableStatusAsync()).GetProperty("table");
        Assert.Equal("idle", status.GetProperty("status").GetString());
        var (_, processes) = await server.CallAsync(HttpMethod.Get, "/api/floe/v1/catalogs/default/namespaces/db/tables/events/optimizing/processes");
        Assert.Empty(processes.GetProperty("processes").EnumerateArray());
    }
}
