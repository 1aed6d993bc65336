using Floe.Core.Manifests;

namespace Floe.Optimizing.PrimaryKeys;

/// <summary>What one attempt of a <see cref="PrimaryKeyMergeTask"/> wrote and what it replaces, as the commit needs it.</summary>
public sealed record PrimaryKeyMergeOutput
{
    public required long ProcessId { get; init; }

    public required int TaskId { get; init; }

    public required int Attempt { get; init; }

    /// <summary>The task's partition path.</summary>
    public required string PartitionPath { get; init; }

    public IReadOnlyList<DataFile> NewFiles { get; init; } = [];

    public IReadOnlyList<DeleteFile> PositionDeletes { get; init; } = [];

    /// <summary>Base data files (paths) the new files replace.</summary>
    public IReadOnlyList<string> RewrittenFiles { get; init; } = [];

    /// <summary>Delete files (paths) whose every target is rewritten or gone.</summary>
    public IReadOnlyList<string> RemovedDeleteFiles { get; init; } = [];

    /// <summary>Data files the new position deletes point at; they must still be live at commit.</summary>
    public IReadOnlyList<string> DeleteTargets { get; init; } = [];

    /// <summary>The highest transaction merged (the task's optimized point when nothing was merged).</summary>
    public long MaxTransaction { get; init; }

    public long ChangeRows { get; init; }

    public long NewRows { get; init; }

    public long DeletedRows { get; init; }

    public long InputBytes { get; init; }

    public long ElapsedMs { get; init; }

    public int OutputFiles => NewFiles.Count + PositionDeletes.Count;

    public long OutputBytes => NewFiles.Sum(f => f.FileSizeInBytes) + PositionDeletes.Sum(f => f.FileSizeInBytes);

    /// <summary>Every file written.</summary>
    public IEnumerable<string> WrittenPaths => NewFiles.Select(f => f.FilePath).Concat(PositionDeletes.Select(f => f.FilePath));
}
