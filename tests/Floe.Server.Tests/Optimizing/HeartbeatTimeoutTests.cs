using Floe.Catalog.Metastore;
using Floe.Server.Configuration;
using Floe.Server.Optimizing;
using Floe.Server.Store;
using Floe.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Floe.Server.Tests.Optimizing;

/// <summary>When the heartbeat timeout drops an optimizer, on a clock the test moves (no loops run; the test expires).</summary>
public sealed class HeartbeatTimeoutTests
{
    private const long TimeoutMs = 300;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_optimizer_waiting_in_a_poll_is_not_silent_and_its_timeout_counts_from_the_polls_end()
    {
        using var directory = new TempDirectory();
        using MetastoreDatabase database = await MetastoreDatabase.OpenAsync(MetastoreSettings.Sqlite(directory.Combine("floe.db")), cancellationToken: Ct);
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var options = new OptimizingOptions { Enabled = false, HeartbeatTimeoutMs = TimeoutMs, PollTimeoutMs = 10 * TimeoutMs };
        await using var service = new OptimizingService(new OptimizingStore(database), new NoTables(), options, NullLogger.Instance, clock);
        await service.StartAsync(Ct);
        string token = (await service.RegisterAsync("default", 1, null, 0, new Dictionary<string, string>(), Ct)).Token;

        // The poll's deadline is fixed when it starts; it waits on the test's clock.
        Task<TaskDispatch?> poll = service.PollAsync(token, 0, Ct);

        // Long past the timeout while the server is still answering the poll: the optimizer stays.
        clock.Advance(TimeSpan.FromMilliseconds(3 * TimeoutMs));
        await service.ExpireAsync(Ct);
        Assert.Single(await service.OptimizersAsync(Ct));

        // The poll ends at its deadline; its end counts as heard from.
        clock.Advance(TimeSpan.FromMilliseconds(10 * TimeoutMs));
        Assert.Null(await poll.WaitAsync(TimeSpan.FromSeconds(30), Ct));
        clock.Advance(TimeSpan.FromMilliseconds(TimeoutMs));
        await service.ExpireAsync(Ct);
        Assert.Equal(token, Assert.Single(await service.OptimizersAsync(Ct)).Token);

        // Silent past the timeout after its poll: dropped.
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await service.ExpireAsync(Ct);
        Assert.Empty(await service.OptimizersAsync(Ct));
    }

    private sealed class NoTables : ITableSource
    {
        public Task<TableListing> ListTablesAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new TableListing([], new Dictionary<string, string>()));

        public Task<LoadedTable> LoadAsync(TableKey key, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("There are no tables.");
    }
}
