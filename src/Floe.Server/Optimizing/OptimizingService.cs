using Floe.Optimizing.Evaluation;
using Floe.Server.Configuration;
using Floe.Server.Store;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Optimizing;

/// <summary>
/// The self-optimizing service: keeps every table's optimizing state (evaluated after each new snapshot and
/// periodically), plans processes for pending tables when optimizers of their group ask for work (the table
/// furthest below its quota first), hands tasks to optimizers and takes their results back (with retries, ack,
/// execute and heartbeat timeouts), and commits each finished process. Its state lives in the metastore, so a
/// restarted server resumes running processes (tasks held by optimizers go back to the queue) and commits those
/// whose tasks all finished. All state changes happen under one lock; slow work (loading tables, evaluation,
/// planning, commits) runs outside it.
/// </summary>
public sealed partial class OptimizingService : IAsyncDisposable
{
    /// <summary>The group every table belongs to unless <c>self-optimizing.group</c> names another.</summary>
    public const string DefaultGroup = "default";

    private readonly OptimizingStore _store;
    private readonly ITableSource _tables;
    private readonly OptimizingOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly AsyncSignal _work = new();
    private readonly Dictionary<TableKey, TableRuntimeRecord> _runtimes = [];
    private readonly Dictionary<TableKey, long> _evaluatedMs = [];
    private readonly Dictionary<long, RunningProcess> _processes = [];
    private readonly Dictionary<string, OptimizerGroupRecord> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OptimizerInstance> _optimizers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _planningGroups = new(StringComparer.Ordinal);
    private readonly QuotaTracker _quota = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _background = [];
    private long _lastProcessId;
    private int _disposed;
    private Task? _refreshLoop;
    private Task? _keeperLoop;

    public OptimizingService(OptimizingStore store, ITableSource tables, OptimizingOptions options, ILogger logger, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _tables = tables;
        _options = options;
        _log = logger;
        _clock = clock ?? TimeProvider.System;
    }

    public OptimizingOptions Options => _options;

    /// <summary>Raised (outside the lock) when a group is created or resized, so the server can start or resize its local optimizer.</summary>
    public event Action<OptimizerGroupRecord>? GroupChanged;

    /// <summary>
    /// Loads groups (creating <c>default</c> with <see cref="OptimizingOptions.LocalThreads"/>), table states and
    /// running processes; tasks held by optimizers before a restart go back to the queue; then starts the refresh
    /// and timeout loops.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (OptimizerGroupRecord group in await _store.ListGroupsAsync(cancellationToken).ConfigureAwait(false))
            {
                _groups[group.Name] = group;
            }

            if (!_groups.ContainsKey(DefaultGroup))
            {
                var group = new OptimizerGroupRecord(DefaultGroup, _options.LocalThreads, new Dictionary<string, string>(), NowMs());
                await _store.CreateGroupAsync(group, cancellationToken).ConfigureAwait(false);
                _groups[DefaultGroup] = group;
            }

            _lastProcessId = await _store.MaxProcessIdAsync(cancellationToken).ConfigureAwait(false);
            foreach (TableRuntimeRecord runtime in await _store.ListRuntimesAsync(cancellationToken).ConfigureAwait(false))
            {
                _runtimes[runtime.Key] = runtime;
            }

            await RecoverProcessesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        foreach (RunningProcess process in _processes.Values.Where(p => p.AllSucceeded).ToList())
        {
            StartCommit(process);
        }

