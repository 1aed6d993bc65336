using Floe.Common.Columnar;
using Floe.Core.Expressions;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Table.Data.Writing;
using Floe.Table.RowLevel;

namespace Floe.Table.Operations;

/// <summary>
/// An Iceberg table as a writer sees it: its current metadata and the changes that can be committed to it.
/// Every change commits optimistically through the table's <see cref="ITableOperations"/> with retries.
/// </summary>
public sealed class IcebergTable
{
    public IcebergTable(string name, ITableOperations operations)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(operations);
        Name = name;
        Operations = operations;
    }

    public string Name { get; }

    public ITableOperations Operations { get; }

    /// <summary>The metadata last loaded or committed.</summary>
    public TableMetadata Metadata => Operations.Current;

    public Schema Schema => Metadata.CurrentSchema;

    public PartitionSpec Spec => Metadata.DefaultSpec;

    public Snapshot? CurrentSnapshot => Metadata.CurrentSnapshot;

    public Task<TableMetadata> RefreshAsync(CancellationToken cancellationToken = default) => Operations.RefreshAsync(cancellationToken);

    public UpdateProperties UpdateProperties() => new(Operations);

    public EvolveSchema EvolveSchema() => new(Operations);

    public EvolvePartitionSpec EvolvePartitionSpec() => new(Operations);

    public ManageSnapshots ManageSnapshots() => new(Operations);

    /// <summary>Sets the default sort order (an empty order makes the table unsorted).</summary>
    public ReplaceSortOrder ReplaceSortOrder() => new(Operations);

    public Transaction NewTransaction() => new(Operations);

    /// <summary>Appends data files in new manifests, leaving existing manifests untouched.</summary>
    public AppendFiles NewFastAppend() => new(Operations, mergeManifests: false);

    /// <summary>Appends data files and merges small manifests as the table's <c>commit.manifest.*</c> properties say.</summary>
    public AppendFiles NewAppend() => new(Operations, mergeManifests: true);

    /// <summary>Removes data files by path.</summary>
    public DeleteFiles NewDelete() => new(Operations);

    /// <summary>Replaces data files with others.</summary>
    public OverwriteFiles NewOverwrite() => new(Operations);

    /// <summary>Adds data and delete files (row-level changes).</summary>
    public RowDelta NewRowDelta() => new(Operations);

    /// <summary>Appends the files an append snapshot off the main history added.</summary>
    public CherryPick NewCherryPick(long sourceSnapshotId) => new(Operations, sourceSnapshotId);

    /// <summary>Replaces files by files with the same rows (compaction).</summary>
    public RewriteFiles NewRewrite() => new(Operations);

    /// <summary>
    /// A row-level delete of the rows matching <paramref name="where"/>, planned at the current snapshot: whole files
    /// are dropped when every row matches, others get position deletes or are rewritten as <c>write.delete.mode</c> says.
    /// </summary>
    public RowLevelChange NewRowLevelDelete(RowPredicate where) => new(this, where, null);

    /// <summary>A row-level update of the rows matching <paramref name="where"/>, as <c>write.update.mode</c> says.</summary>
    public RowLevelChange NewRowLevelUpdate(IReadOnlyList<Assignment> set, RowPredicate where)
    {
        ArgumentNullException.ThrowIfNull(set);
        return new(this, where, set);
    }

    /// <summary>
    /// Writes <paramref name="batches"/> (in the current schema; the caller keeps owning them) into new data files as the
    /// table's write properties, partition spec, sort order and data location say, and commits them with a fast append.
    /// Nothing is committed when there are no rows. The files are deleted when writing fails or the commit is refused,
    /// and kept when the commit's outcome is unknown (<see cref="Floe.Common.Errors.FloeErrorKind.CommitStateUnknown"/>).
    /// </summary>
    public Task<DataWriteResult> AppendAsync(IAsyncEnumerable<ColumnBatch> batches, CancellationToken cancellationToken = default) =>
        TableBatchWriter.WriteAndCommitAsync(this, batches, NewFastAppend(), static (append, file) => append.AppendFile(file), commitWithoutRows: false, cancellationToken);

    /// <summary>
    /// Replaces the rows matching <paramref name="filter"/> by <paramref name="batches"/> in one snapshot: data files whose
    /// rows all match (by partition or column metrics) are removed, and a file of which only some rows may match fails the
    /// commit naming it, as Iceberg's overwrite by row filter does. Commits even without rows (then it only removes).
    /// Written files are cleaned up as <see cref="AppendAsync"/> says.
    /// </summary>
    public Task<DataWriteResult> OverwriteAsync(Expression filter, IAsyncEnumerable<ColumnBatch> batches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return TableBatchWriter.WriteAndCommitAsync(
            this, batches, NewOverwrite().OverwriteByRowFilter(filter), static (overwrite, file) => overwrite.AddFile(file), commitWithoutRows: true, cancellationToken);
    }

    /// <summary>Deletes the rows matching <paramref name="where"/> and commits (see <see cref="NewRowLevelDelete"/>).</summary>
    public Task<RowLevelResult> DeleteWhereAsync(RowPredicate where, CancellationToken cancellationToken = default) =>
        NewRowLevelDelete(where).CommitAsync(cancellationToken);

    /// <summary>Updates the rows matching <paramref name="where"/> and commits (see <see cref="NewRowLevelUpdate"/>).</summary>
    public Task<RowLevelResult> UpdateWhereAsync(IReadOnlyList<Assignment> set, RowPredicate where, CancellationToken cancellationToken = default) =>
        NewRowLevelUpdate(set, where).CommitAsync(cancellationToken);

    public override string ToString() => Name;
}
