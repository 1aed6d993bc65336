using Floe.Catalog;
using Floe.Catalog.Metastore;
using Floe.Common.Errors;
using Floe.Server.Configuration;
using Floe.Server.Maintenance;
using Floe.Server.Optimizing;
using Floe.Server.Store;
using Floe.Server.Tests.Optimizing;
using Floe.Table.Operations;
using Floe.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Floe.Server.Tests.Maintenance;

/// <summary>
/// The scheduler on a fake clock over a real server's tables: intervals, switches, one action at a time per table,
/// the optimizing commit's guard, failures, protected snapshots and the history.
/// </summary>
public sealed class MaintenanceSchedulerTests : IAsyncDisposable
{
    private static readonly TableKey Key = new("default", "db", "events");
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly TempDirectory _directory = new();
    private readonly List<IAsyncDisposable> _owned = [];
    private OptimizingServer? _server;
    private MetastoreDatabase? _database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Tables' snapshots are written on the real clock; the fake one starts a month later so they are old.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow.AddDays(30));

    /// <summary>Only expire-snapshots scheduled (hourly) unless the test says otherwise.</summary>
    private static MaintenanceOptions OnlyExpiry => new()
    {
        ExpireSnapshots = new(true, Hour),
        CleanOrphanFiles = new(false, Hour),
        CleanDanglingDeleteFiles = new(false, Hour),
        ExpireData = new(false, Hour),
        AutoCreateTags = new(false, Hour),
    };

    /// <summary>A scheduler whose passes the test runs itself (<paramref name="loop"/> starts its own loop instead).</summary>
    private async Task<(MaintenanceScheduler Scheduler, ScriptedTables Tables, IcebergTable Table, TableGuards Guards)> StartAsync(
        MaintenanceOptions? options = null, Dictionary<string, string>? properties = null, Func<TableKey, IReadOnlySet<long>>? protect = null, bool loop = false)
    {
        _server = await OptimizingServer.StartAsync();
        IcebergTable table = await _server.CreateTableAsync(properties);
        await _server.AppendAsync(table, files: 3, rows: 2);
        _database = await MetastoreDatabase.OpenAsync(MetastoreSettings.Sqlite(_directory.Combine("maintenance.db")), cancellationToken: Ct);
        var tables = new ScriptedTables(new CatalogMaintenanceTables(_server.Server.Catalogs));
        var guards = new TableGuards();
        var scheduler = new MaintenanceScheduler(
            new MaintenanceStore(_database), tables, options ?? OnlyExpiry, guards, protect ?? (_ => new HashSet<long>()), NullLogger.Instance, _clock);
        _owned.Add(scheduler);
        await (loop ? scheduler.StartAsync(Ct) : scheduler.PrepareAsync(Ct));
        return (scheduler, tables, table, guards);
    }

    private static async Task<int> SnapshotCountAsync(IcebergTable table)
    {
        await table.RefreshAsync(Ct);
        return table.Metadata.Snapshots.Count;
    }

    [Fact]
    public async Task An_action_never_run_is_due_at_once_then_again_when_its_interval_elapses_and_not_before()
    {
        var (scheduler, _, table, _) = await StartAsync();

        int first = await scheduler.RunDueAsync(Ct); // never ran on this table: due now
        int snapshotsAfterFirst = await SnapshotCountAsync(table);
        _clock.Advance(Hour - TimeSpan.FromMilliseconds(1));
        int early = await scheduler.RunDueAsync(Ct);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        int due = await scheduler.RunDueAsync(Ct);
        int again = await scheduler.RunDueAsync(Ct);

        Assert.Equal((1, 0, 1, 0), (first, early, due, again));
        Assert.Equal(1, snapshotsAfterFirst);
        List<MaintenanceRunRecord> history = await scheduler.HistoryAsync(Key, 10, Ct);
        Assert.Equal(2, history.Count);
        MaintenanceRunRecord run = history[1];
        Assert.Equal(("expire-snapshots", "scheduled", 2L, null), (run.Action, run.Trigger, run.SnapshotsExpired, run.Error));
        Assert.True(run.FilesRemoved >= 2, $"manifest lists of the expired snapshots are deleted, not {run.FilesRemoved}");
        Assert.Equal(0, history[0].SnapshotsExpired);
    }

