using Floe.Common.Errors;
using Floe.Optimizing.Commit;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Targets;
using Floe.Server.Configuration;
using Floe.Server.Store;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Optimizing;

public sealed partial class OptimizingService
{
    /// <summary>How often the history is pruned.</summary>
    private const long HistoryPruneIntervalMs = 60 * 60 * 1000;

    private void StartCommit(RunningProcess process)
    {
        process.Committing = true;
        RunInBackground(ct => CommitAsync(process, ct), $"committing process {process.Record.ProcessId} of {process.Table}");
    }

    /// <summary>
    /// Commits a process whose tasks all succeeded, on freshly loaded table metadata. Committed (or found committed
    /// already) → success; abandoned because a writer changed what it rewrote → closed, outputs deleted by the target;
    /// any other failure → failed, outputs kept (the commit may have landed; orphan cleaning removes them otherwise).
    /// </summary>
    private async Task CommitAsync(RunningProcess process, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SetStatusAsync(process.Table, OptimizingStatus.Committing, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        OptimizingCommitResult? result = null;
        Exception? failure = null;
        try
        {
            LoadedTable loaded = await _tables.LoadAsync(process.Table, cancellationToken).ConfigureAwait(false);
            result = await loaded.Target.CommitAsync(process.Planned, [.. process.Tasks.Values.Select(t => t.Output!)], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failure = e;
            _log.LogError(e, "Optimizing: committing process {Process} of {Table} failed", process.Record.ProcessId, process.Table);
        }

        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (failure is not null)
            {
                await EndProcessAsync(process, ProcessStatuses.Failed, $"Commit failed: {failure.Message}", CancellationToken.None, deleteOutputs: false).ConfigureAwait(false);
            }
            else if (result!.Outcome == CommitOutcome.Abandoned)
            {
                await EndProcessAsync(process, ProcessStatuses.Closed, $"Abandoned: {result.Reason}", CancellationToken.None, deleteOutputs: false).ConfigureAwait(false);
            }
            else
            {
                await FinishProcessAsync(process, result.SnapshotId, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }

        _work.Pulse();
        await RefreshTableAsync(process.Table, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A committed process: success, and the table idle with its last-optimized time moved. Called under the lock.</summary>
    private async Task FinishProcessAsync(RunningProcess process, long? snapshotId, CancellationToken cancellationToken)
    {
        long now = NowMs();
        process.Record = process.Record with
        {
            Status = ProcessStatuses.Success,
            EndedMs = now,
            SnapshotId = snapshotId,
            OutputFiles = process.Tasks.Values.Sum(t => t.OutputFiles),
            OutputBytes = process.Tasks.Values.Sum(t => t.OutputBytes),
        };
        await _store.SaveProcessAsync(process.Record, cancellationToken).ConfigureAwait(false);
        _processes.Remove(process.Record.ProcessId);
        OptimizingType type = process.Planned.Type;
        await SetStatusAsync(process.Table, OptimizingStatus.Idle, cancellationToken, r => r with
        {
            ProcessId = null,
            OptimizingType = null,
            Reason = "",
            StateKey = "",
            LastError = null,
            LastMinorMs = now,
            LastMajorMs = type >= OptimizingType.Major ? now : r.LastMajorMs,
            LastFullMs = type == OptimizingType.Full ? now : r.LastFullMs,
        }).ConfigureAwait(false);
        _log.LogInformation("Optimizing: process {Process} of {Table} committed snapshot {Snapshot}", process.Record.ProcessId, process.Table, snapshotId);
    }

    /// <summary>
    /// Ends a process without committing it (failed, cancelled or abandoned): its unfinished tasks are cancelled, the
    /// outputs of its finished ones deleted (unless the commit itself may have used them), and the table goes idle
    /// showing why. Called under the lock.
    /// </summary>
    private async Task EndProcessAsync(RunningProcess process, string status, string reason, CancellationToken cancellationToken, bool deleteOutputs = true)
    {
        long now = NowMs();
        var outputs = new List<string>();
        foreach (OptimizingTaskRecord task in process.Tasks.Values.ToList())
        {
            if (task.Status == TaskStatuses.Success && task.Output is not null)
            {
                outputs.Add(task.Output);
            }
            else if (task.Status != TaskStatuses.Failed)
            {
                await SaveTaskAsync(process, task with { Status = TaskStatuses.Canceled, Optimizer = null, EndedMs = task.EndedMs ?? now }, cancellationToken).ConfigureAwait(false);
            }
        }

        process.Record = process.Record with
        {
            Status = status,
            EndedMs = now,
            FailReason = reason,
            OutputFiles = process.Tasks.Values.Sum(t => t.OutputFiles),
            OutputBytes = process.Tasks.Values.Sum(t => t.OutputBytes),
        };
        await _store.SaveProcessAsync(process.Record, cancellationToken).ConfigureAwait(false);
        _processes.Remove(process.Record.ProcessId);
        await SetStatusAsync(process.Table, OptimizingStatus.Idle, cancellationToken, r => r with
        {
            ProcessId = null,
            OptimizingType = null,
            Reason = "",
            StateKey = "",
            LastError = status == ProcessStatuses.Closed && reason.StartsWith("Abandoned", StringComparison.Ordinal) ? r.LastError : $"Process {process.Record.ProcessId}: {reason}",
        }).ConfigureAwait(false);
        _log.LogWarning("Optimizing: process {Process} of {Table} ended {Status}: {Reason}", process.Record.ProcessId, process.Table, status, reason);
        if (deleteOutputs && outputs.Count > 0)
        {
            IOptimizingTarget? target = process.Target;
            TableKey table = process.Table;
            RunInBackground(async ct =>
            {
                IOptimizingTarget loaded = target ?? (await _tables.LoadAsync(table, ct).ConfigureAwait(false)).Target;
                foreach (string output in outputs)
                {
                    await loaded.DeleteOutputAsync(output, ct).ConfigureAwait(false);
                }
            }, $"deleting the outputs of process {process.Record.ProcessId}");
        }
    }

    private void DeleteOutputsLater(IOptimizingTarget target, IReadOnlyList<string> outputs, string what) =>
        RunInBackground(async ct =>
        {
            foreach (string output in outputs)
            {
                await target.DeleteOutputAsync(output, ct).ConfigureAwait(false);
            }
        }, $"deleting {what}");

    /// <summary>Cancels a running process; its table goes idle and is evaluated again. NotFound when it is not running.</summary>
    public async Task CancelProcessAsync(long processId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_processes.TryGetValue(processId, out RunningProcess? process))
            {
                throw new FloeException(FloeErrorKind.NotFound, $"Optimizing process {processId} is not running.");
            }

            if (process.Committing)
            {
                throw new FloeException(FloeErrorKind.CommitConflict, $"Optimizing process {processId} is committing and can no longer be cancelled.");
            }

            await EndProcessAsync(process, ProcessStatuses.Closed, "Cancelled", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        _work.Pulse();
    }

    /// <summary>
    /// Takes back tasks whose optimizer went silent past the heartbeat timeout (the optimizer is dropped; one the
    /// server is answering a poll for is not silent), tasks not acknowledged within the ack timeout and tasks running
    /// past the execute timeout.
    /// </summary>
    public async Task ExpireAsync(CancellationToken cancellationToken)
    {
        bool freed = false;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            long now = NowMs();
            foreach (OptimizerInstance dead in _optimizers.Values.Where(o => o.PollsInProgress == 0 && now - o.TouchedMs > _options.HeartbeatTimeoutMs).ToList())
            {
                _optimizers.Remove(dead.Token);
                _log.LogWarning("Optimizing: optimizer of group {Group} missed its heartbeats for {Ms} ms and is dropped", dead.Group, now - dead.TouchedMs);
            }

            foreach (RunningProcess process in _processes.Values.ToList())
            {
                foreach (OptimizingTaskRecord task in process.Tasks.Values.Where(t => TaskStatuses.IsHeld(t.Status)).ToList())
                {
                    long running = now - (task.StartedMs ?? now);
                    string? why = task.Optimizer is null || !_optimizers.ContainsKey(task.Optimizer) ? "its optimizer is gone"
                        : task.Status == TaskStatuses.Scheduled && running > _options.TaskAckTimeoutMs ? $"not acknowledged within {_options.TaskAckTimeoutMs} ms"
                        : task.Status == TaskStatuses.Acked && _options.TaskExecuteTimeoutMs > 0 && running > _options.TaskExecuteTimeoutMs
                            ? $"still running after {_options.TaskExecuteTimeoutMs} ms"
                        : null;
                    if (why is not null)
                    {
                        await RequeueAsync(process, task, why, cancellationToken).ConfigureAwait(false);
                        freed = true;
                    }
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        if (freed)
        {
            _work.Pulse();
        }
    }

    /// <summary>Drops ended processes older than <see cref="OptimizingOptions.HistoryKeepMs"/> from the history; returns how many.</summary>
    public async Task<int> PruneHistoryAsync(CancellationToken cancellationToken)
    {
        int deleted = await _store.DeleteProcessesEndedBeforeAsync(NowMs() - _options.HistoryKeepMs, cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            _log.LogInformation("Optimizing: {Count} process(es) older than {Ms} ms left the history", deleted, _options.HistoryKeepMs);
        }

        return deleted;
    }

    private async Task KeeperLoopAsync(CancellationToken cancellationToken)
    {
        long period = Math.Clamp(Math.Min(_options.HeartbeatTimeoutMs, _options.TaskAckTimeoutMs) / 4, 50, 1000);
        long lastPruneMs = NowMs(); // pruned at start
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(period), _clock, cancellationToken).ConfigureAwait(false);
                await ExpireAsync(cancellationToken).ConfigureAwait(false);
                if (NowMs() - lastPruneMs >= HistoryPruneIntervalMs)
                {
                    lastPruneMs = NowMs();
                    await PruneHistoryAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _log.LogError(e, "Optimizing: expiring optimizers and tasks failed");
            }
        }
    }
}
