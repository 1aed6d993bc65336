using Floe.Common.Errors;
using Floe.Contracts.Optimizer;
using Floe.Server.Store;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Optimizing;

public sealed partial class OptimizingService
{
    /// <summary>Registers an optimizer in an existing group; returns its instance with the token for later calls.</summary>
    public async Task<OptimizerInstance> RegisterAsync(
        string group, int threads, string? resourceId, long memoryMb, IReadOnlyDictionary<string, string> properties, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (threads is < 1 or > 1024)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"An optimizer needs 1 to 1024 threads, not {threads}.");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_groups.ContainsKey(group))
            {
                throw OptimizerFault.NoSuchGroup(group);
            }

            long now = NowMs();
            var optimizer = new OptimizerInstance
            {
                Token = OptimizerTokens.New(),
                Group = group,
                Threads = threads,
                ResourceId = resourceId,
                MemoryMb = memoryMb,
                RegisteredMs = now,
                Properties = properties,
                TouchedMs = now,
            };
            if (properties.ContainsKey(LocalOptimizerProperty))
            {
                // The server runs one local optimizer per group; an earlier one whose stop raced its registration is gone.
                foreach (OptimizerInstance earlier in _optimizers.Values.Where(o => o.Group == group && o.Properties.ContainsKey(LocalOptimizerProperty)).ToList())
                {
                    await DropOptimizerAsync(earlier.Token, "a newer local optimizer of its group registered", cancellationToken).ConfigureAwait(false);
                }
            }

            _optimizers[optimizer.Token] = optimizer;
            _log.LogInformation("Optimizing: optimizer registered in group {Group} with {Threads} threads", group, threads);
            return optimizer;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A heartbeat; an <see cref="OptimizerFault"/> when the token is unknown (the optimizer must register again) or malformed.</summary>
    public async Task TouchAsync(string token, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Touch(token);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// A task for the optimizer's thread, waiting up to <see cref="Configuration.OptimizingOptions.PollTimeoutMs"/>
    /// for one; null when none came. A poll with nothing ready lets the group plan its next pending table.
    /// </summary>
    public async Task<TaskDispatch?> PollAsync(string token, int thread, CancellationToken cancellationToken)
    {
        OptimizerInstance polling;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            polling = Touch(token);
            polling.PollsInProgress++;
        }
        finally
        {
            _gate.Release();
        }

        try
        {
            return await WaitForTaskAsync(token, thread, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Time spent waiting or planning inside the poll is the server's, not the optimizer's silence.
            await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            polling.PollsInProgress--;
            polling.TouchedMs = NowMs();
            _gate.Release();
        }
    }

    private async Task<TaskDispatch?> WaitForTaskAsync(string token, int thread, CancellationToken cancellationToken)
    {
        long deadline = NowMs() + _options.PollTimeoutMs;
        while (true)
        {
            Task wake = _work.Next;
            TaskDispatch? dispatch;
            string group;
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                OptimizerInstance optimizer = Touch(token);
                if (thread < 0 || thread >= optimizer.Threads)
                {
                    throw new FloeException(FloeErrorKind.InvalidArgument, $"Thread {thread} is not one of this optimizer's {optimizer.Threads} threads (0 to {optimizer.Threads - 1}).");
                }

                // The thread asks for work, so whatever it held is no longer running there.
                foreach ((RunningProcess process, OptimizingTaskRecord task) in HeldBy(token, thread).ToList())
                {
                    await RequeueAsync(process, task, "its optimizer thread asked for new work", cancellationToken).ConfigureAwait(false);
                }

                dispatch = _options.Enabled ? await TryDispatchAsync(optimizer, thread, cancellationToken).ConfigureAwait(false) : null;
                group = optimizer.Group;
            }
            finally
            {
                _gate.Release();
            }

            if (dispatch is not null)
            {
                return dispatch;
            }

            await MaybePlanAsync(group, cancellationToken).ConfigureAwait(false);
            long remaining = deadline - NowMs();
            if (remaining <= 0)
            {
                return null;
            }

            await Task.WhenAny(wake, Task.Delay(TimeSpan.FromMilliseconds(remaining), _clock, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (_stop.IsCancellationRequested)
            {
                return null;
            }
        }
    }

    /// <summary>The optimizer took the task; CommitConflict (stale) when that attempt is no longer its.</summary>
    public async Task AckAsync(string token, int thread, long processId, int taskId, int attempt, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Touch(token);
            (RunningProcess process, OptimizingTaskRecord task) = Held(token, thread, processId, taskId, attempt);
            if (task.Status == TaskStatuses.Scheduled)
            {
                await SaveTaskAsync(process, task with { Status = TaskStatuses.Acked }, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The result of an attempt: its output (JSON) or its error. A failed task is retried until
    /// <c>self-optimizing.execute.num-retries</c>, then its process fails; when every task succeeded the process is
    /// committed. A stale attempt's output is deleted and CommitConflict raised.
    /// </summary>
    public async Task CompleteAsync(string token, int thread, long processId, int taskId, int attempt, string? output, string? error, CancellationToken cancellationToken)
    {
        if ((output is null) == (error is null))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "A completion carries either an output or an error.");
        }

        RunningProcess? known;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _processes.TryGetValue(processId, out known);
        }
        finally
        {
            _gate.Release();
        }

        // Describing and deleting outputs needs the table; load it before taking the lock.
        Floe.Optimizing.Targets.IOptimizingTarget? target = known is null ? null : await TargetOfAsync(known, cancellationToken).ConfigureAwait(false);
        Floe.Optimizing.Targets.TaskOutputSummary? summary = output is null || target is null ? null : target.DescribeOutput(output);
        RunningProcess? commit = null;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            OptimizerInstance optimizer = Touch(token);
            RunningProcess process;
            OptimizingTaskRecord task;
            try
            {
                (process, task) = Held(optimizer.Token, thread, processId, taskId, attempt);
            }
            catch (FloeException) when (output is not null)
            {
                if (target is not null)
                {
                    DeleteOutputsLater(target, [output], $"the stale output of task {taskId} of process {processId}");
                }

                throw;
            }

            long now = NowMs();
            if (task.StartedMs is long started)
            {
                _quota.Record(process.Table, started, now);
            }

            if (output is not null)
            {
                await SaveTaskAsync(process, task with
                {
                    Status = TaskStatuses.Success,
                    Output = output,
                    Error = null,
                    EndedMs = now,
                    OutputFiles = summary?.Files ?? 0,
                    OutputBytes = summary?.Bytes ?? 0,
                }, cancellationToken).ConfigureAwait(false);
                if (process.AllSucceeded && !process.Committing)
                {
                    process.Committing = true;
                    commit = process;
                }
            }
            else
            {
                int retries = task.Retries + 1;
                _log.LogWarning("Optimizing: task {Task} of process {Process} failed (attempt {Attempt}): {Error}", taskId, processId, attempt, error);
                if (retries > ConfigOf(process.Table).ExecuteNumRetries)
                {
                    await SaveTaskAsync(process, task with { Status = TaskStatuses.Failed, Retries = retries, Error = error, EndedMs = now }, cancellationToken).ConfigureAwait(false);
                    await EndProcessAsync(process, ProcessStatuses.Failed, $"Task {taskId} failed {retries} times; last error: {error}", cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await SaveTaskAsync(process, task with
                    {
                        Status = TaskStatuses.Planned,
                        Retries = retries,
                        Error = error,
                        EndedMs = now,
                        Optimizer = null,
                        Thread = null,
                    }, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        _work.Pulse();
        if (commit is not null)
        {
            StartCommit(commit);
        }
    }

    /// <summary>The optimizer leaves; its held tasks go back to the queue at once.</summary>
    public async Task UnregisterAsync(string token, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await DropOptimizerAsync(token, "its optimizer unregistered", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        _work.Pulse();
    }

    /// <summary>Registered optimizers.</summary>
    public async Task<IReadOnlyList<OptimizerInstance>> OptimizersAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return [.. _optimizers.Values.OrderBy(o => o.RegisteredMs)];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The tasks each optimizer (by token) is running now.</summary>
    public async Task<IReadOnlyDictionary<string, int>> RunningTasksAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _processes.Values.SelectMany(p => p.Tasks.Values).Where(t => TaskStatuses.IsHeld(t.Status) && t.Optimizer is not null)
                .GroupBy(t => t.Optimizer!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets an optimizer and puts the tasks it held back in the queue. Called under the lock.</summary>
    private async Task DropOptimizerAsync(string token, string why, CancellationToken cancellationToken)
    {
        if (_optimizers.Remove(token))
        {
            foreach ((RunningProcess process, OptimizingTaskRecord task) in HeldBy(token, null).ToList())
            {
                await RequeueAsync(process, task, why, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private OptimizerInstance Touch(string token)
    {
        OptimizerTokens.Check(token);
        if (!_optimizers.TryGetValue(token, out OptimizerInstance? optimizer))
        {
            throw OptimizerFault.UnknownOptimizer();
        }

        optimizer.TouchedMs = NowMs();
        return optimizer;
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

    private async Task<Floe.Optimizing.Targets.IOptimizingTarget> TargetOfAsync(RunningProcess process, CancellationToken cancellationToken)
    {
        if (process.Target is { } target)
        {
            return target;
        }

        LoadedTable loaded = await _tables.LoadAsync(process.Table, cancellationToken).ConfigureAwait(false);
        process.Target = loaded.Target;
        return loaded.Target;
    }
}
