using Floe.Core.Values;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Planning;

namespace Floe.Optimizing.PrimaryKeys;

/// <summary>A base data file of a <see cref="PrimaryKeyMergeTask"/> and the paths of the delete files that apply to it.</summary>
public sealed record PrimaryKeyBaseFile(TaskFile File, IReadOnlyList<string> Deletes);

/// <summary>
/// One <c>mixed-merge</c> task: merge a primary-key table's change rows after a partition's optimized point into its
/// base files, for the whole partition or some of its bucket nodes. Plain data with a stable JSON form
/// (<see cref="Serialization.TaskPayloads"/>); an optimizer runs it with no catalog.
/// </summary>
public sealed record PrimaryKeyMergeTask
{
    public required long ProcessId { get; init; }

    /// <summary>The task's number within its process, from 1.</summary>
    public required int TaskId { get; init; }

    /// <summary><see cref="OptimizingType.Minor"/> (merge changes, position deletes where few rows changed) or <see cref="OptimizingType.Full"/> (rewrite every base file, no deletes).</summary>
    public required OptimizingType Type { get; init; }

    /// <summary>The base store: its location, schema, partition spec and properties.</summary>
    public required TaskTable Table { get; init; }

    /// <summary>The key column names in key order.</summary>
    public required IReadOnlyList<string> PrimaryKey { get; init; }

    public required int BaseBuckets { get; init; }

    public required int ChangeBuckets { get; init; }

    /// <summary>The partition of every file (in <see cref="TaskTable.Spec"/>).</summary>
    public required PartitionData Partition { get; init; }

    /// <summary>The partition's number in output file names.</summary>
    public int PartitionOrdinal { get; init; }

    /// <summary>The partition's optimized point when planned: change rows at or below it are already in base.</summary>
    public required long OptimizedPoint { get; init; }

    /// <summary>The size new base files roll at.</summary>
    public required long TargetSize { get; init; }

    /// <summary>The deleted share of a base file at which it is rewritten instead of given position deletes.</summary>
    public double RewriteRatio { get; init; } = 0.5;

    public IReadOnlyList<PrimaryKeyBaseFile> BaseFiles { get; init; } = [];

    /// <summary>The delete files the base files name.</summary>
    public IReadOnlyList<TaskFile> DeleteFiles { get; init; } = [];

    /// <summary>Change files after the optimized point, with their data sequence numbers (= transaction ids).</summary>
    public IReadOnlyList<TaskFile> ChangeFiles { get; init; } = [];

    /// <summary>
    /// Ids of the bucket nodes the task covers when its change files also hold keys of other tasks' nodes (base nodes
    /// split finer than the change buckets): only change rows whose key lies in one of them are merged. Empty: all.
    /// </summary>
    public IReadOnlyList<long> Nodes { get; init; } = [];

    /// <summary>Base files rewritten whether or not their rows changed (small files merged).</summary>
    public IReadOnlyList<string> RewriteAlways { get; init; } = [];

    /// <summary>Every live base data file of the partition (a delete file is removed only when none of its targets stays).</summary>
    public IReadOnlyList<string> PartitionBaseFiles { get; init; } = [];

    public string PartitionPath => Table.Spec.PartitionPath(Partition);

    public int InputFiles => BaseFiles.Count + DeleteFiles.Count + ChangeFiles.Count;

    public long InputBytes =>
        BaseFiles.Sum(f => f.File.File.FileSizeInBytes) + DeleteFiles.Sum(f => f.File.FileSizeInBytes) + ChangeFiles.Sum(f => f.File.FileSizeInBytes);

    public override string ToString() =>
        $"process {ProcessId} task {TaskId} ({PartitionPath}): {ChangeFiles.Count} change files into {BaseFiles.Count} base files";
}
