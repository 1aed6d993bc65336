using Floe.Optimizing.Commit;
using Floe.Optimizing.Config;
using Floe.Optimizing.Evaluation;

namespace Floe.Optimizing.Targets;

/// <summary>
/// One table as the optimizing service sees it, whatever its format (a plain Iceberg table, a primary-key table):
/// evaluate, plan into tasks that optimizers run from their JSON alone, and commit the outputs. An instance wraps
/// the table as loaded; the service loads the table again (and makes a new target) for each round.
/// </summary>
public interface IOptimizingTarget
{
    /// <summary>
    /// Identifies the table state evaluation looked at (the current snapshot id, or base and change snapshot ids);
    /// evaluation runs again only when it changes or a trigger interval may have passed.
    /// </summary>
    string StateKey { get; }

    /// <summary>The table's <c>self-optimizing.*</c> properties.</summary>
    OptimizingConfig Config { get; }

    /// <summary>Whether optimizing is pending, of which type and why.</summary>
    Task<TableEvaluation> EvaluateAsync(OptimizingTimes times, CancellationToken cancellationToken);

    /// <summary>Plans a process within <paramref name="maxInputBytes"/>; null when nothing is worth doing.</summary>
    Task<PlannedProcess?> PlanAsync(long processId, OptimizingTimes times, long maxInputBytes, CancellationToken cancellationToken);

    /// <summary>
    /// Commits a process whose every task succeeded, given one output per task (the executors' JSON, in any order).
    /// Abandons the process (deleting its outputs) when a concurrent change invalidated it; writers always win.
    /// </summary>
    Task<OptimizingCommitResult> CommitAsync(PlannedProcess process, IReadOnlyList<string> outputs, CancellationToken cancellationToken);

    /// <summary>Files, bytes and rows an output wrote, for the process history.</summary>
    TaskOutputSummary DescribeOutput(string output);

    /// <summary>Deletes the files of an output that will not be committed (a superseded attempt, a failed process).</summary>
    Task DeleteOutputAsync(string output, CancellationToken cancellationToken);
}
