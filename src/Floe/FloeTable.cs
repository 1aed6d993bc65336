using System.Runtime.CompilerServices;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Schemas;
using Floe.Mixed;
using Floe.Mixed.ChangeData;
using Floe.Mixed.Writing;
using Floe.Table.Data.Writing;
using Floe.Table.Operations;
using Floe.Table.RowLevel;
using Floe.Table.Scanning;

namespace Floe;

/// <summary>
/// A table of either kind with one set of verbs: append, overwrite, delete by filter and scan work on both; a
/// primary-key table also takes upserts, deletes by key and change reads. A verb that does not apply to the kind of
/// table raises <see cref="FloeErrorKind.InvalidArgument"/> naming the verb to use instead. Every write commits at once
/// and deletes the files it wrote when its commit is refused (not when the commit's outcome is unknown). Batches passed
/// in stay the caller's; batches read out are the caller's to dispose.
/// </summary>
public sealed class FloeTable
{
    private readonly IcebergTable? _iceberg;
    private readonly MixedTable? _mixed;

    internal FloeTable(string name, IcebergTable table)
    {
        Name = name;
        _iceberg = table;
    }

    internal FloeTable(string name, MixedTable table)
    {
        Name = name;
        _mixed = table;
    }

    /// <summary>The dotted name, e.g. <c>db.events</c>.</summary>
    public string Name { get; }

    /// <summary>True for a primary-key table.</summary>
    public bool IsPrimaryKey => _mixed is not null;

    public Schema Schema => _mixed?.Schema ?? _iceberg!.Schema;

    /// <summary>The primary-key columns; empty for a plain table.</summary>
    public IReadOnlyList<string> PrimaryKey => _mixed is null ? [] : [.. _mixed.PrimaryKey.Fields.Select(f => f.Name)];

    /// <summary>The current snapshot (a primary-key table's current change snapshot), or null before the first write.</summary>
    public long? CurrentSnapshotId => _mixed?.ChangeTable.Metadata.CurrentSnapshotId ?? _iceberg?.Metadata.CurrentSnapshotId;

    /// <summary>The plain Iceberg table underneath, or null for a primary-key table (see <see cref="PrimaryKeyTable"/>).</summary>
    public IcebergTable? Iceberg => _iceberg;

    /// <summary>The primary-key table underneath (base and change stores), or null for a plain table.</summary>
    public MixedTable? PrimaryKeyTable => _mixed;

