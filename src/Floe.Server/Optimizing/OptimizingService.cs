using Floe.Common.Errors;
using Floe.Contracts.Optimizer;
using Floe.Server.Configuration;
using Floe.Server.Optimizing.Processes;
using Floe.Server.Optimizing.Queue;
using Floe.Server.Optimizing.Registry;
using Floe.Server.Optimizing.Runtime;
using Floe.Server.Store;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Optimizing;

/// <summary>
/// The self-optimizing service, wiring its parts: the optimizer registry (<see cref="OptimizerRegistry"/>,
/// <see cref="OptimizerGroups"/>), one queue per optimizer group (<see cref="OptimizingQueue"/>: planning,
/// dispatch, quota, results, commits; each with its own lock), the task and process state machine
/// (<c>Processes/</c>) and the table runtimes (<see cref="TableRuntimes"/>, kept current by
/// <see cref="TableRefresher"/>). Its state lives in the metastore, so a restarted server resumes running processes.
/// </summary>
public sealed class OptimizingService : IAsyncDisposable
{
    /// <summary>The group every table belongs to unless <c>self-optimizing.group</c> names another.</summary>
    public const string DefaultGroup = OptimizerGroups.DefaultGroup;

    /// <summary>The property an optimizer run by the server itself registers with.</summary>
    public const string LocalOptimizerProperty = OptimizerRegistry.LocalOptimizerProperty;

    private readonly OptimizingContext _context;
    private readonly OptimizerGroups _groups;
    private readonly OptimizingQueues _queues;
    private readonly TableRefresher _refresher;
    private readonly ServiceLoops _loops;
    private readonly ChangedTables _changed = new();
    private int _disposed;

    public OptimizingService(OptimizingStore store, ITableSource tables, OptimizingOptions options, ILogger logger, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _context = new OptimizingContext(store, tables, options, clock ?? TimeProvider.System, logger, new BackgroundWork(logger));
        _groups = new OptimizerGroups(store);
        _queues = new OptimizingQueues(_context);
        _refresher = new TableRefresher(_context, _groups, _queues);
        _queues.Committed = _refresher.RefreshTableAsync;
        _loops = new ServiceLoops(_context, RefreshAsync, _changed, _refresher.RefreshChangedAsync, ExpireAsync, PruneHistoryAsync);
    }

    public OptimizingOptions Options => _context.Options;

    /// <summary>The per-table guards: an optimizing commit holds its table's, and so must anything else changing the table from the server.</summary>
    public TableGuards Guards => _context.Guards;

    /// <summary>
    /// The snapshots running optimizing processes of the table were planned from (both stores' of a primary-key
    /// table); snapshot expiry must keep them, or the process's commit would fail to validate.
    /// </summary>
    public IReadOnlySet<long> PlannedSnapshots(TableKey table)
    {
        var ids = new HashSet<long>();
        foreach (string state in _queues.All.SelectMany(q => q.PlannedStates(table)))
        {
            // "123" for an Iceberg table, "base:123/change:456" for a primary-key table; "none" for an empty one.
            foreach (string part in state.Split('/'))
            {
                if (long.TryParse(part[(part.IndexOf(':', StringComparison.Ordinal) + 1)..], System.Globalization.NumberStyles.AllowLeadingSign,
                    System.Globalization.CultureInfo.InvariantCulture, out long id))
                {
                    ids.Add(id);
                }
            }
        }

        return ids;
    }

    /// <summary>Raised when a group is created or resized, so the server can start or resize its local optimizer.</summary>
    public event Action<OptimizerGroupRecord>? GroupChanged;

    /// <summary>
    /// Loads groups (creating <c>default</c> with <see cref="OptimizingOptions.LocalThreads"/>), table states and
    /// running processes; tasks held by optimizers before a restart go back to the queue; then starts the refresh
    /// and timeout loops.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _groups.LoadAsync(Options.LocalThreads, _context.NowMs(), cancellationToken).ConfigureAwait(false);
        await _context.Runtimes.LoadAsync(cancellationToken).ConfigureAwait(false);
        await new ProcessRecovery(_context, _queues).RecoverAsync(cancellationToken).ConfigureAwait(false);
        foreach (OptimizingQueue queue in _queues.All)
        {
            queue.CommitFinished();
        }