    [Fact]
    public async Task After_a_restart_an_action_is_due_one_interval_after_its_last_recorded_run_and_at_once_where_it_never_ran()
    {
        var (first, tables, _, _) = await StartAsync();
        tables.Failures.Enqueue(new FloeException(FloeErrorKind.Environment, "The disk is away."));
        int failed = await first.RunDueAsync(Ct); // the only table fails: recorded, retried at the next interval
        await first.DisposeAsync();
        var other = new TableKey("default", "db", "other");
        IcebergTable otherTable = await _server!.CreateTableAsync(id: TableIdentifier.Of("db", "other"));
        await _server.AppendAsync(otherTable, files: 2, rows: 1);

        _clock.Advance(TimeSpan.FromMinutes(30));
        var restarted = new MaintenanceScheduler(new MaintenanceStore(_database!), tables, OnlyExpiry, new TableGuards(), _ => new HashSet<long>(), NullLogger.Instance, _clock);
        _owned.Add(restarted);
        await restarted.PrepareAsync(Ct);
        int atRestart = await restarted.RunDueAsync(Ct);
        List<MaintenanceRunRecord> afterRestart = await restarted.HistoryAsync(null, 10, Ct);
        _clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromMilliseconds(1));
        int early = await restarted.RunDueAsync(Ct);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        int retried = await restarted.RunDueAsync(Ct);
        List<MaintenanceRunRecord> history = await restarted.HistoryAsync(null, 10, Ct);

