using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Targets;
using Floe.Server.Optimizing.Queue;
using Floe.Server.Store;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Optimizing.Processes;

/// <summary>
/// Restart recovery: running processes go back to their group's queue (tasks held by optimizers before the restart
/// are planned again, since optimizers re-register with new tokens), and a table left planning or committing without
/// a live process goes back to idle, to be evaluated again.
/// </summary>
internal sealed class ProcessRecovery(OptimizingContext context, OptimizingQueues queues)
{
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        queues.Ids.StartAfter(await context.Store.MaxProcessIdAsync(cancellationToken).ConfigureAwait(false));
        var outcomes = new ProcessOutcomes(context);
        var live = new HashSet<long>();
        foreach (OptimizingProcessRecord record in await context.Store.ListProcessesAsync(null, ProcessStatuses.Running, int.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            List<OptimizingTaskRecord> tasks = await context.Store.ListTasksAsync(record.ProcessId, cancellationToken).ConfigureAwait(false);
            var planned = new PlannedProcess
            {
                ProcessId = record.ProcessId,
                Type = Enum.Parse<OptimizingType>(record.OptimizingType, ignoreCase: true),
                Json = record.Plan,
                Reason = record.Reason,
                FromState = record.FromState,
                Tasks = [.. tasks.Select(t => new PlannedTask(t.TaskId, t.Kind, t.Input, (int)t.InputFiles, t.InputBytes))],
            };
            var process = new RunningProcess(record, planned, tasks);
            foreach (OptimizingTaskRecord task in tasks.Where(t => TaskStatuses.IsHeld(t.Status) || t.Status == TaskStatuses.Failed))
            {
                // The attempt they held is reclaimed, not failed.
                await outcomes.SaveTaskAsync(process, TaskTransitions.Requeue(task), cancellationToken).ConfigureAwait(false);
            }

            live.Add(record.ProcessId);
            OptimizingStatus status = process.AllSucceeded ? OptimizingStatus.Committing : OptimizingStatuses.Running(planned.Type);
            await context.Runtimes.UpdateAsync(record.Table, r => r is null ? null : r with { Status = (int)status, ProcessId = record.ProcessId }, cancellationToken)
                .ConfigureAwait(false);
            context.Log.LogInformation("Resuming optimizing process {Process} of {Table}", record.ProcessId, record.Table);
            queues.Of(record.Group).Resume(process);
        }

        foreach (TableRuntimeRecord runtime in context.Runtimes.List())
        {
            var status = (OptimizingStatus)runtime.Status;
            bool orphaned = status is OptimizingStatus.Planning or OptimizingStatus.Committing || status.IsOptimizing();
            if (orphaned && (runtime.ProcessId is not long id || !live.Contains(id)))
            {
                await context.Runtimes.UpdateAsync(runtime.Key, r => r! with { Status = (int)OptimizingStatus.Idle, StatusSinceMs = context.NowMs(), ProcessId = null, StateKey = "" },
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
