using Floe.Common.Threading;

namespace Floe.Optimizing.Execution;

/// <summary>Runs tasks of one kind from their JSON form; an optimizer needs nothing else (no catalog, no planner).</summary>
public interface IOptimizingTaskExecutor
{
    /// <summary>The task kind (<see cref="OptimizingTaskKinds"/>).</summary>
    string Kind { get; }

    /// <summary>
    /// Runs the task (<paramref name="taskJson"/>, a JSON object) as attempt <paramref name="attempt"/> and returns its
    /// output as a JSON object. Output file names carry the attempt, so attempts never collide; a failing attempt
    /// deletes what it wrote before the error propagates. Malformed input is <c>FloeException(InvalidData)</c>.
    /// </summary>
    Task<string> ExecuteAsync(string taskJson, int attempt, CancellationToken cancellationToken);

    /// <summary>
    /// Runs the task as <see cref="ExecuteAsync(string, int, CancellationToken)"/> does, on its own thread plus any idle
    /// thread of <paramref name="threads"/> it can borrow for a while (an optimizer lends the threads no task runs on);
    /// null keeps it on its own thread. The output is the same either way; an executor that cannot use more than one
    /// thread ignores the budget.
    /// </summary>
    Task<string> ExecuteAsync(string taskJson, int attempt, ThreadBudget? threads, CancellationToken cancellationToken) =>
        ExecuteAsync(taskJson, attempt, cancellationToken);
}
