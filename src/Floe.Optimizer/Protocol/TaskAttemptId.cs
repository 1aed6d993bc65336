using System.Globalization;

namespace Floe.Optimizer.Protocol;

/// <summary>One dispatch of a task: the server refuses an <c>ack</c> or <c>complete</c> of an attempt it took back.</summary>
public readonly record struct TaskAttemptId(long ProcessId, int TaskId, int Attempt)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"process {ProcessId} task {TaskId} attempt {Attempt}");
}
