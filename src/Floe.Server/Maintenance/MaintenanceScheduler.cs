using Floe.Common.Errors;
using Floe.Server.Configuration;
using Floe.Server.Optimizing;
using Floe.Server.Store;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Maintenance;

/// <summary>
/// Table maintenance as Amoro's server runs it: every table of every internal catalog gets each action on the
/// action's global interval (<c>maintenance.*</c> in <c>floe.yaml</c>) where the table's own <c>*.enabled</c>
/// property lets it. A table runs one action at a time and never while its optimizing commit runs (both hold the
/// table's <see cref="TableGuards"/> guard; a busy table is skipped and stays due); snapshot expiry keeps the
/// snapshots running optimizing processes planned from. A few tables are maintained at once
/// (<see cref="MaintenanceOptions.Workers"/>). Every run, failed or not, is recorded in the history; a failed run
/// is logged and tried again at the next interval; after a restart each action is due one interval after the last
/// run the history holds (at once on a table it never ran on). Every clock read and wait uses the given <see cref="TimeProvider"/>.
/// </summary>
public sealed class MaintenanceScheduler : IAsyncDisposable
{
    public const string ScheduledTrigger = "scheduled";
    public const string ManualTrigger = "manual";

    /// <summary>How often the history is pruned.</summary>
    private const long HistoryPruneIntervalMs = 60 * 60 * 1000;

    private readonly MaintenanceStore _store;
    private readonly IMaintenanceTables _tables;
    private readonly TableGuards _guards;
    private readonly Func<TableKey, IReadOnlySet<long>> _protectedSnapshots;
    private readonly ILogger _log;
    private readonly TimeProvider _clock;
    private readonly MaintenanceSchedule _schedule = new();
    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private long _lastRunId;
    private int _disposed;

    public MaintenanceScheduler(
        MaintenanceStore store, IMaintenanceTables tables, MaintenanceOptions options, TableGuards guards,
        Func<TableKey, IReadOnlySet<long>> protectedSnapshots, ILogger logger, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(guards);
        ArgumentNullException.ThrowIfNull(protectedSnapshots);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _tables = tables;
        Options = options;
        _guards = guards;
        _protectedSnapshots = protectedSnapshots;
        _log = logger;
        _clock = clock ?? TimeProvider.System;
    }

    public MaintenanceOptions Options { get; }

    /// <summary>
    /// Continues run ids after the stored ones, prunes the history and takes each table's due times from its last
    /// recorded runs; passes are then run by the caller.
    /// </summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastRunId, await _store.LastRunIdAsync(cancellationToken).ConfigureAwait(false));
        await PruneHistoryAsync(cancellationToken).ConfigureAwait(false);
        _schedule.Resume(await _store.LastFinishedAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary><see cref="PrepareAsync"/>, then starts the loop when maintenance is enabled.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await PrepareAsync(cancellationToken).ConfigureAwait(false);
        if (Options.Enabled && ScheduledActions().Any())
        {
            CancellationToken stop = _stopping.Token;
            _loop = Task.Run(() => LoopAsync(stop), CancellationToken.None);
        }
    }

