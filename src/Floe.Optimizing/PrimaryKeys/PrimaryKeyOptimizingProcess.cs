using Floe.Optimizing.Evaluation;

namespace Floe.Optimizing.PrimaryKeys;

/// <summary>A partition of a process: its optimized point when planned and the point the commit sets.</summary>
public sealed record PrimaryKeyPartitionPoint(string Path, long FromPoint, long ToPoint);

/// <summary>
/// A planned optimizing of a primary-key table: the base and change snapshots it was planned from, the optimized
/// points it moves and its tasks. Its JSON is enough to commit it after a server restart.
/// </summary>
public sealed record PrimaryKeyOptimizingProcess
{
    public required long ProcessId { get; init; }

    public required OptimizingType Type { get; init; }

    /// <summary>The base snapshot planned on (null for an empty base store).</summary>
    public long? BaseSnapshotId { get; init; }

    /// <summary>The change snapshot whose changes are merged.</summary>
    public long? ChangeSnapshotId { get; init; }

    public string Reason { get; init; } = "";

    public required IReadOnlyList<PrimaryKeyPartitionPoint> Partitions { get; init; }

    public required IReadOnlyList<PrimaryKeyMergeTask> Tasks { get; init; }

    public long InputBytes => Tasks.Sum(t => t.InputBytes);
}