        if (_options.Enabled)
        {
            // History leaves at start and then hourly, never at a moment that depends on how long start-up took.
            await PruneHistoryAsync(cancellationToken).ConfigureAwait(false);
            _refreshLoop = Task.Run(() => RefreshLoopAsync(_stop.Token), CancellationToken.None);
            _keeperLoop = Task.Run(() => KeeperLoopAsync(_stop.Token), CancellationToken.None);
        }
    }

    /// <summary>Groups as they are now.</summary>
    public async Task<IReadOnlyList<OptimizerGroupRecord>> GroupsAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return [.. _groups.Values.OrderBy(g => g.Name, StringComparer.Ordinal)];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the loops and waits for background planning and commits; safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        Task[] loops = [.. new[] { _refreshLoop, _keeperLoop }.OfType<Task>()];
        Task[] background;
        lock (_background)
        {
            background = [.. _background];
        }

        try
        {
            await Task.WhenAll(loops.Concat(background)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _work.Pulse();
    }

    private async Task RecoverProcessesAsync(CancellationToken cancellationToken)
    {
        foreach (OptimizingProcessRecord record in await _store.ListProcessesAsync(null, ProcessStatuses.Running, int.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            List<OptimizingTaskRecord> tasks = await _store.ListTasksAsync(record.ProcessId, cancellationToken).ConfigureAwait(false);
            var planned = new Floe.Optimizing.Targets.PlannedProcess
            {
                ProcessId = record.ProcessId,
                Type = Enum.Parse<OptimizingType>(record.OptimizingType, ignoreCase: true),
                Json = record.Plan,
                Reason = record.Reason,
                FromState = record.FromState,
                Tasks = [.. tasks.Select(t => new Floe.Optimizing.Targets.PlannedTask(t.TaskId, t.Kind, t.Input, (int)t.InputFiles, t.InputBytes))],
            };
            var process = new RunningProcess(record, planned, tasks);
            foreach (OptimizingTaskRecord task in tasks.Where(t => TaskStatuses.IsHeld(t.Status) || t.Status == TaskStatuses.Failed))
            {
                // Optimizers re-register with a new token after a restart; the attempt they held is reclaimed, not failed.
                await SaveTaskAsync(process, task with { Status = TaskStatuses.Planned, Optimizer = null, Thread = null }, cancellationToken).ConfigureAwait(false);
            }

            _processes[record.ProcessId] = process;
            if (_runtimes.TryGetValue(record.Table, out TableRuntimeRecord? runtime))
            {
                OptimizingStatus status = process.AllSucceeded ? OptimizingStatus.Committing : OptimizingStatuses.Running(planned.Type);
                await SaveRuntimeAsync(runtime with { Status = (int)status, ProcessId = record.ProcessId }, cancellationToken).ConfigureAwait(false);
            }

            _log.LogInformation("Resuming optimizing process {Process} of {Table}", record.ProcessId, record.Table);
        }

        // A table left planning or committing without a live process goes back to pending, to be evaluated again.
        foreach (TableRuntimeRecord runtime in _runtimes.Values.ToList())
        {
            var status = (OptimizingStatus)runtime.Status;
            bool orphaned = status is OptimizingStatus.Planning or OptimizingStatus.Committing || status.IsOptimizing();
            if (orphaned && (runtime.ProcessId is not long id || !_processes.ContainsKey(id)))
            {
                await SaveRuntimeAsync(runtime with { Status = (int)OptimizingStatus.Idle, StatusSinceMs = NowMs(), ProcessId = null, StateKey = "" }, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }

    private long NowMs() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task SaveRuntimeAsync(TableRuntimeRecord runtime, CancellationToken cancellationToken)
    {
        await _store.SaveRuntimeAsync(runtime, cancellationToken).ConfigureAwait(false);
        _runtimes[runtime.Key] = runtime;
    }

    private async Task SaveTaskAsync(RunningProcess process, OptimizingTaskRecord task, CancellationToken cancellationToken)
    {
        await _store.SaveTaskAsync(task, cancellationToken).ConfigureAwait(false);
        process.Tasks[task.TaskId] = task;
    }

    private async Task SetStatusAsync(TableKey key, OptimizingStatus status, CancellationToken cancellationToken, Func<TableRuntimeRecord, TableRuntimeRecord>? change = null)
    {
        if (!_runtimes.TryGetValue(key, out TableRuntimeRecord? runtime))
        {
            return;
        }

        TableRuntimeRecord updated = runtime with { Status = (int)status, StatusSinceMs = runtime.Status == (int)status ? runtime.StatusSinceMs : NowMs() };
        await SaveRuntimeAsync(change is null ? updated : change(updated), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs slow work in the background, tracked so that disposal waits for it; failures are logged.</summary>
    private void RunInBackground(Func<CancellationToken, Task> work, string what)
    {
        Task task = Task.Run(async () =>
        {
            try
            {
                await work(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                _log.LogError(e, "Optimizing: {What} failed", what);
            }
        });
        lock (_background)
        {
            _background.RemoveAll(t => t.IsCompleted);
            _background.Add(task);
        }
    }
}
