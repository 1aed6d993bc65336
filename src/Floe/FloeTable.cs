using System.Runtime.CompilerServices;
using Apache.Arrow;
using Floe.Arrow;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.ChangeData;
using Floe.PrimaryKeys.Writing;
using Floe.Sql;
using Floe.Table.Data.Writing;
using Floe.Table.Operations;
using Floe.Table.RowLevel;
using Floe.Table.Scanning;
using IcebergSchema = Floe.Core.Schemas.Schema;

namespace Floe;

/// <summary>
/// A table of either kind with one set of verbs over Apache Arrow record batches: append, overwrite, delete by filter
/// and scan work on both; a primary-key table also takes upserts, deletes by key and change reads. Filters are text in
/// the language of the CLI's <c>--where</c> (docs/sql-text.md), checked against the table's schema. A verb that does
/// not apply to the kind of table raises <see cref="FloeErrorKind.InvalidArgument"/> naming the verb to use instead.
/// Every write commits at once and deletes the files it wrote when its commit is refused (not when the commit's outcome
/// is unknown).
/// <para>
/// Ownership: record batches passed in stay the caller's (they are copied; dispose them when you like). Record batches
/// and <see cref="FloeChangeBatch"/>es read out are the caller's to dispose; their buffers are pooled memory returned
/// to the pool on disposal.
/// </para>
/// </summary>
public sealed class FloeTable
{
    /// <summary>What error messages call a filter.</summary>
    private const string FilterSubject = "filter";

    private readonly IcebergTable? _iceberg;
    private readonly PrimaryKeyTable? _primaryKey;

    internal FloeTable(string name, IcebergTable table)
    {
        Name = name;
        _iceberg = table;
    }

    internal FloeTable(string name, PrimaryKeyTable table)
    {
        Name = name;
        _primaryKey = table;
    }

    /// <summary>The dotted name, e.g. <c>db.events</c>.</summary>
    public string Name { get; }

    /// <summary>True for a primary-key table.</summary>
    public bool IsPrimaryKey => _primaryKey is not null;

    /// <summary>The table's columns as an Arrow schema, each field's Iceberg id under <c>PARQUET:field_id</c>.</summary>
    public Apache.Arrow.Schema Schema => ArrowSchemas.ToArrowSchema(TableSchema);

    /// <summary>The primary-key columns; empty for a plain table.</summary>
    public IReadOnlyList<string> PrimaryKey => _primaryKey is null ? [] : [.. _primaryKey.PrimaryKey.Fields.Select(f => f.Name)];

    /// <summary>The current snapshot (a primary-key table's current change snapshot), or null before the first write.</summary>
    public long? CurrentSnapshotId => _primaryKey?.ChangeTable.Metadata.CurrentSnapshotId ?? _iceberg?.Metadata.CurrentSnapshotId;

    /// <summary>The plain Iceberg table underneath, or null for a primary-key table (see <see cref="PrimaryKeyTable"/>).</summary>
    public IcebergTable? Iceberg => _iceberg;

    /// <summary>The primary-key table underneath (base and change stores), or null for a plain table.</summary>
    public PrimaryKeyTable? PrimaryKeyTable => _primaryKey;

    /// <summary>The Iceberg schema the table's Arrow schema is made from.</summary>
    internal IcebergSchema TableSchema => _primaryKey?.Schema ?? _iceberg!.Schema;