    /// <summary>
    /// One pass: lists the tables and runs every action that is due, a few tables at a time, each table's actions
    /// one after another. Returns how many runs were recorded.
    /// </summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        if (!Options.Enabled)
        {
            return 0;
        }

        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IReadOnlyList<TableKey> tables = await _tables.ListAsync(cancellationToken).ConfigureAwait(false);
            _schedule.Track(tables, ScheduledActions(), NowMs());
            int runs = 0;
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.Workers, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(_schedule.Due(NowMs()), parallel, async (due, ct) =>
            {
                foreach (MaintenanceAction action in due.Actions)
                {
                    if (await RunScheduledAsync(due.Table, action, ct).ConfigureAwait(false))
                    {
                        Interlocked.Increment(ref runs);
                    }
                }
            }).ConfigureAwait(false);
            return runs;
        }
        finally
        {
            _pass.Release();
        }
    }

    /// <summary>
    /// Runs one action on one table now, whatever the switches say, waiting for the table's guard (a commit or
    /// another run in progress); the run as recorded. NotFound when the table does not exist.
    /// </summary>
    public async Task<MaintenanceRunRecord> RunNowAsync(TableKey table, MaintenanceAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        using IDisposable guard = await _guards.EnterAsync(table, cancellationToken).ConfigureAwait(false);
        MaintainedTable loaded = await _tables.LoadAsync(table, cancellationToken).ConfigureAwait(false);
        if (action == MaintenanceAction.AutoCreateTags && loaded.PrimaryKey is not null)
        {
            throw new FloeException(FloeErrorKind.Unsupported, $"Table {table} is a primary-key table; automatic tags are for Iceberg tables.");
        }

        MaintenanceRunRecord run = await ExecuteAsync(loaded, action, ManualTrigger, cancellationToken).ConfigureAwait(false);
        _schedule.RanOutside(table, action, NowMs(), (long)action.Options(Options).Interval.TotalMilliseconds);
        return run;
    }

    /// <summary>Runs newest first, of one table or all; <paramref name="limit"/> from 1 to 1000.</summary>
    public Task<List<MaintenanceRunRecord>> HistoryAsync(TableKey? table, int limit, CancellationToken cancellationToken) =>
        _store.ListAsync(table, Math.Clamp(limit, 1, 1000), cancellationToken);

    /// <summary>Drops runs older than <see cref="MaintenanceOptions.HistoryKeepMs"/>; returns how many.</summary>
    public async Task<int> PruneHistoryAsync(CancellationToken cancellationToken)
    {
        int deleted = await _store.DeleteStartedBeforeAsync(NowMs() - Options.HistoryKeepMs, cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            _log.LogInformation("Maintenance: {Count} run(s) older than {Ms} ms left the history", deleted, Options.HistoryKeepMs);
        }

        return deleted;
    }

    /// <summary>Stops the loop and waits for the runs in flight; safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private IEnumerable<(MaintenanceAction Action, long IntervalMs)> ScheduledActions() =>
        MaintenanceActions.All.Select(a => (Action: a, Options: a.Options(Options))).Where(a => a.Options.Enabled)
            .Select(a => (a.Action, (long)a.Options.Interval.TotalMilliseconds));

    /// <summary>Runs a due action unless the table is busy (then it stays due); false when nothing was recorded.</summary>
    private async Task<bool> RunScheduledAsync(TableKey table, MaintenanceAction action, CancellationToken cancellationToken)
    {
        long intervalMs = (long)action.Options(Options).Interval.TotalMilliseconds;
        using IDisposable? guard = _guards.TryEnter(table);
        if (guard is null)
        {
            _log.LogDebug("Maintenance: {Table} is busy (an optimizing commit or another action); {Action} waits", table, action.Name());
            return false;
        }

        MaintainedTable loaded;
        try
        {
            loaded = await _tables.LoadAsync(table, cancellationToken).ConfigureAwait(false);
        }
        catch (FloeException e) when (e.Kind == FloeErrorKind.NotFound)
        {
            _schedule.Done(table, action, NowMs(), intervalMs); // dropped; forgotten at the next listing
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await RecordAsync(NewRun(table, action, ScheduledTrigger, NowMs()) with { Error = $"Loading the table failed: {e.Message}" }, e, cancellationToken)
                .ConfigureAwait(false);
            _schedule.Done(table, action, NowMs(), intervalMs);
            return true;
        }

        bool takesPart = loaded.Settings.Get(action.TableSwitch()) && !(action == MaintenanceAction.AutoCreateTags && loaded.PrimaryKey is not null);
        if (takesPart)
        {
            await ExecuteAsync(loaded, action, ScheduledTrigger, cancellationToken).ConfigureAwait(false);
        }

        _schedule.Done(table, action, NowMs(), intervalMs);
        return takesPart;
    }

    private async Task<MaintenanceRunRecord> ExecuteAsync(MaintainedTable table, MaintenanceAction action, string trigger, CancellationToken cancellationToken)
    {
        MaintenanceRunRecord run = NewRun(table.Key, action, trigger, NowMs());
        long started = _clock.GetTimestamp();
        Exception? failure = null;
        try
        {
            MaintenanceOutcome? outcome = await MaintenanceRunner.RunAsync(table, action, _clock.GetUtcNow(), _protectedSnapshots(table.Key), cancellationToken)
                .ConfigureAwait(false);
            if (outcome is not null)
            {
                run = run with
                {
                    FilesRemoved = outcome.FilesRemoved,
                    BytesRemoved = outcome.BytesRemoved,
                    SnapshotsExpired = outcome.SnapshotsExpired,
                    RowsExpired = outcome.RowsExpired,
                    Summary = outcome.Summary,
                };
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failure = e;
            run = run with { Error = e.Message };
        }

        run = run with { DurationMs = (long)_clock.GetElapsedTime(started).TotalMilliseconds };
        await RecordAsync(run, failure, cancellationToken).ConfigureAwait(false);
        return run;
    }

    private MaintenanceRunRecord NewRun(TableKey table, MaintenanceAction action, string trigger, long startedMs) => new()
    {
        RunId = Interlocked.Increment(ref _lastRunId),
        Table = table,
        Action = action.Name(),
        Trigger = trigger,
        StartedMs = startedMs,
    };

    private async Task RecordAsync(MaintenanceRunRecord run, Exception? failure, CancellationToken cancellationToken)
    {
        if (failure is not null)
        {
            _log.LogWarning(failure, "Maintenance: {Action} on {Table} failed; it runs again at its next interval", run.Action, run.Table);
        }
        else
        {
            _log.LogInformation("Maintenance: {Action} on {Table}: {Snapshots} snapshot(s), {Files} file(s), {Bytes} byte(s), {Rows} row(s) removed in {Ms} ms",
                run.Action, run.Table, run.SnapshotsExpired, run.FilesRemoved, run.BytesRemoved, run.RowsExpired, run.DurationMs);
        }

        await _store.InsertAsync(run, cancellationToken).ConfigureAwait(false);
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        long tickMs = Math.Clamp(ScheduledActions().Min(a => a.IntervalMs) / 4, 100, 10_000);
        long lastPruneMs = NowMs(); // pruned at start
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(tickMs), _clock, stop).ConfigureAwait(false);
                await RunDueAsync(stop).ConfigureAwait(false);
                if (NowMs() - lastPruneMs >= HistoryPruneIntervalMs)
                {
                    lastPruneMs = NowMs();
                    await PruneHistoryAsync(stop).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _log.LogError(e, "Maintenance: a scheduling pass failed");
            }
        }
    }

    private long NowMs() => _clock.GetUtcNow().ToUnixTimeMilliseconds();
}
