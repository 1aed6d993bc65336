using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Values;
using Floe.PrimaryKeys.Model;
using Floe.Table.Scanning;

namespace Floe.PrimaryKeys.Optimizing;

/// <summary>The work of one partition: its base files (with their deletes) and its change files after the optimized point.</summary>
internal sealed record PartitionWork(
    string Path, int Ordinal, PartitionData Partition, long OptimizedPoint, IReadOnlyList<FileScanTask> BaseFiles, IReadOnlyList<FileScanTask> ChangeFiles);

/// <summary>
/// A snapshot pair to optimize: the base snapshot the run replaces files of and the change snapshot whose changes it
/// merges, with the work per partition.
/// </summary>
internal sealed record OptimizePlan(
    TableMetadata Base, Snapshot? BaseSnapshot, TableMetadata Change, Snapshot? ChangeSnapshot, OptimizedSequence Optimized, IReadOnlyList<PartitionWork> Partitions)
{
    public static async Task<OptimizePlan> CreateAsync(PrimaryKeyTable table, OptimizeMode mode, CancellationToken cancellationToken)
    {
        await table.RefreshAsync(cancellationToken).ConfigureAwait(false);
        TableMetadata @base = table.BaseTable.Metadata;
        TableMetadata change = table.ChangeTable.Metadata;
        Snapshot? baseSnapshot = @base.CurrentSnapshot;
        Snapshot? changeSnapshot = change.CurrentSnapshot;
        OptimizedSequence optimized = OptimizedSequence.Of(@base, baseSnapshot);
        if (change.DefaultSpec.SpecId != @base.DefaultSpec.SpecId || !change.DefaultSpec.Fields.SequenceEqual(@base.DefaultSpec.Fields))
        {
            throw new FloeException(FloeErrorKind.Unsupported, $"Table {table.Name}: the base and change stores have different partition specs; optimizing needs them equal.");
        }

        IReadOnlyList<FileScanTask> baseFiles = baseSnapshot is null ? [] : await new TableScan(@base, table.BaseTable.Operations.Io)
            .UseSnapshot(baseSnapshot.SnapshotId).PlanFilesAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<FileScanTask> changeFiles = changeSnapshot is null ? [] : await new TableScan(change, table.ChangeTable.Operations.Io)
            .UseSnapshot(changeSnapshot.SnapshotId).PlanFilesAsync(cancellationToken).ConfigureAwait(false);

        var byPartition = new Dictionary<string, (PartitionData Partition, List<FileScanTask> Base, List<FileScanTask> Change)>(StringComparer.Ordinal);
        foreach (FileScanTask task in baseFiles)
        {
            CheckSpec(table, @base.DefaultSpec, task);
            Entry(byPartition, task).Base.Add(task);
        }

        foreach (FileScanTask task in changeFiles)
        {
            CheckSpec(table, @base.DefaultSpec, task);
            string path = task.Spec.PartitionPath(task.File.Partition);
            if (task.DataSequenceNumber > optimized.Of(path))
            {
                Entry(byPartition, task).Change.Add(task);
            }
        }

        var partitions = new List<PartitionWork>();
        int ordinal = 0;
        foreach ((string path, var entry) in byPartition.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            ordinal++;
            if (entry.Change.Count > 0 || (mode == OptimizeMode.Full && entry.Base.Count > 0))
            {
                partitions.Add(new PartitionWork(path, ordinal, entry.Partition, optimized.Of(path), entry.Base, entry.Change));
            }
        }

        return new OptimizePlan(@base, baseSnapshot, change, changeSnapshot, optimized, partitions);
    }

    private static (PartitionData Partition, List<FileScanTask> Base, List<FileScanTask> Change) Entry(
        Dictionary<string, (PartitionData Partition, List<FileScanTask> Base, List<FileScanTask> Change)> byPartition, FileScanTask task)
    {
        string path = task.Spec.PartitionPath(task.File.Partition);
        if (!byPartition.TryGetValue(path, out var entry))
        {
            entry = (task.File.Partition, [], []);
            byPartition.Add(path, entry);
        }

        return entry;
    }

    private static void CheckSpec(PrimaryKeyTable table, PartitionSpec spec, FileScanTask task)
    {
        if (task.Spec.SpecId != spec.SpecId)
        {
            throw new FloeException(
                FloeErrorKind.Unsupported,
                $"Table {table.Name}: file {task.File.FilePath} has partition spec {task.Spec.SpecId}, not the current spec {spec.SpecId}; optimizing does not rewrite across partition specs.");
        }
    }
}
