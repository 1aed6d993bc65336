using Floe.Catalog.Metastore;
using Floe.Server.Configuration;
using Floe.Server.Optimizing;
using Floe.Server.Store;
using Floe.Server.Tests.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Floe.Server.Tests.Optimizing;

/// <summary>When the heartbeat timeout drops an optimizer, on a clock the test moves (no loops run; the test expires).</summary>
public sealed class HeartbeatTimeoutTests
{
    private const long TimeoutMs = 300;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnOptimizerWaitingInAPoll_IsNotSilent_AndItsTimeoutCountsFromThePollsEnd()
    {
        using var directory = new TempDirectory();
        using MetastoreDatabase database = await MetastoreDatabase.OpenAsync(MetastoreSettings.Sqlite(directory.Combine("floe.db")), cancellationToken: Ct);
        var clock = new ManualClock();
        var options = new OptimizingOptions { Enabled = false, HeartbeatTimeoutMs = TimeoutMs, PollTimeoutMs = 10 * TimeoutMs };
        await using var service = new OptimizingService(new OptimizingStore(database), new NoTables(), options, NullLogger.Instance, clock);
        await service.StartAsync(Ct);
        string token = (await service.RegisterAsync("default", 1, null, 0, new Dictionary<string, string>(), Ct)).Token;

        Task<TaskDispatch?> poll = service.PollAsync(token, 0, Ct);
        await clock.WaitingStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        // Long past the timeout while the server is still answering the poll: the optimizer stays.
        clock.Advance(3 * TimeoutMs);
        await service.ExpireAsync(Ct);
        Assert.Single(await service.OptimizersAsync(Ct));

        // The poll ends (its deadline passed; another optimizer leaving wakes it); its end counts as heard from.
        clock.Advance(10 * TimeoutMs);
        string other = (await service.RegisterAsync("default", 1, null, 0, new Dictionary<string, string>(), Ct)).Token;
        await service.UnregisterAsync(other, Ct);
        Assert.Null(await poll.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        clock.Advance(TimeoutMs);
        await service.ExpireAsync(Ct);
        Assert.Equal(token, Assert.Single(await service.OptimizersAsync(Ct)).Token);

        // Silent past the timeout after its poll: dropped.
        clock.Advance(1);
        await service.ExpireAsync(Ct);
        Assert.Empty(await service.OptimizersAsync(Ct));
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _unixMs = 1_700_000_000_000;

        /// <summary>Set when a poll starts waiting (it asks for a timer).</summary>
        public TaskCompletionSource WaitingStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Advance(long ms) => Interlocked.Add(ref _unixMs, ms);

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(Interlocked.Read(ref _unixMs));

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            WaitingStarted.TrySetResult();
            return base.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, period);
        }
    }

    private sealed class NoTables : ITableSource
    {
        public Task<TableListing> ListTablesAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new TableListing([], new Dictionary<string, string>()));

        public Task<LoadedTable> LoadAsync(TableKey key, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("There are no tables.");
    }
}
