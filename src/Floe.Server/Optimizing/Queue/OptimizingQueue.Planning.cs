using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Targets;
using Floe.Server.Optimizing.Processes;
using Floe.Server.Store;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Optimizing.Queue;

internal sealed partial class OptimizingQueue
{
    private bool _planning;

    /// <summary>
    /// Starts planning the group's pending table furthest below its quota, unless the group is planning already (one
    /// table at a time per group), no table is due (<c>min-plan-interval</c>) or, with <paramref name="onlyWhenNothingQueued"/>,
    /// a task still waits for a thread.
    /// </summary>
    private async Task MaybePlanAsync(bool onlyWhenNothingQueued, CancellationToken cancellationToken)
    {
        (TableKey Table, long ProcessId)? chosen = await UnderLockAsync(async () =>
        {
            if (_planning || !context.Options.Enabled
                || (onlyWhenNothingQueued && _processes.Values.Any(HasQueuedTask)))
            {
                return ((TableKey, long)?)null;
            }

            long now = context.NowMs();
            TableKey? table = context.Runtimes.List()
                .Where(r => r.Group == Group && r.Status == (int)OptimizingStatus.Pending && now - r.LastPlanMs >= context.Runtimes.ConfigOf(r.Key).MinPlanIntervalMs
                    && !HasProcessFor(r.Key))
                .OrderBy(r => Occupation(r.Key))
                .ThenBy(r => r.StatusSinceMs)
                .Select(r => r.Key)
                .FirstOrDefault();
            if (table is null)
            {
                return null;
            }

            // Claimed only if still pending: a refresh may have moved it meanwhile.
            TableRuntimeRecord? claimed = await context.Runtimes.UpdateAsync(table, r => r is { Status: (int)OptimizingStatus.Pending }
                ? r with { Status = (int)OptimizingStatus.Planning, StatusSinceMs = now, LastPlanMs = now }
                : null, cancellationToken).ConfigureAwait(false);
            if (claimed?.Status != (int)OptimizingStatus.Planning)
            {
                return null;
            }

            _planning = true;
            return (table, ids.Next());
        }, cancellationToken).ConfigureAwait(false);
        if (chosen is { } plan)
        {
            context.Background.Run(ct => PlanAsync(plan.Table, plan.ProcessId, ct), $"planning {plan.Table}");
        }
    }

    private async Task PlanAsync(TableKey key, long processId, CancellationToken cancellationToken)
    {
        try
        {
            LoadedTable loaded = await context.Tables.LoadAsync(key, cancellationToken).ConfigureAwait(false);
            context.Runtimes.SetConfig(key, loaded.Target.Config);
            TableRuntimeRecord runtime = context.Runtimes.Get(key)!;
            int threads = context.Registry.GroupThreads(Group);
            var times = new OptimizingTimes(runtime.LastMinorMs, runtime.LastMajorMs, runtime.LastFullMs, context.NowMs());
            PlannedProcess? planned = await loaded.Target.PlanAsync(processId, times, checked(context.Options.MaxInputBytesPerThread * threads), cancellationToken)
                .ConfigureAwait(false);
            await UnderLockAsync(async () =>
            {
                if (planned is null || planned.Tasks.Count == 0)
                {
                    await context.Runtimes.SetStatusAsync(key, OptimizingStatus.Idle, cancellationToken, r => r with
                    {
                        Reason = "",
                        OptimizingType = null,
                        StateKey = loaded.Target.StateKey,
                    }).ConfigureAwait(false);
                    return false;
                }

                await StartProcessAsync(key, loaded, planned, cancellationToken).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
            if (planned is { Tasks.Count: > 0 })
            {
                context.Log.LogInformation("Optimizing: planned process {Process} ({Type}, {Tasks} tasks) for {Table}", processId, planned.Type, planned.Tasks.Count, key);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            context.Log.LogWarning(e, "Optimizing: planning {Table} failed", key);
            await context.Runtimes.SetStatusAsync(key, OptimizingStatus.Pending, CancellationToken.None, r => r with { LastError = $"Planning failed: {e.Message}" })
                .ConfigureAwait(false);
        }
        finally
        {
            await UnderLockAsync(() =>
            {
                _planning = false;
                return Task.FromResult(true);
            }, CancellationToken.None).ConfigureAwait(false);
            _work.Pulse();
        }
    }

    /// <summary>Stores a planned process with its tasks and makes the table optimizing. Called under the lock.</summary>
    private async Task StartProcessAsync(TableKey key, LoadedTable loaded, PlannedProcess planned, CancellationToken cancellationToken)
    {
        var record = new OptimizingProcessRecord
        {
            ProcessId = planned.ProcessId,
            Table = key,
            Group = Group,
            Format = loaded.Format,
            OptimizingType = planned.Type.ToString().ToLowerInvariant(),
            Status = ProcessStatuses.Running,
            Reason = planned.Reason,
            Plan = planned.Json,
            FromState = planned.FromState,
            StartedMs = context.NowMs(),
            TaskCount = planned.Tasks.Count,
            InputFiles = planned.InputFiles,
            InputBytes = planned.InputBytes,
        };
        var tasks = planned.Tasks.Select(t => new OptimizingTaskRecord
        {
            ProcessId = planned.ProcessId,
            TaskId = t.TaskId,
            Kind = t.Kind,
            Input = t.Json,
            Status = TaskStatuses.Planned,
            InputFiles = t.InputFiles,
            InputBytes = t.InputBytes,
        }).ToList();
        await context.Store.InsertProcessAsync(record, tasks, cancellationToken).ConfigureAwait(false);
        _processes[planned.ProcessId] = new RunningProcess(record, planned, tasks) { Target = loaded.Target };
        await context.Runtimes.SetStatusAsync(key, OptimizingStatuses.Running(planned.Type), cancellationToken, r => r with
        {
            ProcessId = planned.ProcessId,
            OptimizingType = record.OptimizingType,
            Reason = planned.Reason,
        }).ConfigureAwait(false);
    }
}
