using Floe.Mixed;
using Floe.Mixed.Model;
using Floe.Optimizing.Config;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Planning;
using Floe.Table.Scanning;

namespace Floe.Optimizing.Mixed;

/// <summary>
/// Plans a primary-key table's pending partitions into <c>mixed-merge</c> tasks. Partitions are taken heaviest first
/// while the input stays within the byte and file limits (always at least one). Within a partition, files are
/// grouped per subtree of their bucket nodes (the coarsest node holding them), because every key of a group has its
/// base and change rows in that group; groups are bin-packed into tasks of up to the task capacity.
/// </summary>
internal static class MixedPlanner
{
    public static MixedOptimizingProcess? Plan(
        MixedTable table,
        MixedTableFiles files,
        IReadOnlyList<(MixedPartitionEvaluation Partition, OptimizingType Type, string Reason)> pending,
        long processId,
        long maxInputBytes,
        OptimizingConfig config,
        string reason)
    {
        int baseBuckets = table.BaseBuckets;
        int changeBuckets = table.ChangeBuckets;
        var chosen = new List<(MixedPartitionEvaluation Partition, OptimizingType Type)>();
        long bytes = 0;
        int fileCount = 0;
        foreach ((MixedPartitionEvaluation partition, OptimizingType type, _) in pending)
        {
            long input = partition.Files.InputBytes;
            int inputFiles = partition.Files.InputFiles;
            if (chosen.Count > 0 && (bytes + input > maxInputBytes || fileCount + inputFiles > config.MaxFileCount))
            {
                continue;
            }

            chosen.Add((partition, type));
            bytes += input;
            fileCount += inputFiles;
        }

        if (chosen.Count == 0)
        {
            return null;
        }

        var tasks = new List<MixedMergeTask>();
        var points = new List<MixedPartitionPoint>();
        var taskTable = new TaskTable(files.Base.Location, files.Base.CurrentSchema, files.Base.DefaultSpec, files.Base.Properties);
        foreach ((MixedPartitionEvaluation partition, OptimizingType type) in chosen.OrderBy(c => c.Partition.Files.Path, StringComparer.Ordinal))
        {
            MixedPartitionFiles part = partition.Files;
            HashSet<string> rewriteAlways = type == OptimizingType.Minor && partition.Fragments > baseBuckets ? FragmentsToMerge(part, config) : [];
            var groups = Groups(part)
                .Where(g => type == OptimizingType.Full || g.Change.Count > 0 || g.Base.Any(f => rewriteAlways.Contains(f.File.FilePath)))
                .ToList();
            if (groups.Count == 0)
            {
                continue;
            }

            List<List<MergeGroup>> bins = BinPacking.Pack(groups, g => g.Bytes, config.TaskCapacity);
            IReadOnlyList<string> partitionBase = [.. part.Base.Select(f => f.File.FilePath)];
            foreach (var bin in bins)
            {
                var baseFiles = bin.SelectMany(g => g.Base).OrderBy(f => f.File.FilePath, StringComparer.Ordinal).ToList();
                var changeFiles = bin.SelectMany(g => g.Change).DistinctBy(f => f.File.FilePath, StringComparer.Ordinal).OrderBy(f => f.File.FilePath, StringComparer.Ordinal).ToList();
                var deletes = baseFiles.SelectMany(f => f.Deletes).DistinctBy(d => d.FilePath, StringComparer.Ordinal).OrderBy(d => d.FilePath, StringComparer.Ordinal).ToList();
                tasks.Add(new MixedMergeTask
                {
                    ProcessId = processId,
                    TaskId = tasks.Count + 1,
                    Type = type,
                    Table = taskTable,
                    PrimaryKey = table.PrimaryKey.Names,
                    BaseBuckets = baseBuckets,
                    ChangeBuckets = changeBuckets,
                    Partition = part.Partition,
                    PartitionOrdinal = part.Ordinal,
                    OptimizedPoint = part.OptimizedPoint,
                    TargetSize = config.TargetSize,
                    BaseFiles = [.. baseFiles.Select(f => new MixedBaseFile(new TaskFile(f.File, f.DataSequenceNumber), [.. f.Deletes.Select(d => d.FilePath)]))],
                    DeleteFiles = [.. deletes.Select(d => new TaskFile(d, 0))],
                    ChangeFiles = [.. changeFiles.Select(f => new TaskFile(f.File, f.DataSequenceNumber))],
                    RewriteAlways = [.. baseFiles.Select(f => f.File.FilePath).Where(rewriteAlways.Contains)],
                    // Only needed when the task holds part of the partition's base files.
                    PartitionBaseFiles = baseFiles.Count == part.Base.Count ? [] : partitionBase,
                    Nodes = bin.Exists(g => g.Filtered) ? [.. bin.Select(g => g.Node.Id).Order()] : [],
                });
            }

            points.Add(new MixedPartitionPoint(part.Path, part.OptimizedPoint, part.ToPoint));
        }

        if (tasks.Count == 0)
        {
            return null;
        }

        return new MixedOptimizingProcess
        {
            ProcessId = processId,
            Type = chosen.Any(c => c.Type == OptimizingType.Full) ? OptimizingType.Full : OptimizingType.Minor,
            BaseSnapshotId = files.BaseSnapshot?.SnapshotId,
            ChangeSnapshotId = files.ChangeSnapshot?.SnapshotId,
            Reason = reason,
            Partitions = points,
            Tasks = tasks,
        };
    }

