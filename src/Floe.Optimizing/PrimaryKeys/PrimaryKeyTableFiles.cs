using Floe.Common.Errors;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Values;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Model;
using Floe.Table.Scanning;

namespace Floe.Optimizing.PrimaryKeys;

/// <summary>One partition of a primary-key table: its live base files (with deletes) and its change files after the optimized point.</summary>
internal sealed record PrimaryKeyPartitionFiles(string Path, PartitionData Partition, int Ordinal, long OptimizedPoint, List<FileScanTask> Base, List<FileScanTask> Change)
{
    /// <summary>The distinct delete files of the base files.</summary>
    public IEnumerable<DeleteFile> DeleteFiles => Base.SelectMany(f => f.Deletes).DistinctBy(d => d.FilePath, StringComparer.Ordinal);

    public long InputBytes => Base.Sum(f => f.File.FileSizeInBytes) + Change.Sum(f => f.File.FileSizeInBytes) + DeleteFiles.Sum(d => d.FileSizeInBytes);

    public int InputFiles => Base.Count + Change.Count + DeleteFiles.Count();

    /// <summary>The highest transaction of the pending change files (a change file's transaction is its data sequence number).</summary>
    public long ToPoint => Change.Count == 0 ? OptimizedPoint : Math.Max(OptimizedPoint, Change.Max(f => f.DataSequenceNumber));
}

/// <summary>
/// The files of both stores of a primary-key table as loaded (the current base and change snapshots), by partition:
/// what evaluation counts and planning splits into tasks.
/// </summary>
internal sealed record PrimaryKeyTableFiles(
    TableMetadata Base, Snapshot? BaseSnapshot, TableMetadata Change, Snapshot? ChangeSnapshot, OptimizedSequence Optimized, IReadOnlyList<PrimaryKeyPartitionFiles> Partitions)
{
    public static async Task<PrimaryKeyTableFiles> ReadAsync(PrimaryKeyTable table, CancellationToken cancellationToken)
    {
        TableMetadata @base = table.BaseTable.Metadata;
        TableMetadata change = table.ChangeTable.Metadata;
        Snapshot? baseSnapshot = @base.CurrentSnapshot;
        Snapshot? changeSnapshot = change.CurrentSnapshot;
        OptimizedSequence optimized = OptimizedSequence.Of(@base, baseSnapshot);
        if (!change.DefaultSpec.Fields.SequenceEqual(@base.DefaultSpec.Fields))
        {
            throw new FloeException(FloeErrorKind.Unsupported, $"Table {table.Name}: the base and change stores have different partition specs; optimizing needs them equal.");
        }

        IReadOnlyList<FileScanTask> baseFiles = baseSnapshot is null ? [] : await new TableScan(@base, table.BaseTable.Operations.Io)
            .UseSnapshot(baseSnapshot.SnapshotId).PlanFilesAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<FileScanTask> changeFiles = changeSnapshot is null ? [] : await new TableScan(change, table.ChangeTable.Operations.Io)
            .UseSnapshot(changeSnapshot.SnapshotId).PlanFilesAsync(cancellationToken).ConfigureAwait(false);

        var byPath = new Dictionary<string, (PartitionData Partition, List<FileScanTask> Base, List<FileScanTask> Change)>(StringComparer.Ordinal);
        foreach (FileScanTask task in baseFiles)
        {
            Entry(table, @base, byPath, task).Base.Add(task);
        }

        foreach (FileScanTask task in changeFiles)
        {
            if (task.DataSequenceNumber > optimized.Of(task.Spec.PartitionPath(task.File.Partition)))
            {
                Entry(table, @base, byPath, task).Change.Add(task);
            }
        }

        var partitions = new List<PrimaryKeyPartitionFiles>();
        int ordinal = 0;
        foreach ((string path, var entry) in byPath.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            entry.Base.Sort((a, b) => string.CompareOrdinal(a.File.FilePath, b.File.FilePath));
            entry.Change.Sort((a, b) => string.CompareOrdinal(a.File.FilePath, b.File.FilePath));
            partitions.Add(new PrimaryKeyPartitionFiles(path, entry.Partition, ++ordinal, optimized.Of(path), entry.Base, entry.Change));
        }

        return new PrimaryKeyTableFiles(@base, baseSnapshot, change, changeSnapshot, optimized, partitions);
    }

    private static (PartitionData Partition, List<FileScanTask> Base, List<FileScanTask> Change) Entry(
        PrimaryKeyTable table, TableMetadata @base, Dictionary<string, (PartitionData, List<FileScanTask>, List<FileScanTask>)> byPath, FileScanTask task)
    {
        if (!task.Spec.Fields.SequenceEqual(@base.DefaultSpec.Fields))
        {
            throw new FloeException(
                FloeErrorKind.Unsupported,
                $"Table {table.Name}: file {task.File.FilePath} has partition spec {task.Spec.SpecId}, not the current spec {@base.DefaultSpec.SpecId}; optimizing does not rewrite across partition specs.");
        }

        string path = task.Spec.PartitionPath(task.File.Partition);
        if (!byPath.TryGetValue(path, out var entry))
        {
            entry = (task.File.Partition, [], []);
            byPath.Add(path, entry);
        }

        return entry;
    }
}
