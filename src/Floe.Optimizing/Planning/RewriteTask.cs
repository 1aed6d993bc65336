using Floe.Core.Values;
using Floe.Optimizing.Evaluation;

namespace Floe.Optimizing.Planning;

/// <summary>
/// One unit of optimizer work in one partition: data files to rewrite into target-size files, data files that only
/// get a new position delete file (rewrite-pos), and the delete files to apply — read-only ones stay in the table,
/// rewritten ones are removed when the process commits. Plain data with a stable JSON form
/// (<see cref="Serialization.TaskPayloads"/>).
/// </summary>
public sealed record RewriteTask
{
    public required long ProcessId { get; init; }

    /// <summary>The task's number within its process, from 1.</summary>
    public required int TaskId { get; init; }

    public required OptimizingType Type { get; init; }

    public required TaskTable Table { get; init; }

    /// <summary>The partition of every file of the task (in <see cref="TaskTable.Spec"/>).</summary>
    public required PartitionData Partition { get; init; }

    /// <summary>The size output data files are rolled at.</summary>
    public required long TargetSize { get; init; }

    public IReadOnlyList<TaskFile> RewrittenDataFiles { get; init; } = [];

    public IReadOnlyList<TaskFile> RewritePosDataFiles { get; init; } = [];

    public IReadOnlyList<TaskFile> ReadOnlyDeleteFiles { get; init; } = [];

    public IReadOnlyList<TaskFile> RewrittenDeleteFiles { get; init; } = [];

    /// <summary>Bytes of all input files.</summary>
    public long InputBytes =>
        RewrittenDataFiles.Sum(f => f.File.FileSizeInBytes) + RewritePosDataFiles.Sum(f => f.File.FileSizeInBytes)
        + ReadOnlyDeleteFiles.Sum(f => f.File.FileSizeInBytes) + RewrittenDeleteFiles.Sum(f => f.File.FileSizeInBytes);

    public override string ToString() =>
        $"process {ProcessId} task {TaskId}: rewrite {RewrittenDataFiles.Count}, rewrite-pos {RewritePosDataFiles.Count}, deletes {ReadOnlyDeleteFiles.Count} read-only + {RewrittenDeleteFiles.Count} rewritten";
}
