using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Model;
using Floe.PrimaryKeys.Optimizing;
using Floe.Optimizing.Config;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Planning;
using Floe.Table.Scanning;

namespace Floe.Optimizing.PrimaryKeys;

/// <summary>
/// Plans a primary-key table's pending partitions into <c>mixed-merge</c> tasks. Partitions are taken heaviest first
/// while the input stays within the byte and file limits (always at least one). Within a partition, files are
/// grouped per subtree of their bucket nodes (the coarsest node holding them), because every key of a group has its
/// base and change rows in that group; groups are bin-packed into tasks of up to the task capacity.
/// </summary>
internal static class PrimaryKeyPlanner
{
    public static PrimaryKeyOptimizingProcess? Plan(
        PrimaryKeyTable table,
        PrimaryKeyTableFiles files,
        IReadOnlyList<(PrimaryKeyPartitionEvaluation Partition, OptimizingType Type, string Reason)> pending,
        long processId,
        long maxInputBytes,
        OptimizingConfig config,
        string reason)
    {
        int baseBuckets = table.BaseBuckets;
        int changeBuckets = table.ChangeBuckets;
        var chosen = new List<(PrimaryKeyPartitionEvaluation Partition, OptimizingType Type)>();
        long bytes = 0;
        int fileCount = 0;
        foreach ((PrimaryKeyPartitionEvaluation partition, OptimizingType type, _) in pending)
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

        var tasks = new List<PrimaryKeyMergeTask>();
        var points = new List<PrimaryKeyPartitionPoint>();
        var taskTable = new TaskTable(files.Base.Location, files.Base.CurrentSchema, files.Base.DefaultSpec, files.Base.Properties);
        foreach ((PrimaryKeyPartitionEvaluation partition, OptimizingType type) in chosen.OrderBy(c => c.Partition.Files.Path, StringComparer.Ordinal))
        {
            PrimaryKeyPartitionFiles part = partition.Files;
            List<NodeGroup<FileScanTask>> allGroups = NodeGroups.Of(part.Base, part.Change);
            HashSet<string> rewriteAlways = type == OptimizingType.Minor ? MinorFragments.ToRewrite(allGroups, part.Base, config.FragmentSize, baseBuckets) : [];
            var groups = allGroups
                .Where(g => type == OptimizingType.Full || g.ChangeFiles.Count > 0 || g.BaseFiles.Any(f => rewriteAlways.Contains(f.File.FilePath)))
                .ToList();
            if (groups.Count == 0)
            {
                continue;
            }

            List<List<NodeGroup<FileScanTask>>> bins = BinPacking.Pack(groups, GroupBytes, config.TaskCapacity);
            IReadOnlyList<string> partitionBase = [.. part.Base.Select(f => f.File.FilePath)];
            foreach (var bin in bins)
            {
                var baseFiles = bin.SelectMany(g => g.BaseFiles).OrderBy(f => f.File.FilePath, StringComparer.Ordinal).ToList();
                var changeFiles = bin.SelectMany(g => g.ChangeFiles).DistinctBy(f => f.File.FilePath, StringComparer.Ordinal).OrderBy(f => f.File.FilePath, StringComparer.Ordinal).ToList();
                var deletes = baseFiles.SelectMany(f => f.Deletes).DistinctBy(d => d.FilePath, StringComparer.Ordinal).OrderBy(d => d.FilePath, StringComparer.Ordinal).ToList();
                tasks.Add(new PrimaryKeyMergeTask
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
                    BaseFiles = [.. baseFiles.Select(f => new PrimaryKeyBaseFile(new TaskFile(f.File, f.DataSequenceNumber), [.. f.Deletes.Select(d => d.FilePath)]))],
                    DeleteFiles = [.. deletes.Select(d => new TaskFile(d, 0))],
                    ChangeFiles = [.. changeFiles.Select(f => new TaskFile(f.File, f.DataSequenceNumber))],
                    RewriteAlways = [.. baseFiles.Select(f => f.File.FilePath).Where(rewriteAlways.Contains)],
                    // Only needed when the task holds part of the partition's base files.
                    PartitionBaseFiles = baseFiles.Count == part.Base.Count ? [] : partitionBase,
                    Nodes = bin.Exists(g => g.FiltersChangeRows) ? [.. bin.Select(g => g.Node.Id).Order()] : [],
                });
            }

            points.Add(new PrimaryKeyPartitionPoint(part.Path, part.OptimizedPoint, part.ToPoint));
        }

        if (tasks.Count == 0)
        {
            return null;
        }

        return new PrimaryKeyOptimizingProcess
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

    private static long GroupBytes(NodeGroup<FileScanTask> group) =>
        group.BaseFiles.Sum(f => f.File.FileSizeInBytes + f.Deletes.Sum(d => d.FileSizeInBytes)) + group.ChangeFiles.Sum(f => f.File.FileSizeInBytes);
}