        Assert.Equal((1, 1, 0, 1), (failed, atRestart, early, retried));
        Assert.Equal([other, Key], afterRestart.Select(r => r.Table));
        Assert.NotNull(afterRestart[1].Error);
        Assert.Equal((Key, null), (history[0].Table, history[0].Error));
        Assert.Equal(1, await SnapshotCountAsync(otherTable));
    }

    [Fact]
    public async Task The_loop_runs_on_the_fake_clock()
    {
        var (scheduler, _, table, _) = await StartAsync(loop: true);

        // The loop's waits are on the fake clock: move it until the run is recorded.
        for (int i = 0; i < 2_000 && (await scheduler.HistoryAsync(null, 10, Ct)).Count == 0; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(5));
            await Task.Delay(5, Ct);
        }

        Assert.Single(await scheduler.HistoryAsync(null, 10, Ct));
        Assert.Equal(1, await SnapshotCountAsync(table));
    }

    [Fact]
    public async Task A_switched_off_action_or_a_table_whose_property_forbids_it_does_not_run()
    {
        MaintenanceOptions options = OnlyExpiry with { CleanDanglingDeleteFiles = new(false, Hour), ExpireData = new(true, Hour) };
        var (scheduler, tables, table, _) = await StartAsync(options, new Dictionary<string, string> { ["table-expire.enabled"] = "false" });

        int runs = await scheduler.RunDueAsync(Ct);

        // expire-snapshots is off by the table's property, data-expire.enabled is false by default, dangling deletes are off globally.
        Assert.Equal(0, runs);
        Assert.Empty(await scheduler.HistoryAsync(null, 10, Ct));
        Assert.Equal(3, await SnapshotCountAsync(table));
        Assert.Equal(2, tables.Loads); // the two scheduled actions looked at the table; the switched-off one never did
    }

    [Fact]
    public async Task A_failure_is_recorded_with_its_error_and_retried_at_the_next_interval()
    {
        var (scheduler, tables, table, _) = await StartAsync();
        tables.Failures.Enqueue(new FloeException(FloeErrorKind.Environment, "The disk is away."));

        int failed = await scheduler.RunDueAsync(Ct);
        int notYet = await scheduler.RunDueAsync(Ct);
        _clock.Advance(Hour);
        int retried = await scheduler.RunDueAsync(Ct);

        Assert.Equal((1, 0, 1), (failed, notYet, retried));
        List<MaintenanceRunRecord> history = await scheduler.HistoryAsync(Key, 10, Ct);
        Assert.Equal(2, history.Count);
        Assert.Null(history[0].Error);
        Assert.Contains("The disk is away.", history[1].Error, StringComparison.Ordinal);
        Assert.True(history[0].RunId > history[1].RunId);
        Assert.Equal(1, await SnapshotCountAsync(table));
    }

    [Fact]
    public async Task A_table_whose_guard_is_held_is_skipped_and_stays_due_and_a_manual_run_waits_for_it()
    {
        var (scheduler, _, table, guards) = await StartAsync();

        // The optimizing commit holds the same guard while it commits.
        IDisposable commit = guards.TryEnter(Key)!;
        int whileCommitting = await scheduler.RunDueAsync(Ct);
        Task<MaintenanceRunRecord> manual = scheduler.RunNowAsync(Key, MaintenanceAction.CleanDanglingDeleteFiles, Ct);
        bool manualWaited = !manual.IsCompleted;
        int snapshotsWhileCommitting = await SnapshotCountAsync(table);
        commit.Dispose();
        MaintenanceRunRecord manualRun = await manual.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        int afterCommit = await scheduler.RunDueAsync(Ct);

        Assert.Equal((0, true, 3, 1), (whileCommitting, manualWaited, snapshotsWhileCommitting, afterCommit));
        Assert.Equal(("clean-dangling-delete-files", "manual", null), (manualRun.Action, manualRun.Trigger, manualRun.Error));
        Assert.Equal(1, await SnapshotCountAsync(table));
    }

    [Fact]
    public async Task A_table_runs_one_action_at_a_time()
    {
        var (scheduler, tables, _, guards) = await StartAsync();
        tables.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task<MaintenanceRunRecord> first = scheduler.RunNowAsync(Key, MaintenanceAction.ExpireSnapshots, Ct);
        await tables.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        Task<MaintenanceRunRecord> second = scheduler.RunNowAsync(Key, MaintenanceAction.CleanDanglingDeleteFiles, Ct);
        bool heldDuringFirst = guards.IsHeld(Key);
        int loadsDuringFirst = tables.Loads; // the second has not started: it waits for the table's guard
        tables.Gate.SetResult();
        MaintenanceRunRecord[] runs = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(60), Ct);

        Assert.Equal((true, 1), (heldDuringFirst, loadsDuringFirst));
        Assert.Equal(2, tables.Loads);
        Assert.True(runs[0].RunId < runs[1].RunId);
        Assert.False(guards.IsHeld(Key));
    }

    [Fact]
    public async Task Snapshot_expiry_keeps_the_snapshot_a_running_process_planned_from()
    {
        long planned = 0;
        var (scheduler, _, table, _) = await StartAsync(protect: key => key == Key ? new HashSet<long> { planned } : new HashSet<long>());
        await table.RefreshAsync(Ct);
        planned = table.Metadata.Snapshots[0].SnapshotId;

        MaintenanceRunRecord run = await scheduler.RunNowAsync(Key, MaintenanceAction.ExpireSnapshots, Ct);

        Assert.Equal(1, run.SnapshotsExpired);
        await table.RefreshAsync(Ct);
        Assert.Contains(table.Metadata.Snapshots, s => s.SnapshotId == planned);
        Assert.Equal(2, table.Metadata.Snapshots.Count);
    }

    [Fact]
    public async Task The_history_is_newest_first_limited_and_pruned_after_its_keep_time()
    {
        var (scheduler, _, _, _) = await StartAsync(OnlyExpiry with { HistoryKeepMs = (long)TimeSpan.FromDays(1).TotalMilliseconds });
        await scheduler.RunNowAsync(Key, MaintenanceAction.CleanDanglingDeleteFiles, Ct);
        _clock.Advance(TimeSpan.FromHours(20));
        await scheduler.RunNowAsync(Key, MaintenanceAction.CleanDanglingDeleteFiles, Ct);
        await scheduler.RunNowAsync(Key, MaintenanceAction.AutoCreateTags, Ct);

        List<MaintenanceRunRecord> limited = await scheduler.HistoryAsync(null, 2, Ct);
        _clock.Advance(TimeSpan.FromHours(5));
        int pruned = await scheduler.PruneHistoryAsync(Ct);
        List<MaintenanceRunRecord> left = await scheduler.HistoryAsync(Key, 10, Ct);

        Assert.Equal(["auto-create-tags", "clean-dangling-delete-files"], limited.Select(r => r.Action));
        Assert.Equal(1, pruned);
        Assert.Equal(2, left.Count);
        Assert.All(left, r => Assert.Equal(_clock.GetUtcNow().AddHours(-5).ToUnixTimeMilliseconds(), r.StartedMs));
    }

    [Fact]
    public async Task An_unknown_table_is_not_found_and_an_unknown_action_is_refused_by_name()
    {
        var (scheduler, _, _, _) = await StartAsync();

        var missing = await Assert.ThrowsAsync<FloeException>(() => scheduler.RunNowAsync(Key with { Table = "nothing" }, MaintenanceAction.ExpireSnapshots, Ct));
        var unknown = Assert.Throws<FloeException>(() => MaintenanceActions.Parse("vacuum"));

        Assert.Equal(FloeErrorKind.NotFound, missing.Kind);
        Assert.Equal(FloeErrorKind.InvalidArgument, unknown.Kind);
        Assert.Contains("expire-snapshots, clean-orphan-files", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(MaintenanceAction.CleanDanglingDeleteFiles, MaintenanceActions.Parse("clean-dangling-delete-files"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (IAsyncDisposable owned in _owned)
        {
            await owned.DisposeAsync();
        }

        _database?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _directory.Dispose();
    }
}
