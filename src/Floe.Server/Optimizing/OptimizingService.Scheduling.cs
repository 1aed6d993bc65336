using Floe.Optimizing.Config;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Targets;
using Floe.Server.Store;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Optimizing;

public sealed partial class OptimizingService
{
    private readonly Dictionary<TableKey, OptimizingConfig> _configs = [];

    /// <summary>Threads of the optimizers registered in <paramref name="group"/> (at least 1, so a plan is never empty).</summary>
    private int GroupThreads(string group) => Math.Max(1, _optimizers.Values.Where(o => o.Group == group).Sum(o => o.Threads));

    private OptimizingConfig ConfigOf(TableKey key) => _configs.TryGetValue(key, out OptimizingConfig? config) ? config : new OptimizingConfig();

    private double Occupation(TableKey key, string group) =>
        _quota.Occupation(
            key,
            ConfigOf(key).QuotaThreads(GroupThreads(group)),
            _processes.Values.Where(p => p.Table == key).SelectMany(p => p.Tasks.Values).Where(t => TaskStatuses.IsHeld(t.Status) && t.StartedMs is not null)
                .Select(t => t.StartedMs!.Value),
            NowMs());

    /// <summary>
    /// The next task for an optimizer thread of <paramref name="optimizer"/>'s group: from the running process of the
    /// table furthest below its quota that may run another task (at most its quota threads at once, unless no other
    /// table has work and <see cref="Configuration.OptimizingOptions.BreakQuotaLimit"/>). Called under the lock.
    /// </summary>
    private async Task<TaskDispatch?> TryDispatchAsync(OptimizerInstance optimizer, int thread, CancellationToken cancellationToken)
    {
        var candidates = _processes.Values
            .Where(p => p.Record.Group == optimizer.Group && !p.Committing && p.Tasks.Values.Any(t => t.Status == TaskStatuses.Planned))
            .Select(p => (Process: p, Occupation: Occupation(p.Table, optimizer.Group)))
            .OrderBy(c => c.Occupation)
            .ThenBy(c => c.Process.Record.ProcessId)
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        int groupThreads = GroupThreads(optimizer.Group);
        RunningProcess? chosen = candidates
            .Select(c => c.Process)
            .FirstOrDefault(p => HeldByTable(p.Table) < ConfigOf(p.Table).QuotaThreads(groupThreads));
        chosen ??= _options.BreakQuotaLimit ? candidates[0].Process : null;
        if (chosen is null)
        {
            return null;
        }

        OptimizingTaskRecord task = chosen.Tasks.Values.First(t => t.Status == TaskStatuses.Planned);
        OptimizingTaskRecord scheduled = task with
        {
            Status = TaskStatuses.Scheduled,
            Attempt = task.Attempt + 1,
            Optimizer = optimizer.Token,
            Thread = thread,
            StartedMs = NowMs(),
            EndedMs = null,
        };
        await SaveTaskAsync(chosen, scheduled, cancellationToken).ConfigureAwait(false);
        return new TaskDispatch(scheduled.ProcessId, scheduled.TaskId, scheduled.Attempt, scheduled.Kind, scheduled.Input);
    }

    private int HeldByTable(TableKey key) => _processes.Values.Where(p => p.Table == key).Sum(p => p.Held);

    /// <summary>
    /// Starts planning the pending table of <paramref name="group"/> furthest below its quota, unless the group is
    /// planning already (one table at a time per group) or no table is due (<c>min-plan-interval</c>).
    /// </summary>
    private async Task MaybePlanAsync(string group, CancellationToken cancellationToken)
    {
        TableKey? chosen = null;
        long processId = 0;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_planningGroups.Contains(group) || !_options.Enabled)
            {
                return;
            }

            long now = NowMs();
            chosen = _runtimes.Values
                .Where(r => r.Group == group && r.Status == (int)OptimizingStatus.Pending && now - r.LastPlanMs >= ConfigOf(r.Key).MinPlanIntervalMs
                    && !_processes.Values.Any(p => p.Table == r.Key))
                .OrderBy(r => Occupation(r.Key, group))
                .ThenBy(r => r.StatusSinceMs)
                .Select(r => r.Key)
                .FirstOrDefault();
            if (chosen is null)
            {
                return;
            }