    /// <summary>Reloads the table's metadata from the catalog.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (_mixed is not null)
        {
            await _mixed.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _iceberg!.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Appends a batch in one commit (see <see cref="AppendAsync(IAsyncEnumerable{ColumnBatch}, CancellationToken)"/>).</summary>
    public Task<WriteResult> AppendAsync(ColumnBatch batch, CancellationToken cancellationToken = default) =>
        AppendAsync(One(batch), cancellationToken);

    /// <summary>
    /// Appends the batches (in the table's schema) in one commit; nothing is committed without rows. On a primary-key
    /// table a row whose key exists replaces it, as <see cref="UpsertAsync(IAsyncEnumerable{ColumnBatch}, CancellationToken)"/> does.
    /// </summary>
    public async Task<WriteResult> AppendAsync(IAsyncEnumerable<ColumnBatch> batches, CancellationToken cancellationToken = default)
    {
        if (_mixed is not null)
        {
            return Of(await _mixed.UpsertAsync(batches, cancellationToken).ConfigureAwait(false));
        }

        return Of(await _iceberg!.AppendAsync(batches, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Replaces the rows matching <paramref name="filter"/> by a batch (see the overload over batches).</summary>
    public Task<WriteResult> OverwriteAsync(Expression filter, ColumnBatch batch, CancellationToken cancellationToken = default) =>
        OverwriteAsync(filter, One(batch), cancellationToken);

    /// <summary>
    /// Replaces the rows matching <paramref name="filter"/> by <paramref name="batches"/> in one commit. On a plain table
    /// whole data files are replaced, as Iceberg's overwrite does: a file of which only some rows match fails naming the
    /// file (partition by what you overwrite, or use <see cref="DeleteAsync"/> then <see cref="AppendAsync(IAsyncEnumerable{ColumnBatch}, CancellationToken)"/>).
    /// On a primary-key table the matching rows are deleted and the new rows upserted, in one transaction.
    /// </summary>
    public async Task<WriteResult> OverwriteAsync(Expression filter, IAsyncEnumerable<ColumnBatch> batches, CancellationToken cancellationToken = default)
    {
        if (_mixed is not null)
        {
            return Of(await _mixed.OverwriteAsync(filter, batches, cancellationToken).ConfigureAwait(false));
        }

        return Of(await _iceberg!.OverwriteAsync(filter, batches, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Deletes the rows matching <paramref name="where"/> in one commit: on a plain table by dropping whole files, position
    /// deletes or rewrites as <c>write.delete.mode</c> says; on a primary-key table by a delete change per matching row.
    /// </summary>
    public async Task<WriteResult> DeleteAsync(RowPredicate where, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(where);
        if (_mixed is not null)
        {
            return Of(await _mixed.DeleteWhereAsync(where, cancellationToken).ConfigureAwait(false));
        }

        RowLevelResult result = await _iceberg!.DeleteWhereAsync(where, cancellationToken).ConfigureAwait(false);
        return new WriteResult(result.Rows, result.SnapshotId);
    }

    /// <summary>Inserts or replaces a batch of rows by key (primary-key tables).</summary>
    public Task<WriteResult> UpsertAsync(ColumnBatch batch, CancellationToken cancellationToken = default) =>
        UpsertAsync(One(batch), cancellationToken);

    /// <summary>Inserts or replaces rows by key in one transaction (primary-key tables; a plain table takes <see cref="AppendAsync(IAsyncEnumerable{ColumnBatch}, CancellationToken)"/>).</summary>
    public async Task<WriteResult> UpsertAsync(IAsyncEnumerable<ColumnBatch> batches, CancellationToken cancellationToken = default) =>
        Of(await KeyedFor("UpsertAsync", "AppendAsync or OverwriteAsync").UpsertAsync(batches, cancellationToken).ConfigureAwait(false));

    /// <summary>Deletes the keys in a batch (the key columns, or whole rows) from a primary-key table.</summary>
    public Task<WriteResult> DeleteKeysAsync(ColumnBatch keys, CancellationToken cancellationToken = default) =>
        DeleteKeysAsync(One(keys), cancellationToken);

    /// <summary>Deletes the keys in the batches in one transaction (primary-key tables; a plain table takes <see cref="DeleteAsync"/>).</summary>
    public async Task<WriteResult> DeleteKeysAsync(IAsyncEnumerable<ColumnBatch> keys, CancellationToken cancellationToken = default) =>
        Of(await KeyedFor("DeleteKeysAsync", "DeleteAsync with a filter").DeleteKeysAsync(keys, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// The rows matching the options' filter, in the selected columns, at the selected snapshot; a primary-key table
    /// returns the newest version of each key. The caller disposes each batch.
    /// </summary>
    public IAsyncEnumerable<ColumnBatch> ScanAsync(FloeScanOptions? options = null, CancellationToken cancellationToken = default) =>
        NewScan(options ?? new FloeScanOptions()).ReadAsync(cancellationToken);

    /// <summary>The schema <see cref="ScanAsync"/> returns for these options.</summary>
    public Schema ProjectionOf(FloeScanOptions? options = null) => NewScan(options ?? new FloeScanOptions()).Projection;

    /// <summary>
    /// The changes of a primary-key table committed after <paramref name="position"/> (a <see cref="FloeChangeBatch.Position"/>
    /// stored earlier; null: from the first change) up to now, in commit order.
    /// </summary>
    public async IAsyncEnumerable<FloeChangeBatch> ReadChangesAsync(string? position = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        MixedTable table = KeyedFor("ReadChangesAsync", "ScanAsync with a SnapshotId, or the Iceberg table's incremental append scan");
        ChangePosition? after = position is null ? null : ChangePosition.Parse(position);
        await foreach (ChangeBatch batch in table.ReadChangesAsync(after, cancellationToken).ConfigureAwait(false))
        {
            yield return new FloeChangeBatch(batch);
        }
    }

    public override string ToString() => Name;

    private ITableScan NewScan(FloeScanOptions options)
    {
        if (options.SnapshotId is not null && options.AsOf is not null)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Scan of table {Name}: give SnapshotId or AsOf, not both.");
        }

        ITableScan scan = _mixed is not null ? _mixed.NewScan() : _iceberg!.NewScan();
        if (options.SnapshotId is long snapshotId)
        {
            scan = scan.UseSnapshot(snapshotId);
        }

        if (options.AsOf is DateTimeOffset asOf)
        {
            scan = scan.AsOfTime(asOf.ToUnixTimeMilliseconds());
        }

        if (options.Filter is not null)
        {
            scan = scan.Where(options.Filter);
        }

        return options.Columns is null ? scan : scan.Select(options.Columns);
    }

    private MixedTable KeyedFor(string verb, string instead) => _mixed
        ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Table {Name} has no primary key, so {verb} does not apply: use {instead}.");

    private static WriteResult Of(DataWriteResult result) => new(result.Rows, result.SnapshotId);

    private static WriteResult Of(ChangeWriteResult result) => new(result.Rows, result.Commit?.SnapshotId);

    private static async IAsyncEnumerable<ColumnBatch> One(ColumnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await Task.CompletedTask.ConfigureAwait(false);
        yield return batch;
    }
}
