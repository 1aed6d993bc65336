using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Targets;
using Floe.Server.Store;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Optimizing.Processes;

/// <summary>
/// How a process ends: committed (success) or not (failed, cancelled, abandoned), with its tasks, its record and its
/// table's state written accordingly. Called under the lock of the queue that owns the process, which forgets it after.
/// </summary>
internal sealed class ProcessOutcomes(OptimizingContext context)
{
    /// <summary>A committed process: success, and the table idle with its last-optimized time moved.</summary>
    public async Task FinishAsync(RunningProcess process, long? snapshotId, CancellationToken cancellationToken)
    {
        long now = context.NowMs();
        await SaveEndAsync(process, ProcessStatuses.Success, null, snapshotId, now, cancellationToken).ConfigureAwait(false);
        OptimizingType type = process.Planned.Type;
        await context.Runtimes.SetStatusAsync(process.Table, OptimizingStatus.Idle, cancellationToken, r => r with
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
        context.Log.LogInformation("Optimizing: process {Process} of {Table} committed snapshot {Snapshot}", process.Id, process.Table, snapshotId);
    }

    /// <summary>
    /// Ends a process without committing it (failed, cancelled or abandoned): its unfinished tasks are cancelled, the
    /// outputs of its finished ones deleted (unless the commit itself may have used them), and the table goes idle
    /// showing why.
    /// </summary>
    public async Task EndAsync(RunningProcess process, string status, string reason, CancellationToken cancellationToken, bool deleteOutputs = true)
    {
        long now = context.NowMs();
        var outputs = new List<string>();
        foreach (OptimizingTaskRecord task in process.Tasks.Values.ToList())
        {
            if (task.Status == TaskStatuses.Success && task.Output is not null)
            {
                outputs.Add(task.Output);
            }
            else if (task.Status != TaskStatuses.Failed)
            {
                await SaveTaskAsync(process, TaskTransitions.Cancel(task, now), cancellationToken).ConfigureAwait(false);
            }
        }

        await SaveEndAsync(process, status, reason, null, now, cancellationToken).ConfigureAwait(false);
        await context.Runtimes.SetStatusAsync(process.Table, OptimizingStatus.Idle, cancellationToken, r => r with
        {
            ProcessId = null,
            OptimizingType = null,
            Reason = "",
            StateKey = "",
            LastError = status == ProcessStatuses.Closed && reason.StartsWith("Abandoned", StringComparison.Ordinal) ? r.LastError : $"Process {process.Id}: {reason}",
        }).ConfigureAwait(false);
        context.Log.LogWarning("Optimizing: process {Process} of {Table} ended {Status}: {Reason}", process.Id, process.Table, status, reason);
        if (deleteOutputs && outputs.Count > 0)
        {
            IOptimizingTarget? target = process.Target;
            TableKey table = process.Table;
            context.Background.Run(async ct =>
            {
                IOptimizingTarget loaded = target ?? (await context.Tables.LoadAsync(table, ct).ConfigureAwait(false)).Target;
                await DeleteAsync(loaded, outputs, ct).ConfigureAwait(false);
            }, $"deleting the outputs of process {process.Id}");
        }
    }

    /// <summary>Deletes outputs no process will commit (a stale attempt's), in the background.</summary>
    public void DeleteLater(IOptimizingTarget target, IReadOnlyList<string> outputs, string what) =>
        context.Background.Run(ct => DeleteAsync(target, outputs, ct), $"deleting {what}");

    /// <summary>Stores a task's next record and keeps it in its process.</summary>
    public async Task SaveTaskAsync(RunningProcess process, OptimizingTaskRecord task, CancellationToken cancellationToken)
    {
        await context.Store.SaveTaskAsync(task, cancellationToken).ConfigureAwait(false);
        process.Tasks[task.TaskId] = task;
    }

    private async Task SaveEndAsync(RunningProcess process, string status, string? reason, long? snapshotId, long now, CancellationToken cancellationToken)
    {
        if (!ProcessStatuses.IsAllowed(process.Record.Status, status))
        {
            throw new InvalidOperationException($"Optimizing process {process.Id} cannot go from {process.Record.Status} to {status}.");
        }

        process.Record = process.Record with
        {
            Status = status,
            EndedMs = now,
            FailReason = reason,
            SnapshotId = snapshotId,
            OutputFiles = process.Tasks.Values.Sum(t => t.OutputFiles),
            OutputBytes = process.Tasks.Values.Sum(t => t.OutputBytes),
        };
        await context.Store.SaveProcessAsync(process.Record, cancellationToken).ConfigureAwait(false);
    }

    private static async Task DeleteAsync(IOptimizingTarget target, IReadOnlyList<string> outputs, CancellationToken cancellationToken)
    {
        foreach (string output in outputs)
        {
            await target.DeleteOutputAsync(output, cancellationToken).ConfigureAwait(false);
        }
    }
}
