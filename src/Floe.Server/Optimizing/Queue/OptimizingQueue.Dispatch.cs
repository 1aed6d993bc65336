using Floe.Server.Optimizing.Processes;
using Floe.Server.Store;

namespace Floe.Server.Optimizing.Queue;

internal sealed partial class OptimizingQueue
{
    /// <summary>
    /// The next task for an optimizer thread: from the running process of the table furthest below its quota that may
    /// run another task (at most its quota threads at once, unless no other table has work and
    /// <see cref="Configuration.OptimizingOptions.BreakQuotaLimit"/>). Called under the lock.
    /// </summary>
    private async Task<TaskDispatch?> TryDispatchAsync(OptimizerInstance optimizer, int thread, CancellationToken cancellationToken)
    {
        var candidates = _processes.Values
            .Where(p => !p.Committing && HasQueuedTask(p))
            .Select(p => (Process: p, Occupation: Occupation(p.Table)))
            .OrderBy(c => c.Occupation)
            .ThenBy(c => c.Process.Id)
            .ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        int groupThreads = context.Registry.GroupThreads(Group);
        RunningProcess? chosen = candidates
            .Select(c => c.Process)
            .FirstOrDefault(p => HeldByTable(p.Table) < context.Runtimes.ConfigOf(p.Table).QuotaThreads(groupThreads));
        chosen ??= context.Options.BreakQuotaLimit ? candidates[0].Process : null;
        if (chosen is null)
        {
            return null;
        }

        OptimizingTaskRecord task = chosen.Tasks.Values.First(t => t.Status == TaskStatuses.Planned);
        OptimizingTaskRecord scheduled = TaskTransitions.Schedule(task, optimizer.Token, thread, context.NowMs());
        await _outcomes.SaveTaskAsync(chosen, scheduled, cancellationToken).ConfigureAwait(false);
        return new TaskDispatch(scheduled.ProcessId, scheduled.TaskId, scheduled.Attempt, scheduled.Kind, scheduled.Input);
    }

    /// <summary>Whether a task of the process waits for a thread.</summary>
    private static bool HasQueuedTask(RunningProcess process) => process.Tasks.Values.Any(t => t.Status == TaskStatuses.Planned);

    private int HeldByTable(TableKey key) => _processes.Values.Where(p => p.Table == key).Sum(p => p.Held);

    /// <summary>The share of its quota the table used in the last hour, counting its running tasks. Called under the lock.</summary>
    private double Occupation(TableKey key) =>
        _quota.Occupation(
            key,
            context.Runtimes.ConfigOf(key).QuotaThreads(context.Registry.GroupThreads(Group)),
            _processes.Values.Where(p => p.Table == key).SelectMany(p => p.Tasks.Values).Where(t => TaskStatuses.IsHeld(t.Status) && t.StartedMs is not null)
                .Select(t => t.StartedMs!.Value),
            context.NowMs());
}
