using Floe.Core.Manifests;

namespace Floe.Mixed.Optimizing;

/// <summary>What optimizing one partition produced: files to add and remove, and counts for the result.</summary>
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

    /// <summary>Every file written, for clean-up when the run does not commit.</summary>
    public IEnumerable<string> WrittenPaths => NewFiles.Select(f => f.FilePath).Concat(PositionDeletes.Select(f => f.FilePath));
}
