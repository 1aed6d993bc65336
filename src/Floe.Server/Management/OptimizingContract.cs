using System.Text.Json;
using Floe.Server.Store;
using Floe.Contracts.Management;
using Floe.Optimizing.Evaluation;
using Floe.Server.Optimizing;

namespace Floe.Server.Management;

/// <summary>The optimizing service's state as the management API's records.</summary>
internal static class OptimizingContract
{
    public static OptimizingTableView Table(TableRuntimeRecord runtime, double? occupation = null)
    {
        using JsonDocument pending = JsonDocument.Parse(runtime.Pending);
        return new OptimizingTableView
        {
            Catalog = runtime.Key.Catalog,
            Namespace = runtime.Key.Namespace,
            Table = runtime.Key.Table,
            Format = runtime.Format,
            Group = runtime.Group,
            Status = ((OptimizingStatus)runtime.Status).ToDisplayName(),
            StatusCode = runtime.Status,
            StatusSinceMs = runtime.StatusSinceMs,
            OptimizingType = runtime.OptimizingType,
            Reason = runtime.Reason,
            HealthScore = Math.Round(runtime.HealthScore, 2),
            Pending = pending.RootElement.Clone(),
            LastMinorOptimizingMs = runtime.LastMinorMs,
            LastMajorOptimizingMs = runtime.LastMajorMs,
            LastFullOptimizingMs = runtime.LastFullMs,
            LastPlanMs = runtime.LastPlanMs,
            ProcessId = runtime.ProcessId,
            LastError = runtime.LastError,
            QuotaOccupation = occupation is double value ? Math.Round(value, 6) : null,
        };
    }

    /// <summary>The process as the API shows it; a running one's duration runs to <paramref name="nowMs"/> on the server's clock.</summary>
    public static ProcessView Process(OptimizingProcessRecord process, long nowMs, IReadOnlyList<OptimizingTaskRecord>? tasks = null) => new()
    {
        ProcessId = process.ProcessId,
        Catalog = process.Table.Catalog,
        Namespace = process.Table.Namespace,
        Table = process.Table.Table,
        Group = process.Group,
        Format = process.Format,
        OptimizingType = process.OptimizingType,
        Status = process.Status,
        Reason = process.Reason,
        StartedMs = process.StartedMs,
        EndedMs = process.EndedMs,
        DurationMs = (process.EndedMs ?? nowMs) - process.StartedMs,
        FailReason = process.FailReason,
        TaskCount = process.TaskCount,
        InputFiles = process.InputFiles,
        InputBytes = process.InputBytes,
        OutputFiles = process.OutputFiles,
        OutputBytes = process.OutputBytes,
        SnapshotId = process.SnapshotId,
        Tasks = tasks?.Select(Task).ToList(),
    };

    public static TaskView Task(OptimizingTaskRecord task) => new()
    {
        TaskId = task.TaskId,
        Kind = task.Kind,
        Status = task.Status,
        Attempt = task.Attempt,
        Retries = task.Retries,
        Thread = task.Thread,
        Error = task.Error,
        InputFiles = task.InputFiles,
        InputBytes = task.InputBytes,
        OutputFiles = task.OutputFiles,
        OutputBytes = task.OutputBytes,
        StartedMs = task.StartedMs,
        EndedMs = task.EndedMs,
    };

    public static OptimizerView Optimizer(OptimizerInstance optimizer, int runningTasks) => new()
    {
        // The token authenticates the optimizer; only a prefix is shown.
        Id = optimizer.Token[..8],
        Group = optimizer.Group,
        Threads = optimizer.Threads,
        RunningTasks = runningTasks,
        ResourceId = optimizer.ResourceId,
        MemoryMb = optimizer.MemoryMb,
        Local = optimizer.Properties.ContainsKey(OptimizingService.LocalOptimizerProperty),
        RegisteredMs = optimizer.RegisteredMs,
        TouchedMs = optimizer.TouchedMs,
    };

    public static GroupView Group(OptimizerGroupRecord group, IReadOnlyList<OptimizerInstance> optimizers) => new()
    {
        Name = group.Name,
        LocalThreads = group.LocalThreads,
        Optimizers = optimizers.Count(o => o.Group == group.Name),
        Threads = optimizers.Where(o => o.Group == group.Name).Sum(o => o.Threads),
        Properties = ManagementJson.Sorted(group.Properties),
        CreatedMs = group.CreatedMs,
    };
}
