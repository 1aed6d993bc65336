using Floe.Optimizing.Evaluation;

namespace Floe.Optimizing.Targets;

/// <summary>
/// A planned process as the service keeps it: its type, the target's own JSON form of the whole process (enough to
/// commit it after a server restart) and its tasks.
/// </summary>
public sealed record PlannedProcess
{
    public required long ProcessId { get; init; }

    public required OptimizingType Type { get; init; }

    /// <summary>The target's JSON of the process; <see cref="IOptimizingTarget.CommitAsync"/> reads it back.</summary>
    public required string Json { get; init; }

    public required IReadOnlyList<PlannedTask> Tasks { get; init; }

    /// <summary>Why the process was planned (the evaluation's reason).</summary>
    public string Reason { get; init; } = "";

    /// <summary>The table state (see <see cref="IOptimizingTarget.StateKey"/>) the process was planned from.</summary>
    public string FromState { get; init; } = "";

    public long InputBytes => Tasks.Sum(t => t.InputBytes);

    public int InputFiles => Tasks.Sum(t => t.InputFiles);
}

/// <summary>One task of a process: the executor kind (see <see cref="Execution.OptimizingTaskKinds"/>) and its JSON input.</summary>
public sealed record PlannedTask(int TaskId, string Kind, string Json, int InputFiles, long InputBytes);

/// <summary>What one task output wrote.</summary>
public sealed record TaskOutputSummary(int Files, long Bytes, long Rows);
