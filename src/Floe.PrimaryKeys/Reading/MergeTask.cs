using Floe.PrimaryKeys.Model;
using Floe.Table.Scanning;

namespace Floe.PrimaryKeys.Reading;

/// <summary>
/// The merge-on-read work of one (partition, bucket node): the base files and change files of the node and the
/// partition's optimized point. Change rows at or below the point are already in base and are ignored. Change files of
/// a coarser node (base nodes split finer than the change buckets) are read for the rows whose key lies in the node.
/// </summary>
public sealed class MergeTask
{
    internal MergeTask(
        string partitionPath, DataTreeNode node, long optimizedPoint, IReadOnlyList<FileScanTask> baseFiles, IReadOnlyList<FileScanTask> changeFiles, bool filtersChangeRows = false)
    {
        FiltersChangeRows = filtersChangeRows;
        PartitionPath = partitionPath;
        Node = node;
        OptimizedPoint = optimizedPoint;
        BaseFiles = baseFiles;
        ChangeFiles = changeFiles;
    }

    /// <summary>The partition path ("" when unpartitioned).</summary>
    public string PartitionPath { get; }

    public DataTreeNode Node { get; }

    /// <summary>The highest transaction merged into base for the partition.</summary>
    public long OptimizedPoint { get; }

    /// <summary>Base data files (with their position deletes and the scan filter's residual).</summary>
    public IReadOnlyList<FileScanTask> BaseFiles { get; }

    /// <summary>Change files with transactions after <see cref="OptimizedPoint"/>.</summary>
    public IReadOnlyList<FileScanTask> ChangeFiles { get; }

    /// <summary>Whether some change files hold keys of other nodes, which the merge skips.</summary>
    public bool FiltersChangeRows { get; }

    /// <summary>The change files by path and length, made once: a cached task serves many queries.</summary>
    internal HashSet<FileKey> ChangeFileKeys => field ??= [.. ChangeFiles.Select(f => new FileKey(f.File.FilePath, f.File.FileSizeInBytes))];

    public override string ToString() => $"{(PartitionPath.Length == 0 ? "(unpartitioned)" : PartitionPath)} {Node}: {BaseFiles.Count} base, {ChangeFiles.Count} change files";
}
