namespace Floe.Optimizer.Protocol;

/// <summary>A task handed out by <c>poll</c>.</summary>
/// <param name="Id">The attempt to ack and complete.</param>
/// <param name="Kind">The executor kind (<c>Floe.Optimizing.Execution.OptimizingTaskKinds</c>).</param>
/// <param name="InputJson">The task's <c>input</c> JSON object, as the server sent it.</param>
public sealed record OptimizerTask(TaskAttemptId Id, string Kind, string InputJson);
