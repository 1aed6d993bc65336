using Floe.Core.Manifests;

namespace Floe.PrimaryKeys.Optimizing;

/// <summary>What merging one partition produced so far: files to add and remove, and counts.</summary>
internal sealed class PartitionOutput
{
    public List<DataFile> NewFiles { get; } = [];

    public List<DeleteFile> PositionDeletes { get; } = [];

    /// <summary>Base data files replaced by rewritten rows.</summary>
    public List<ContentFile> RewrittenFiles { get; } = [];

    /// <summary>Delete files that only applied to rewritten files.</summary>
    public List<ContentFile> RemovedDeletes { get; } = [];

    /// <summary>Data files the new position deletes point at (they must still exist at commit).</summary>
    public HashSet<string> DeleteTargets { get; } = new(StringComparer.Ordinal);

    /// <summary>The highest transaction merged (the partition's new optimized point).</summary>
    public long MaxTransaction { get; set; }

    public long ChangeRows { get; set; }

    public long InputBytes { get; set; }

    public long NewRows { get; set; }

    public long DeletedRows { get; set; }

    /// <summary>Every file written, for clean-up when the run fails.</summary>
    public IEnumerable<string> WrittenPaths => NewFiles.Select(f => f.FilePath).Concat(PositionDeletes.Select(f => f.FilePath));

    public MergeResult ToResult() => new()
    {
        NewFiles = [.. NewFiles],
        PositionDeletes = [.. PositionDeletes],
        RewrittenFiles = [.. RewrittenFiles],
        RemovedDeletes = [.. RemovedDeletes],
        DeleteTargets = [.. DeleteTargets.Order(StringComparer.Ordinal)],
        MaxTransaction = MaxTransaction,
        ChangeRows = ChangeRows,
        InputBytes = InputBytes,
        NewRows = NewRows,
        DeletedRows = DeletedRows,
    };
}