            _planningGroups.Add(group);
            processId = ++_lastProcessId;
            await SetStatusAsync(chosen, OptimizingStatus.Planning, cancellationToken, r => r with { LastPlanMs = now }).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        TableKey table = chosen;
        RunInBackground(ct => PlanAsync(table, group, processId, ct), $"planning {table}");
    }

    private async Task PlanAsync(TableKey key, string group, long processId, CancellationToken cancellationToken)
    {
        try
        {
            LoadedTable loaded = await _tables.LoadAsync(key, cancellationToken).ConfigureAwait(false);
            TableRuntimeRecord runtime;
            int threads;
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                runtime = _runtimes[key];
                threads = GroupThreads(group);
                _configs[key] = loaded.Target.Config;
            }
            finally
            {
                _gate.Release();
            }

            var times = new OptimizingTimes(runtime.LastMinorMs, runtime.LastMajorMs, runtime.LastFullMs, NowMs());
            PlannedProcess? planned = await loaded.Target.PlanAsync(processId, times, checked(_options.MaxInputBytesPerThread * threads), cancellationToken)
                .ConfigureAwait(false);
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (planned is null || planned.Tasks.Count == 0)
                {
                    await SetStatusAsync(key, OptimizingStatus.Idle, cancellationToken, r => r with
                    {
                        Reason = "",
                        OptimizingType = null,
                        StateKey = loaded.Target.StateKey,
                    }).ConfigureAwait(false);
                    return;
                }

                await StartProcessAsync(key, loaded, group, planned, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }

            _log.LogInformation("Optimizing: planned process {Process} ({Type}, {Tasks} tasks) for {Table}", processId, planned.Type, planned.Tasks.Count, key);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _log.LogWarning(e, "Optimizing: planning {Table} failed", key);
            await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await SetStatusAsync(key, OptimizingStatus.Pending, CancellationToken.None, r => r with { LastError = $"Planning failed: {e.Message}" })
                    .ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
        finally
        {
            await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            _planningGroups.Remove(group);
            _gate.Release();
            _work.Pulse();
        }
    }

    /// <summary>Stores a planned process with its tasks and makes the table optimizing. Called under the lock.</summary>
    private async Task StartProcessAsync(TableKey key, LoadedTable loaded, string group, PlannedProcess planned, CancellationToken cancellationToken)
    {
        long now = NowMs();
        var record = new OptimizingProcessRecord
        {
            ProcessId = planned.ProcessId,
            Table = key,
            Group = group,
            Format = loaded.Format,
            OptimizingType = planned.Type.ToString().ToLowerInvariant(),
            Status = ProcessStatuses.Running,
            Reason = planned.Reason,
            Plan = planned.Json,
            FromState = planned.FromState,
            StartedMs = now,
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
        await _store.InsertProcessAsync(record, tasks, cancellationToken).ConfigureAwait(false);
        _processes[planned.ProcessId] = new RunningProcess(record, planned, tasks) { Target = loaded.Target };
        await SetStatusAsync(key, OptimizingStatuses.Running(planned.Type), cancellationToken, r => r with
        {
            ProcessId = planned.ProcessId,
            OptimizingType = record.OptimizingType,
            Reason = planned.Reason,
        }).ConfigureAwait(false);
    }

    /// <summary>Puts a held task back in the queue (its optimizer died, timed out or moved on); not a failure.</summary>
    private async Task RequeueAsync(RunningProcess process, OptimizingTaskRecord task, string why, CancellationToken cancellationToken)
    {
        _log.LogInformation("Optimizing: task {Task} of process {Process} (attempt {Attempt}) goes back to the queue: {Why}", task.TaskId, task.ProcessId, task.Attempt, why);
        await SaveTaskAsync(process, task with { Status = TaskStatuses.Planned, Optimizer = null, Thread = null }, cancellationToken).ConfigureAwait(false);
    }
}
