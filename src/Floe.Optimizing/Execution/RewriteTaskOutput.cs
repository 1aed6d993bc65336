using Floe.Core.Manifests;

namespace Floe.Optimizing.Execution;

/// <summary>What a task attempt wrote: its new data and position delete files and the counts (plain data; JSON in <see cref="Serialization.TaskPayloads"/>).</summary>
public sealed record RewriteTaskOutput
{
    public required long ProcessId { get; init; }

    public required int TaskId { get; init; }

    /// <summary>The attempt that wrote the files (part of their names).</summary>
    public required int Attempt { get; init; }

    public IReadOnlyList<DataFile> DataFiles { get; init; } = [];

    public IReadOnlyList<DeleteFile> DeleteFiles { get; init; } = [];

    /// <summary>Rows of the rewritten files that survived their deletes (each is written once).</summary>
    public long InputRecords { get; init; }

    /// <summary>Bytes of the input data and delete files read.</summary>
    public long InputBytes { get; init; }

    public long OutputRecords => DataFiles.Sum(f => f.RecordCount);

    public long OutputBytes => DataFiles.Sum(f => f.FileSizeInBytes) + DeleteFiles.Sum(f => f.FileSizeInBytes);

    /// <summary>Deleted positions written to new position delete files (rewrite-pos).</summary>
    public long DeletedPositions => DeleteFiles.Sum(f => f.RecordCount);

    public long ElapsedMs { get; init; }
}