    /// <summary>Reloads the table's metadata from the catalog.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (_primaryKey is not null)
        {
            await _primaryKey.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _iceberg!.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Appends a record batch in one commit (see <see cref="AppendAsync(IAsyncEnumerable{RecordBatch}, CancellationToken)"/>).</summary>
    public Task<WriteResult> AppendAsync(RecordBatch batch, CancellationToken cancellationToken = default) =>
        AppendAsync(One(batch), cancellationToken);

    /// <summary>
    /// Appends the record batches in one commit; nothing is committed without rows. Columns are matched to the table's
    /// by <c>PARQUET:field_id</c>, else by name; an optional column a batch lacks is null. On a primary-key table a row
    /// whose key exists replaces it, as <see cref="UpsertAsync(IAsyncEnumerable{RecordBatch}, CancellationToken)"/> does.
    /// </summary>
    public async Task<WriteResult> AppendAsync(IAsyncEnumerable<RecordBatch> batches, CancellationToken cancellationToken = default)
    {
        if (_primaryKey is not null)
        {
            return Of(await _primaryKey.UpsertAsync(Rows(batches, _primaryKey.Schema, cancellationToken), cancellationToken).ConfigureAwait(false));
        }

        return Of(await _iceberg!.AppendAsync(Rows(batches, _iceberg.Schema, cancellationToken), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Replaces the rows matching <paramref name="filter"/> by a record batch (see the overload over batches).</summary>
    public Task<WriteResult> OverwriteAsync(string filter, RecordBatch batch, CancellationToken cancellationToken = default) =>
        OverwriteAsync(filter, One(batch), cancellationToken);

    /// <summary>
    /// Replaces the rows matching <paramref name="filter"/> (e.g. <c>"day = '2026-01-02'"</c>) by <paramref name="batches"/>
    /// in one commit. The filter must be one a scan can push down (no arithmetic, casts or column-to-column comparisons).
    /// On a plain table whole data files are replaced, as Iceberg's overwrite does: a file of which only some rows match
    /// fails naming the file (partition by what you overwrite, or use <see cref="DeleteAsync"/> then
    /// <see cref="AppendAsync(IAsyncEnumerable{RecordBatch}, CancellationToken)"/>). On a primary-key table the matching
    /// rows are deleted and the new rows upserted, in one transaction.
    /// </summary>
    public async Task<WriteResult> OverwriteAsync(string filter, IAsyncEnumerable<RecordBatch> batches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var expression = SqlFilter.Parse(filter, TableSchema, FilterSubject);
        if (_primaryKey is not null)
        {
            return Of(await _primaryKey.OverwriteAsync(expression, Rows(batches, _primaryKey.Schema, cancellationToken), cancellationToken).ConfigureAwait(false));
        }

        return Of(await _iceberg!.OverwriteAsync(expression, Rows(batches, _iceberg.Schema, cancellationToken), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Deletes the rows matching <paramref name="filter"/> (e.g. <c>"value * 2 > 30 and name like 'a%'"</c>) in one commit:
    /// on a plain table by dropping whole files, position deletes or rewrites as <c>write.delete.mode</c> says; on a
    /// primary-key table by a delete change per matching row.
    /// </summary>
    public async Task<WriteResult> DeleteAsync(string filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        RowPredicate where = SqlFilter.ParseCondition(filter, TableSchema, FilterSubject);
        if (_primaryKey is not null)
        {
            return Of(await _primaryKey.DeleteWhereAsync(where, cancellationToken).ConfigureAwait(false));
        }

        RowLevelResult result = await _iceberg!.DeleteWhereAsync(where, cancellationToken).ConfigureAwait(false);
        return new WriteResult(result.Rows, result.SnapshotId);
    }

    /// <summary>Inserts or replaces a record batch of rows by key (primary-key tables).</summary>
    public Task<WriteResult> UpsertAsync(RecordBatch batch, CancellationToken cancellationToken = default) =>
        UpsertAsync(One(batch), cancellationToken);

    /// <summary>Inserts or replaces rows by key in one transaction (primary-key tables; a plain table takes <see cref="AppendAsync(IAsyncEnumerable{RecordBatch}, CancellationToken)"/>).</summary>
    public async Task<WriteResult> UpsertAsync(IAsyncEnumerable<RecordBatch> batches, CancellationToken cancellationToken = default)
    {
        PrimaryKeyTable table = KeyedFor("UpsertAsync", "AppendAsync or OverwriteAsync");
        return Of(await table.UpsertAsync(Rows(batches, table.Schema, cancellationToken), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Deletes the keys in a record batch (the key columns, or whole rows) from a primary-key table.</summary>
    public Task<WriteResult> DeleteKeysAsync(RecordBatch keys, CancellationToken cancellationToken = default) =>
        DeleteKeysAsync(One(keys), cancellationToken);

    /// <summary>Deletes the keys in the record batches in one transaction (primary-key tables; a plain table takes <see cref="DeleteAsync"/>).</summary>
    public async Task<WriteResult> DeleteKeysAsync(IAsyncEnumerable<RecordBatch> keys, CancellationToken cancellationToken = default)
    {
        PrimaryKeyTable table = KeyedFor("DeleteKeysAsync", "DeleteAsync with a filter");
        return Of(await table.DeleteKeysAsync(Rows(keys, table.KeySchema, cancellationToken), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The rows matching the options' filter, in the selected columns (schema <see cref="ProjectionOf"/>), at the
    /// selected snapshot; a primary-key table returns the newest version of each key. The caller disposes each batch.
    /// </summary>
    public async IAsyncEnumerable<RecordBatch> ScanAsync(FloeScanOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ITableScan scan = NewScan(options ?? new FloeScanOptions());
        await foreach (ColumnBatch batch in scan.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            using (batch)
            {
                yield return ArrowBatches.ToRecordBatch(batch, scan.Projection);
            }
        }
    }

    /// <summary>The Arrow schema of the batches <see cref="ScanAsync"/> returns for these options.</summary>
    public Apache.Arrow.Schema ProjectionOf(FloeScanOptions? options = null) =>
        ArrowSchemas.ToArrowSchema(NewScan(options ?? new FloeScanOptions()).Projection);

    /// <summary>
    /// The changes of a primary-key table committed after <paramref name="position"/> (a <see cref="FloeChangeBatch.Position"/>
    /// stored earlier; null: from the first change) up to now, in commit order. The caller disposes each batch.
    /// </summary>
    public async IAsyncEnumerable<FloeChangeBatch> ReadChangesAsync(string? position = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        PrimaryKeyTable table = KeyedFor("ReadChangesAsync", "ScanAsync with a SnapshotId, or the Iceberg table's incremental append scan");
        ChangePosition? after = position is null ? null : ChangePosition.Parse(position);
        await foreach (ChangeBatch batch in table.ReadChangesAsync(after, cancellationToken).ConfigureAwait(false))
        {
            using (batch)
            {
                yield return FloeChangeBatch.From(batch, table.Schema);
            }
        }
    }

    public override string ToString() => Name;

    private ITableScan NewScan(FloeScanOptions options)
    {
        if (options.SnapshotId is not null && options.AsOf is not null)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Scan of table {Name}: give SnapshotId or AsOf, not both.");
        }

        ITableScan scan = _primaryKey is not null ? _primaryKey.NewScan() : _iceberg!.NewScan();
        if (options.SnapshotId is long snapshotId)
        {
            scan = scan.UseSnapshot(snapshotId);
        }

        if (options.AsOf is DateTimeOffset asOf)
        {
            scan = scan.AsOfTime(asOf.ToUnixTimeMilliseconds());
        }

        if (options.Filter is { } filter)
        {
            scan = scan.Where(SqlFilter.ParseCondition(filter, TableSchema, "filter"));
        }

        return options.Columns is { } columns ? scan.Select(columns) : scan;
    }

    private PrimaryKeyTable KeyedFor(string verb, string instead) => _primaryKey
        ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Table {Name} has no primary key, so {verb} does not apply: use {instead}.");

    private static WriteResult Of(DataWriteResult result) => new(result.Rows, result.SnapshotId);

    private static WriteResult Of(ChangeWriteResult result) => new(result.Rows, result.Commit?.SnapshotId);

    /// <summary>
    /// Copies each record batch into a column batch of <paramref name="schema"/>, disposed once the writer asks for the
    /// next one (writers consume a batch before moving on).
    /// </summary>
    private static async IAsyncEnumerable<ColumnBatch> Rows(
        IAsyncEnumerable<RecordBatch> batches, IcebergSchema schema, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        await foreach (RecordBatch batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            ArgumentNullException.ThrowIfNull(batch);
            using ColumnBatch rows = ArrowBatches.ToColumnBatch(batch, schema);
            yield return rows;
        }
    }

    private static async IAsyncEnumerable<RecordBatch> One(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await Task.CompletedTask.ConfigureAwait(false);
        yield return batch;
    }
}