        if (Options.Enabled)
        {
            // History leaves at start and then hourly, never at a moment that depends on how long start-up took.
            await PruneHistoryAsync(cancellationToken).ConfigureAwait(false);
            _loops.Start();
        }
    }

    /// <summary>Registers an optimizer in an existing group; returns its instance with the token for later calls.</summary>
    public async Task<OptimizerInstance> RegisterAsync(
        string group, int threads, string? resourceId, long memoryMb, IReadOnlyDictionary<string, string> properties, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(properties);
        if (threads is < 1 or > 1024)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"An optimizer needs 1 to 1024 threads, not {threads}.");
        }

        (OptimizerInstance optimizer, IReadOnlyList<string> replaced) = await _groups.JoinAsync(
            group, () => _context.Registry.Register(group, threads, resourceId, memoryMb, properties), cancellationToken).ConfigureAwait(false);
        foreach (string token in replaced)
        {
            // The server runs one local optimizer per group; an earlier one whose stop raced its registration is gone.
            await _queues.Of(group).ReleaseAsync(token, "a newer local optimizer of its group registered", cancellationToken).ConfigureAwait(false);
        }

        return optimizer;
    }

    /// <summary>A heartbeat; an <see cref="OptimizerFault"/> when the token is unknown (register again) or malformed.</summary>
    public Task TouchAsync(string token, CancellationToken cancellationToken)
    {
        _context.Registry.Touch(token);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A task for the optimizer's thread, waiting up to <see cref="OptimizingOptions.PollTimeoutMs"/> for one; null
    /// when none came. A poll with nothing ready lets the group plan its next pending table.
    /// </summary>
    public async Task<TaskDispatch?> PollAsync(string token, int thread, CancellationToken cancellationToken)
    {
        OptimizerInstance polling = _context.Registry.BeginPoll(token);
        try
        {
            return await _queues.Of(polling.Group).PollAsync(token, thread, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _context.Registry.EndPoll(polling);
        }
    }

    /// <summary>The optimizer took the task; a StaleTask fault when that attempt is no longer its.</summary>
    public Task AckAsync(string token, int thread, long processId, int taskId, int attempt, CancellationToken cancellationToken) =>
        _queues.Of(_context.Registry.Touch(token).Group).AckAsync(token, thread, processId, taskId, attempt, cancellationToken);

    /// <summary>
    /// The result of an attempt: its output (JSON) or its error. A failed task is retried until
    /// <c>self-optimizing.execute.num-retries</c>, then its process fails; when every task succeeded the process is
    /// committed. A stale attempt's output is deleted and a StaleTask fault raised.
    /// </summary>
    public Task CompleteAsync(string token, int thread, long processId, int taskId, int attempt, string? output, string? error, CancellationToken cancellationToken)
    {
        if ((output is null) == (error is null))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "A completion carries either an output or an error.");
        }

        return _queues.Of(_context.Registry.Touch(token).Group).CompleteAsync(token, thread, processId, taskId, attempt, output, error, cancellationToken);
    }

    /// <summary>The optimizer leaves; its held tasks go back to the queue at once.</summary>
    public async Task UnregisterAsync(string token, CancellationToken cancellationToken)
    {
        if (_context.Registry.Remove(token) is { } leaving)
        {
            await _queues.Of(leaving.Group).ReleaseAsync(token, "its optimizer unregistered", cancellationToken).ConfigureAwait(false);
        }

        _queues.PulseAll();
    }

    /// <summary>
    /// Takes back tasks whose optimizer went silent past the heartbeat timeout (the optimizer is dropped; one the
    /// server is answering a poll for is not silent), tasks not acknowledged within the ack timeout and tasks running
    /// past the execute timeout.
    /// </summary>
    public async Task ExpireAsync(CancellationToken cancellationToken)
    {
        _context.Registry.Expire(Options.HeartbeatTimeoutMs);
        foreach (OptimizingQueue queue in _queues.All)
        {
            await queue.ExpireAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Looks at every table once: new tables get a state, dropped ones lose theirs, changed ones are evaluated again.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) => _refresher.RefreshAsync(cancellationToken);

    /// <summary>
    /// A commit through the server's catalogs changed the table: it is refreshed <see cref="OptimizingOptions.CommitRefreshDelayMs"/>
    /// later, with every other table committed meanwhile, rather than at the next periodic refresh.
    /// </summary>
    public void TableChanged(TableKey table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _changed.Add(table);
    }

    /// <summary>How many tables were refreshed because of a commit (not counting the periodic refresh).</summary>
    internal long ChangeRefreshes => _refresher.ChangeRefreshes;

    /// <summary>Drops ended processes older than <see cref="OptimizingOptions.HistoryKeepMs"/> from the history; returns how many.</summary>
    public async Task<int> PruneHistoryAsync(CancellationToken cancellationToken)
    {
        int deleted = await _context.Store.DeleteProcessesEndedBeforeAsync(_context.NowMs() - Options.HistoryKeepMs, cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            _context.Log.LogInformation("Optimizing: {Count} process(es) older than {Ms} ms left the history", deleted, Options.HistoryKeepMs);
        }

        return deleted;
    }

    /// <summary>Cancels a running process; its table goes idle and is evaluated again. NotFound when it is not running.</summary>
    public async Task CancelProcessAsync(long processId, CancellationToken cancellationToken)
    {
        if (_queues.Owning(processId) is not { } queue || !await queue.CancelAsync(processId, cancellationToken).ConfigureAwait(false))
        {
            throw new FloeException(FloeErrorKind.NotFound, $"Optimizing process {processId} is not running.");
        }
    }

    /// <summary>Creates an optimizer group; <paramref name="localThreads"/> &gt; 0 has the server run an optimizer for it.</summary>
    public async Task<OptimizerGroupRecord> CreateGroupAsync(string name, int localThreads, IReadOnlyDictionary<string, string> properties, CancellationToken cancellationToken)
    {
        OptimizerGroupRecord group = await _groups.CreateAsync(name, localThreads, properties, _context.NowMs(), cancellationToken).ConfigureAwait(false);
        GroupChanged?.Invoke(group);
        return group;
    }

    /// <summary>Changes a group's local optimizer threads (and properties when given); NotFound for an unknown group.</summary>
    public async Task<OptimizerGroupRecord> ResizeGroupAsync(string name, int localThreads, IReadOnlyDictionary<string, string>? properties, CancellationToken cancellationToken)
    {
        OptimizerGroupRecord group = await _groups.ResizeAsync(name, localThreads, properties, cancellationToken).ConfigureAwait(false);
        GroupChanged?.Invoke(group);
        return group;
    }

    /// <summary>Drops a group no optimizer and no table uses; the default group stays.</summary>
    public async Task DropGroupAsync(string name, CancellationToken cancellationToken)
    {
        OptimizerGroupRecord group = await _groups.DropAsync(
            name, () => _context.Registry.HasExternal(name) || _context.Runtimes.List().Any(r => r.Group == name), cancellationToken).ConfigureAwait(false);
        GroupChanged?.Invoke(group with { LocalThreads = 0 });
    }

    /// <summary>Groups as they are now.</summary>
    public Task<IReadOnlyList<OptimizerGroupRecord>> GroupsAsync(CancellationToken cancellationToken) => Task.FromResult(_groups.List());

    /// <summary>Registered optimizers.</summary>
    public Task<IReadOnlyList<OptimizerInstance>> OptimizersAsync(CancellationToken cancellationToken) => Task.FromResult(_context.Registry.List());

    /// <summary>The tasks each optimizer (by token) is running now.</summary>
    public async Task<IReadOnlyDictionary<string, int>> RunningTasksAsync(CancellationToken cancellationToken)
    {
        var holders = new List<string>();
        foreach (OptimizingQueue queue in _queues.All)
        {
            holders.AddRange(await queue.HoldersAsync(cancellationToken).ConfigureAwait(false));
        }

        return holders.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    /// <summary>Every table's optimizing state.</summary>
    public Task<IReadOnlyList<TableRuntimeRecord>> TablesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TableRuntimeRecord>>([.. _context.Runtimes.List().OrderBy(r => r.Key.ToString(), StringComparer.Ordinal)]);

    /// <summary>One table's optimizing state and its quota occupation; NotFound before the service has seen it.</summary>
    public async Task<(TableRuntimeRecord Runtime, double Occupation)> TableAsync(TableKey key, CancellationToken cancellationToken)
    {
        TableRuntimeRecord runtime = _context.Runtimes.Get(key)
            ?? throw new FloeException(FloeErrorKind.NotFound, $"The optimizing service has not seen table {key} yet.");
        return (runtime, await _queues.Of(runtime.Group).OccupationAsync(key, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Processes newest first, of one table or all.</summary>
    public Task<List<OptimizingProcessRecord>> ProcessesAsync(TableKey? table, int limit, CancellationToken cancellationToken) =>
        _context.Store.ListProcessesAsync(table, null, Math.Clamp(limit, 1, 1000), cancellationToken);

    /// <summary>A process with its tasks; NotFound for an unknown id.</summary>
    public async Task<(OptimizingProcessRecord Process, IReadOnlyList<OptimizingTaskRecord> Tasks)> ProcessAsync(long processId, CancellationToken cancellationToken)
    {
        if (_queues.Owning(processId) is { } queue && await queue.FindAsync(processId, cancellationToken).ConfigureAwait(false) is { } running)
        {
            return running;
        }

        OptimizingProcessRecord process = await _context.Store.GetProcessAsync(processId, cancellationToken).ConfigureAwait(false)
            ?? throw new FloeException(FloeErrorKind.NotFound, $"There is no optimizing process {processId}.");
        return (process, await _context.Store.ListTasksAsync(processId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Stops the loops and waits for background planning and commits; safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _context.Background.StopAsync(_loops.Running).ConfigureAwait(false);
        _queues.PulseAll();
    }
}
