using System.Text.Json;
using Floe.Server.Configuration;
using Floe.Table.Operations;

namespace Floe.Server.Tests.Optimizing;

/// <summary>The optimizer the server runs itself keeps tables compacted with nothing else running.</summary>
public sealed class LocalOptimizerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly OptimizingOptions Embedded = OptimizingServer.FastOptions with { LocalThreads = 1, RefreshIntervalMs = 200 };

    [Fact]
    public async Task The_embedded_optimizer_compacts_a_pending_table_on_a_token_authenticated_server()
    {
        await using var server = await OptimizingServer.StartAsync(Embedded, AuthMode.Token);
        server.BearerToken = (await server.Server.Tokens.CreateAsync("admin", isAdmin: true, catalogs: null, Ct)).Secret;
        IcebergTable table = await server.CreateTableAsync();
        // One commit: with refreshes every 0.2 s, separate commits could be planned before the last of them lands.
        await server.AppendAsync(table, files: 6, rows: 20, oneCommit: true);
        List<long> ids = await server.IdsAsync(table);

        JsonElement process = await WaitForProcessOfTableAsync(server);

        Assert.Equal("success", process.GetProperty("status").GetString());
        Assert.Equal(1, await OptimizingServer.DataFileCountAsync(table));
        Assert.Equal(ids, await server.IdsAsync(table));
        Assert.Contains("1 local thread(s) in group default", server.Running.Console.ToString(), StringComparison.Ordinal);
        var (_, optimizers) = await server.CallAsync(HttpMethod.Get, "/api/floe/v1/optimizers");
        Assert.True(Assert.Single(optimizers.GetProperty("optimizers").EnumerateArray()).GetProperty("local").GetBoolean());
    }

    [Fact]
    public async Task Resizing_a_group_restarts_its_local_optimizer_and_zero_stops_it()
    {
        await using var server = await OptimizingServer.StartAsync(Embedded);

        Assert.Equal(200, (await server.CallAsync(HttpMethod.Put, "/api/floe/v1/optimizer-groups/default", new Dictionary<string, object> { ["local-threads"] = 3 })).Status);
        await WaitForThreadsAsync(server, 3);
        Assert.Equal(201, (await server.CallAsync(HttpMethod.Post, "/api/floe/v1/optimizer-groups", new Dictionary<string, object> { ["name"] = "etl", ["local-threads"] = 2 })).Status);
        await WaitForThreadsAsync(server, 5);
        Assert.Equal(200, (await server.CallAsync(HttpMethod.Put, "/api/floe/v1/optimizer-groups/default", new Dictionary<string, object> { ["local-threads"] = 0 })).Status);
        await WaitForThreadsAsync(server, 2);
    }

    private static async Task WaitForThreadsAsync(OptimizingServer server, int threads)
    {
        int seen = -1;
        for (int i = 0; i < 100; i++)
        {
            var (_, body) = await server.CallAsync(HttpMethod.Get, "/api/floe/v1/optimizers");
            seen = body.GetProperty("optimizers").EnumerateArray().Sum(o => o.GetProperty("threads").GetInt32());
            if (seen == threads)
            {
                return;
            }

            await Task.Delay(50, Ct);
        }

        Assert.Fail($"Expected {threads} registered optimizer threads, saw {seen}.");
    }

    private static async Task<JsonElement> WaitForProcessOfTableAsync(OptimizingServer server)
    {
        for (int i = 0; i < 300; i++)
        {
            var (_, body) = await server.CallAsync(HttpMethod.Get, "/api/floe/v1/catalogs/default/namespaces/db/tables/events/optimizing/processes");
            if (body.ValueKind == JsonValueKind.Object && body.GetProperty("processes").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } process
                && process.GetProperty("status").GetString() != "running")
            {
                return process;
            }

            await Task.Delay(50, Ct);
        }

        throw new TimeoutException("The embedded optimizer did not finish a process.");
    }
}
