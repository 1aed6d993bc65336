using Floe.Optimizing.Evaluation;

namespace Floe.Optimizing.Planning;

/// <summary>
/// A planned optimizing of one table: the snapshot and sequence number it was planned from and its tasks. It commits
/// only as a whole; the new data files keep <see cref="FromSequenceNumber"/> as their data sequence number.
/// </summary>
public sealed record OptimizingProcess
{
    public required long ProcessId { get; init; }

    public required OptimizingType Type { get; init; }

    public required long FromSnapshotId { get; init; }

    public required long FromSequenceNumber { get; init; }

    public required IReadOnlyList<RewriteTask> Tasks { get; init; }

    /// <summary>Why the table was optimized (the evaluation's reason).</summary>
    public string Reason { get; init; } = "";

    public long InputBytes => Tasks.Sum(t => t.InputBytes);
}
