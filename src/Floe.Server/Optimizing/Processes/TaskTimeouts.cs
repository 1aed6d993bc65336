using Floe.Server.Configuration;
using Floe.Server.Store;

namespace Floe.Server.Optimizing.Processes;

/// <summary>Why a held task must be taken back from its optimizer now, or null while it may keep it.</summary>
internal static class TaskTimeouts
{
    public static string? ReasonToTakeBack(OptimizingTaskRecord task, Func<string, bool> isLive, OptimizingOptions options, long nowMs)
    {
        long running = nowMs - (task.StartedMs ?? nowMs);
        return task.Optimizer is null || !isLive(task.Optimizer) ? "its optimizer is gone"
            : task.Status == TaskStatuses.Scheduled && running > options.TaskAckTimeoutMs ? $"not acknowledged within {options.TaskAckTimeoutMs} ms"
            : task.Status == TaskStatuses.Acked && options.TaskExecuteTimeoutMs > 0 && running > options.TaskExecuteTimeoutMs
                ? $"still running after {options.TaskExecuteTimeoutMs} ms"
            : null;
    }
}
