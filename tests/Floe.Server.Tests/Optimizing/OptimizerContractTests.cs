using System.Text.Json;
using Floe.Common.Errors;
using Floe.Contracts.Optimizer;
using Floe.Optimizer;
using Floe.Optimizer.Protocol;
using Floe.Server.Configuration;
using Floe.Table.Operations;

namespace Floe.Server.Tests.Optimizing;

/// <summary>
/// Both halves of the optimizer protocol against each other: the real <see cref="OptimizerClient"/> drives the real
/// server's endpoints through every call and the refusals an optimizer acts on.
/// </summary>
public sealed class OptimizerContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_client_and_the_server_agree_on_every_call_of_a_task()
    {
        await using var server = await OptimizingServer.StartAsync(auth: AuthMode.Token);
        server.BearerToken = await AdminSecretAsync(server);
        IcebergTable table = await server.CreateTableAsync();
        await server.AppendAsync(table, files: 6, rows: 20);
        List<long> before = await server.IdsAsync(table);
        await server.RefreshAsync();
        using var client = new OptimizerClient(server.Server.Address, server.BearerToken);

        OptimizerRegistration registration = await client.RegisterAsync(
            new RegisterRequest { Group = "default", Threads = 2, MemoryMb = 256, ResourceId = "pod-1", Properties = new Dictionary<string, string> { ["zone"] = "a" } }, Ct);
        Assert.Equal("default", registration.Group);
        Assert.Equal(TimeSpan.FromMilliseconds(OptimizingServer.FastOptions.HeartbeatIntervalMs), registration.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(OptimizingServer.FastOptions.PollTimeoutMs), registration.PollTimeout);
        JsonElement shown = Assert.Single((await server.CallAsync(HttpMethod.Get, "/api/floe/v1/optimizers")).Body.GetProperty("optimizers").EnumerateArray());
        Assert.Equal(("pod-1", 2, 256L), (shown.GetProperty("resource-id").GetString(), shown.GetProperty("threads").GetInt32(), shown.GetProperty("memory-mb").GetInt64()));

        await client.HeartbeatAsync(registration.Token, Ct);
        OptimizerTask task = await PollUntilTaskAsync(client, registration, thread: 1);
        Assert.Equal("iceberg-rewrite", task.Kind);
        Assert.Equal(1, task.Id.Attempt);
        await client.AckAsync(registration.Token, 1, task.Id, Ct);
        string output = await Floe.Optimizing.Execution.OptimizingTaskExecutors.CreateDefault(new Floe.Core.IO.LocalFileIO())
            .ExecuteAsync(task.Kind, task.InputJson, task.Id.Attempt, Ct);
        await client.CompleteAsync(registration.Token, 1, task.Id, OptimizerTaskResult.Success(output), Ct);

        JsonElement process = await server.WaitForProcessAsync(task.Id.ProcessId);
        Assert.Equal("success", process.GetProperty("status").GetString());
        Assert.Equal(1, await OptimizingServer.DataFileCountAsync(table));
        Assert.Equal(before, await server.IdsAsync(table));

        await client.UnregisterAsync(registration.Token, Ct);
        Assert.Empty((await server.CallAsync(HttpMethod.Get, "/api/floe/v1/optimizers")).Body.GetProperty("optimizers").EnumerateArray());
    }

    [Fact]
    public async Task The_servers_refusals_tell_the_client_to_register_again_drop_the_task_or_give_up()
    {
        await using var server = await OptimizingServer.StartAsync(auth: AuthMode.Token);
        string admin = await AdminSecretAsync(server);
        using var client = new OptimizerClient(server.Server.Address, admin);
        OptimizerRegistration registration = await client.RegisterAsync(new RegisterRequest { Group = "default", Threads = 1 }, Ct);

        // Not this optimizer's attempt: drop it.
        var stale = await Assert.ThrowsAsync<OptimizerProtocolException>(() => client.AckAsync(registration.Token, 0, new TaskAttemptId(99, 1, 1), Ct));
        Assert.True(stale.IsStaleTask);
        Assert.False(stale.IsTransient);
        Assert.Equal((409, OptimizerErrorTypes.StaleTask, FloeErrorKind.CommitConflict), (stale.StatusCode, stale.ErrorType, stale.Kind));
        var staleComplete = await Assert.ThrowsAsync<OptimizerProtocolException>(
            () => client.CompleteAsync(registration.Token, 0, new TaskAttemptId(99, 1, 1), OptimizerTaskResult.Failure("gone"), Ct));
        Assert.True(staleComplete.IsStaleTask);

        // A token the server does not know (unregistered, timed out, a restart): register again.
        await client.UnregisterAsync(registration.Token, Ct);
        foreach (Func<Task> call in new Func<Task>[]
        {
            () => client.HeartbeatAsync(registration.Token, Ct),
            () => client.PollAsync(registration.Token, 0, TimeSpan.Zero, Ct),
            () => client.AckAsync(registration.Token, 0, new TaskAttemptId(1, 1, 1), Ct),
        })
        {
            var unknown = await Assert.ThrowsAsync<OptimizerProtocolException>(call);
            Assert.True(unknown.IsUnknownOptimizer, unknown.Message);
            Assert.False(unknown.IsBadToken);
            Assert.Equal((401, FloeErrorKind.Unauthorized), (unknown.StatusCode, unknown.Kind));
        }

        // A token the server never hands out is the client's fault: told apart from an unknown optimizer.
        var malformed = await Assert.ThrowsAsync<OptimizerProtocolException>(() => client.HeartbeatAsync("not-a-token", Ct));
        Assert.True(malformed.IsBadToken, malformed.Message);
        Assert.False(malformed.IsUnknownOptimizer);
        Assert.Equal((401, OptimizerErrorTypes.BadOptimizerToken), (malformed.StatusCode, malformed.ErrorType));

        // A refusal no retry mends: an unknown group, a thread the optimizer does not have, a wrong admin secret.
        var group = await Assert.ThrowsAsync<OptimizerProtocolException>(() => client.RegisterAsync(new RegisterRequest { Group = "spark", Threads = 1 }, Ct));
        Assert.Equal((404, OptimizerErrorTypes.NoSuchGroup, FloeErrorKind.NotFound), (group.StatusCode, group.ErrorType, group.Kind));
        Assert.Contains("spark", group.Message, StringComparison.Ordinal);
        OptimizerRegistration again = await client.RegisterAsync(new RegisterRequest { Group = "default", Threads = 1 }, Ct);
        var thread = await Assert.ThrowsAsync<OptimizerProtocolException>(() => client.PollAsync(again.Token, 5, TimeSpan.Zero, Ct));
        Assert.Equal((400, FloeErrorKind.InvalidArgument), (thread.StatusCode, thread.Kind));
        Assert.Contains("Thread 5", thread.Message, StringComparison.Ordinal);
        using var stranger = new OptimizerClient(server.Server.Address, "not-a-secret");
        var refused = await Assert.ThrowsAsync<OptimizerProtocolException>(() => stranger.RegisterAsync(new RegisterRequest { Group = "default", Threads = 1 }, Ct));
        Assert.Equal((401, FloeErrorKind.Unauthorized), (refused.StatusCode, refused.Kind));
        Assert.False(refused.IsUnknownOptimizer || refused.IsBadToken || refused.IsStaleTask || refused.IsTransient);
    }

    private static async Task<OptimizerTask> PollUntilTaskAsync(OptimizerClient client, OptimizerRegistration registration, int thread)
    {
        for (int i = 0; i < 50; i++)
        {
            if (await client.PollAsync(registration.Token, thread, registration.PollTimeout, Ct) is { } task)
            {
                return task;
            }
        }

        throw new InvalidOperationException("No task was dispatched.");
    }

    private static async Task<string> AdminSecretAsync(OptimizingServer server) =>
        (await server.Server.Tokens.CreateAsync("optimizer", isAdmin: true, null, Ct)).Secret;
}
