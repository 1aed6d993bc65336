using System.Collections.Concurrent;
using Floe.Common.Errors;
using Floe.Contracts.Optimizer;
using Floe.Optimizing.Targets;
using Floe.Server.Optimizing.Processes;
using Floe.Server.Store;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Optimizing.Queue;

/// <summary>
/// The work of one optimizer group (Amoro's optimizing queue): its running processes and their tasks, dispatch by
/// quota, acks and results. Everything here changes under this queue's own lock, so polls, acks and completions of
/// different groups never wait for each other; slow work (loading tables, planning, commits) runs outside it. Under
/// its lock a queue may change table runtimes and consult the registry, whose locks never wait for a queue.
/// </summary>
internal sealed partial class OptimizingQueue(string group, OptimizingContext context, ProcessIds ids)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<long, RunningProcess> _processes = [];
    private readonly QuotaTracker _quota = new();
    private readonly AsyncSignal _work = new();
    private readonly ProcessOutcomes _outcomes = new(context);

    public string Group { get; } = group;

    /// <summary>Wakes the optimizers waiting in a poll of this group: work may be ready.</summary>
    public void Pulse() => _work.Pulse();

    public bool Owns(long processId) => _processes.ContainsKey(processId);

    public bool HasProcessFor(TableKey table) => _processes.Values.Any(p => p.Table == table);

    /// <summary>The table states (see <c>IOptimizingTarget.StateKey</c>) the running processes of a table were planned from.</summary>
    public IEnumerable<string> PlannedStates(TableKey table) => _processes.Values.Where(p => p.Table == table).Select(p => p.Planned.FromState);

    /// <summary>A process resumed after a restart (see <see cref="CommitFinished"/>).</summary>
    public void Resume(RunningProcess process) => _processes[process.Id] = process;

    /// <summary>Commits the resumed processes whose tasks all finished before the restart.</summary>
    public void CommitFinished()
    {
        foreach (RunningProcess process in _processes.Values.Where(p => p.AllSucceeded && !p.Committing).ToList())
        {
            StartCommit(process);
        }
    }

    /// <summary>
    /// A task for the optimizer's thread, waiting up to the poll timeout for one; null when none came. A poll with
    /// nothing ready lets the group plan its next pending table, and so does one that takes the last queued task: the
    /// next table is planned while that task runs, so the thread finds work when it asks again.
    /// </summary>
    public async Task<TaskDispatch?> PollAsync(string token, int thread, CancellationToken cancellationToken)
    {
        long deadline = context.NowMs() + context.Options.PollTimeoutMs;
        while (true)
        {
            Task wake = _work.Next;
            TaskDispatch? dispatch = await UnderLockAsync(async () =>
            {
                OptimizerInstance optimizer = context.Registry.Touch(token);
                if (thread < 0 || thread >= optimizer.Threads)
                {
                    throw new FloeException(FloeErrorKind.InvalidArgument, $"Thread {thread} is not one of this optimizer's {optimizer.Threads} threads (0 to {optimizer.Threads - 1}).");
                }

                // The thread asks for work, so whatever it held is no longer running there.
                foreach ((RunningProcess process, OptimizingTaskRecord task) in HeldBy(token, thread).ToList())
                {
                    await RequeueAsync(process, task, "its optimizer thread asked for new work", cancellationToken).ConfigureAwait(false);
                }

                return context.Options.Enabled ? await TryDispatchAsync(optimizer, thread, cancellationToken).ConfigureAwait(false) : null;
            }, cancellationToken).ConfigureAwait(false);
            if (dispatch is not null)
            {
                await MaybePlanAsync(onlyWhenNothingQueued: true, cancellationToken).ConfigureAwait(false);
                return dispatch;
            }

            await MaybePlanAsync(onlyWhenNothingQueued: false, cancellationToken).ConfigureAwait(false);
            long remaining = deadline - context.NowMs();
            if (remaining <= 0)
            {
                return null;
            }

            await Task.WhenAny(wake, Task.Delay(TimeSpan.FromMilliseconds(remaining), context.Clock, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (context.Background.Stopping.IsCancellationRequested)
            {
                return null;
            }
        }
    }

    /// <summary>The optimizer took the task; a StaleTask fault when that attempt is no longer its.</summary>
    public Task AckAsync(string token, int thread, long processId, int taskId, int attempt, CancellationToken cancellationToken) =>
        UnderLockAsync(async () =>
        {
            context.Registry.Touch(token);
            (RunningProcess process, OptimizingTaskRecord task) = Held(token, thread, processId, taskId, attempt);
            if (task.Status == TaskStatuses.Scheduled)
            {
                await _outcomes.SaveTaskAsync(process, TaskTransitions.Ack(task), cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);

    /// <summary>
    /// The result of an attempt: its output (JSON) or its error. A failed task is retried until
    /// <c>self-optimizing.execute.num-retries</c>, then its process fails; when every task succeeded the process is
    /// committed. A stale attempt's output is deleted and a StaleTask fault raised.
    /// </summary>
    public async Task CompleteAsync(string token, int thread, long processId, int taskId, int attempt, string? output, string? error, CancellationToken cancellationToken)
    {
        // Describing and deleting outputs needs the table; load it before taking the lock.
        IOptimizingTarget? target = _processes.TryGetValue(processId, out RunningProcess? known) ? await TargetOfAsync(known, cancellationToken).ConfigureAwait(false) : null;
        TaskOutputSummary? summary = output is null || target is null ? null : target.DescribeOutput(output);
        RunningProcess? commit = await UnderLockAsync(async () =>
        {
            context.Registry.Touch(token);
            RunningProcess process;
            OptimizingTaskRecord task;
            try
            {
                (process, task) = Held(token, thread, processId, taskId, attempt);
            }
            catch (OptimizerFault) when (output is not null)
            {
                if (target is not null)
                {
                    _outcomes.DeleteLater(target, [output], $"the stale output of task {taskId} of process {processId}");
                }

                throw;
            }

            long now = context.NowMs();
            if (task.StartedMs is long started)
            {
                _quota.Record(process.Table, started, now);
            }

            if (output is not null)
            {
                await _outcomes.SaveTaskAsync(process, TaskTransitions.Succeed(task, output, summary, now), cancellationToken).ConfigureAwait(false);
                if (process.AllSucceeded && !process.Committing)
                {
                    process.Committing = true;
                    return process;
                }

                return null;
            }

            context.Log.LogWarning("Optimizing: task {Task} of process {Process} failed (attempt {Attempt}): {Error}", taskId, processId, attempt, error);
            OptimizingTaskRecord failed = TaskTransitions.Fail(task, error!, context.Runtimes.ConfigOf(process.Table).ExecuteNumRetries, now);
            await _outcomes.SaveTaskAsync(process, failed, cancellationToken).ConfigureAwait(false);
            if (failed.Status == TaskStatuses.Failed)
            {
                await EndAsync(process, ProcessStatuses.Failed, $"Task {taskId} failed {failed.Retries} times; last error: {error}", cancellationToken).ConfigureAwait(false);
            }

            return null;
        }, cancellationToken).ConfigureAwait(false);
        _work.Pulse();
        if (commit is not null)
        {
            StartCommit(commit);
        }
    }

    /// <summary>Puts the tasks an optimizer held back in the queue (it left, was replaced or went silent).</summary>
    public async Task ReleaseAsync(string token, string why, CancellationToken cancellationToken)
    {
        bool released = await UnderLockAsync(async () =>
        {
            var held = HeldBy(token, null).ToList();
            foreach ((RunningProcess process, OptimizingTaskRecord task) in held)
            {
                await RequeueAsync(process, task, why, cancellationToken).ConfigureAwait(false);
            }

            return held.Count > 0;
        }, cancellationToken).ConfigureAwait(false);
        if (released)
        {
            _work.Pulse();
        }
    }

    /// <summary>Takes back tasks whose optimizer is gone, not acknowledged within the ack timeout or running past the execute timeout.</summary>
    public async Task ExpireAsync(CancellationToken cancellationToken)
    {
        bool freed = await UnderLockAsync(async () =>
        {
            long now = context.NowMs();
            bool any = false;
            foreach (RunningProcess process in _processes.Values.ToList())
            {
                foreach (OptimizingTaskRecord task in process.Tasks.Values.Where(t => TaskStatuses.IsHeld(t.Status)).ToList())
                {
                    if (TaskTimeouts.ReasonToTakeBack(task, context.Registry.IsLive, context.Options, now) is { } why)
                    {
                        await RequeueAsync(process, task, why, cancellationToken).ConfigureAwait(false);
                        any = true;
                    }
                }
            }

            return any;
        }, cancellationToken).ConfigureAwait(false);
        if (freed)
        {
            _work.Pulse();
        }
    }

    /// <summary>Cancels a running process of this queue; false when it has none of that id.</summary>
    public async Task<bool> CancelAsync(long processId, CancellationToken cancellationToken)
    {
        bool found = await UnderLockAsync(async () =>
        {
            if (!_processes.TryGetValue(processId, out RunningProcess? process))
            {
                return false;
            }

            if (process.Committing)
            {
                throw new FloeException(FloeErrorKind.CommitConflict, $"Optimizing process {processId} is committing and can no longer be cancelled.");
            }

            await EndAsync(process, ProcessStatuses.Closed, "Cancelled", cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        _work.Pulse();
        return found;
    }

    /// <summary>Ends the table's running process that is not committing yet (its optimizing was switched off); true when there was one.</summary>
    public Task<bool> CloseTableAsync(TableKey table, string reason, CancellationToken cancellationToken) =>
        UnderLockAsync(async () =>
        {
            if (_processes.Values.FirstOrDefault(p => p.Table == table && !p.Committing) is not { } running)
            {
                return false;
            }

            await EndAsync(running, ProcessStatuses.Closed, reason, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Forgets a dropped table's execution history.</summary>
    public Task ForgetAsync(TableKey table, CancellationToken cancellationToken) =>
        UnderLockAsync(() =>
        {
            _quota.Forget(table);
            return Task.FromResult(true);
        }, cancellationToken);

    /// <summary>The table's quota occupation in this group.</summary>
    public Task<double> OccupationAsync(TableKey table, CancellationToken cancellationToken) =>
        UnderLockAsync(() => Task.FromResult(Occupation(table)), cancellationToken);

    /// <summary>A running process with its tasks as they are now, or null when this queue does not run it.</summary>
    public Task<(OptimizingProcessRecord Process, IReadOnlyList<OptimizingTaskRecord> Tasks)?> FindAsync(long processId, CancellationToken cancellationToken) =>
        UnderLockAsync(() => Task.FromResult<(OptimizingProcessRecord, IReadOnlyList<OptimizingTaskRecord>)?>(
            _processes.TryGetValue(processId, out RunningProcess? running) ? (running.Record, [.. running.Tasks.Values]) : null), cancellationToken);

    /// <summary>The held tasks of this queue by optimizer token.</summary>
    public Task<List<string>> HoldersAsync(CancellationToken cancellationToken) =>
        UnderLockAsync(() => Task.FromResult(_processes.Values.SelectMany(p => p.Tasks.Values)
            .Where(t => TaskStatuses.IsHeld(t.Status) && t.Optimizer is not null).Select(t => t.Optimizer!).ToList()), cancellationToken);

    private async Task<T> UnderLockAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Ends a process without committing it and forgets it. Called under the lock.</summary>
    private async Task EndAsync(RunningProcess process, string status, string reason, CancellationToken cancellationToken, bool deleteOutputs = true)
    {
        await _outcomes.EndAsync(process, status, reason, cancellationToken, deleteOutputs).ConfigureAwait(false);
        _processes.TryRemove(process.Id, out _);
    }

    /// <summary>Puts a held task back in the queue (its optimizer died, timed out or moved on); not a failure. Called under the lock.</summary>
    private async Task RequeueAsync(RunningProcess process, OptimizingTaskRecord task, string why, CancellationToken cancellationToken)
    {
        context.Log.LogInformation("Optimizing: task {Task} of process {Process} (attempt {Attempt}) goes back to the queue: {Why}", task.TaskId, task.ProcessId, task.Attempt, why);
        await _outcomes.SaveTaskAsync(process, TaskTransitions.Requeue(task), cancellationToken).ConfigureAwait(false);
    }

    private IEnumerable<(RunningProcess Process, OptimizingTaskRecord Task)> HeldBy(string token, int? thread) =>
        _processes.Values.SelectMany(p => p.Tasks.Values
            .Where(t => TaskStatuses.IsHeld(t.Status) && t.Optimizer == token && (thread is null || t.Thread == thread))
            .Select(t => (p, t)));

    private (RunningProcess Process, OptimizingTaskRecord Task) Held(string token, int thread, long processId, int taskId, int attempt)
    {
        if (!_processes.TryGetValue(processId, out RunningProcess? process) || !process.Tasks.TryGetValue(taskId, out OptimizingTaskRecord? task)
            || !TaskStatuses.IsHeld(task.Status) || task.Optimizer != token || task.Thread != thread || task.Attempt != attempt)
        {
            throw OptimizerFault.StaleTask(processId, taskId, attempt);
        }

        return (process, task);
    }

    private async Task<IOptimizingTarget> TargetOfAsync(RunningProcess process, CancellationToken cancellationToken)
    {
        if (process.Target is { } target)
        {
            return target;
        }

        LoadedTable loaded = await context.Tables.LoadAsync(process.Table, cancellationToken).ConfigureAwait(false);
        process.Target = loaded.Target;
        return loaded.Target;
    }
}
