using Floe.Optimizing.Targets;
using Floe.Server.Store;

namespace Floe.Server.Optimizing.Processes;

/// <summary>
/// The task state machine: each step returns the task's next record and refuses a transition
/// <see cref="TaskStatuses.IsAllowed"/> does not list (a bug of the service, never the optimizer's doing).
/// </summary>
internal static class TaskTransitions
{
    /// <summary>Hands a planned task to an optimizer thread as its next attempt.</summary>
    public static OptimizingTaskRecord Schedule(OptimizingTaskRecord task, string optimizer, int thread, long nowMs) =>
        Move(task, TaskStatus.Scheduled) with { Attempt = task.Attempt + 1, Optimizer = optimizer, Thread = thread, StartedMs = nowMs, EndedMs = null };

    public static OptimizingTaskRecord Ack(OptimizingTaskRecord task) => Move(task, TaskStatus.Acked);

    public static OptimizingTaskRecord Succeed(OptimizingTaskRecord task, string output, TaskOutputSummary? summary, long nowMs) =>
        Move(task, TaskStatus.Success) with { Output = output, Error = null, EndedMs = nowMs, OutputFiles = summary?.Files ?? 0, OutputBytes = summary?.Bytes ?? 0 };

    /// <summary>
    /// A failed attempt: planned again while its retries stay within <paramref name="maxRetries"/>, failed for good
    /// otherwise (then its process fails).
    /// </summary>
    public static OptimizingTaskRecord Fail(OptimizingTaskRecord task, string error, int maxRetries, long nowMs)
    {
        int retries = task.Retries + 1;
        return retries > maxRetries
            ? Move(task, TaskStatus.Failed) with { Retries = retries, Error = error, EndedMs = nowMs }
            : Move(task, TaskStatus.Planned) with { Retries = retries, Error = error, EndedMs = nowMs, Optimizer = null, Thread = null };
    }

    /// <summary>Takes a held attempt back (its optimizer died, timed out or moved on); not a failure, so no retry counts.</summary>
    public static OptimizingTaskRecord Requeue(OptimizingTaskRecord task) => Move(task, TaskStatus.Planned) with { Optimizer = null, Thread = null };

    public static OptimizingTaskRecord Cancel(OptimizingTaskRecord task, long nowMs) =>
        Move(task, TaskStatus.Canceled) with { Optimizer = null, EndedMs = task.EndedMs ?? nowMs };

    private static OptimizingTaskRecord Move(OptimizingTaskRecord task, TaskStatus to)
    {
        TaskStatus from = TaskStatuses.Parse(task.Status);
        if (!TaskStatuses.IsAllowed(from, to))
        {
            throw new InvalidOperationException($"Task {task.TaskId} of optimizing process {task.ProcessId} cannot go from {task.Status} to {TaskStatuses.ToText(to)}.");
        }

        return task with { Status = TaskStatuses.ToText(to) };
    }
}