    /// <summary>Base fragments of the bucket nodes holding two or more of them: merging those gains files.</summary>
    private static HashSet<string> FragmentsToMerge(MixedPartitionFiles part, OptimizingConfig config) =>
        part.Base.Where(f => f.File.FileSizeInBytes <= config.FragmentSize)
            .GroupBy(f => MixedFiles.OfBaseFile(f.File.FilePath).Node)
            .Where(g => g.Count() >= 2)
            .SelectMany(g => g.Select(f => f.File.FilePath))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The partition's files per subtree of their bucket nodes (<see cref="NodeCover"/>): the base and change bucket
    /// counts may differ and base nodes may have been split or merged, so each group is the coarsest node holding them.
    /// A subtree whose base nodes were split finer than its change files is merged per base node when few changes are
    /// pending (<see cref="SubtreeSplit"/>); those groups read the change files for their own keys only.
    /// </summary>
    private static List<MergeGroup> Groups(MixedPartitionFiles part)
    {
        var baseNodes = part.Base.Select(f => (File: f, Node: MixedFiles.OfBaseFile(f.File.FilePath).Node)).ToList();
        var changeNodes = part.Change.Select(f => (File: f, Node: MixedFiles.OfChangeFile(f.File.FilePath, f.DataSequenceNumber).Node)).ToList();
        NodeCover cover = NodeCover.Of(baseNodes.Concat(changeNodes).Select(f => f.Node));
        var baseByRoot = baseNodes.ToLookup(f => cover.RootOf(f.Node));
        var changesByRoot = changeNodes.ToLookup(f => cover.RootOf(f.Node));
        var groups = new List<MergeGroup>();
        foreach (DataTreeNode root in cover.Roots.OrderBy(r => r.Id))
        {
            var rootBase = baseByRoot[root].ToList();
            var rootChanges = changesByRoot[root].ToList();
            long baseBytes = rootBase.Sum(f => f.File.File.FileSizeInBytes);
            long changeBytes = rootChanges.Sum(f => f.File.File.FileSizeInBytes);
            foreach (DataTreeNode node in SubtreeSplit.Parts(root, rootBase.Select(f => f.Node), baseBytes, changeBytes))
            {
                var changes = rootChanges.Where(f => f.Node.Overlaps(node)).ToList();
                groups.Add(new MergeGroup(
                    node,
                    [.. rootBase.Where(f => f.Node.IsSonOf(node)).Select(f => f.File)],
                    [.. changes.Select(f => f.File)],
                    changes.Exists(f => f.Node.Mask < node.Mask)));
            }
        }

        return groups;
    }

    /// <summary>The files of one subtree (or one part of it) merged in the same task.</summary>
    private sealed record MergeGroup(DataTreeNode Node, List<FileScanTask> Base, List<FileScanTask> Change, bool Filtered)
    {
        public long Bytes =>
            Base.Sum(f => f.File.FileSizeInBytes + f.Deletes.Sum(d => d.FileSizeInBytes)) + Change.Sum(f => f.File.FileSizeInBytes);
    }
}
