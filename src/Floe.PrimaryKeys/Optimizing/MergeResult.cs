using Floe.Core.Manifests;

namespace Floe.PrimaryKeys.Optimizing;

/// <summary>What one <see cref="MergeWork"/> produced: the files to add to and remove from the base store, and counts.</summary>
public sealed record MergeResult
{
    /// <summary>New base data files (merged rows and the survivors of rewritten files).</summary>
    public IReadOnlyList<DataFile> NewFiles { get; init; } = [];

    /// <summary>New position delete files for base rows whose key changed.</summary>
    public IReadOnlyList<DeleteFile> PositionDeletes { get; init; } = [];

    /// <summary>Base data files replaced by rewritten rows.</summary>
    public IReadOnlyList<ContentFile> RewrittenFiles { get; init; } = [];

    /// <summary>Delete files that only applied to rewritten (or no longer live) files.</summary>
    public IReadOnlyList<ContentFile> RemovedDeletes { get; init; } = [];

    /// <summary>Data files the new position deletes point at (they must still exist at commit).</summary>
    public IReadOnlyCollection<string> DeleteTargets { get; init; } = [];

    /// <summary>The highest transaction merged (the optimized point once committed); the work's point when nothing was merged.</summary>
    public long MaxTransaction { get; init; }

    /// <summary>Change rows read after the optimized point.</summary>
    public long ChangeRows { get; init; }

    /// <summary>Bytes of the change and base files read.</summary>
    public long InputBytes { get; init; }

    /// <summary>Rows in the new base files.</summary>
    public long NewRows { get; init; }

    /// <summary>Base rows marked deleted by the new position delete files.</summary>
    public long DeletedRows { get; init; }

    /// <summary>Every file written.</summary>
    public IEnumerable<string> WrittenPaths => NewFiles.Select(f => f.FilePath).Concat(PositionDeletes.Select(f => f.FilePath));
}
