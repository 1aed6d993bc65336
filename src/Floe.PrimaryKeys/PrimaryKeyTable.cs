using System.Runtime.CompilerServices;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Partitioning;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.PrimaryKeys.ChangeData;
using Floe.PrimaryKeys.Model;
using Floe.PrimaryKeys.Reading;
using Floe.PrimaryKeys.Writing;
using Floe.Table.Operations;
using Floe.Table.RowLevel;

namespace Floe.PrimaryKeys;

/// <summary>
/// A primary-key table: a base store and a change store (two Iceberg tables) sharing schema, partition spec and key.
/// Writes append change rows to the change store (<see cref="NewChangeWriter"/>); reads merge base and change rows per
/// key (<see cref="NewScan"/>).
/// </summary>
public sealed class PrimaryKeyTable
{
    public PrimaryKeyTable(string name, ITableOperations baseOperations, ITableOperations changeOperations)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(baseOperations);
        ArgumentNullException.ThrowIfNull(changeOperations);
        Check(name, baseOperations, PrimaryKeyTableProperties.BaseStore);
        Check(name, changeOperations, PrimaryKeyTableProperties.ChangeStore);
        Name = name;
        BaseTable = new IcebergTable($"{name}/{PrimaryKeyTableProperties.BaseStore}", baseOperations);
        ChangeTable = new IcebergTable($"{name}/{PrimaryKeyTableProperties.ChangeStore}", changeOperations);
        string? keyFields = baseOperations.Current.Property(PrimaryKeyProperties.PrimaryKeyFields.Key)
            ?? throw new FloeException(FloeErrorKind.InvalidData, $"Table {name} has no {PrimaryKeyProperties.PrimaryKeyFields.Key} property.");
        PrimaryKey = PrimaryKey.Parse(Schema, keyFields);
    }

    public string Name { get; }

    /// <summary>The base store: rows merged up to each partition's optimized point.</summary>
    public IcebergTable BaseTable { get; }

    /// <summary>The change store: the ordered change log.</summary>
    public IcebergTable ChangeTable { get; }

    /// <summary>The user schema (the base store's).</summary>
    public Schema Schema => BaseTable.Schema;

    /// <summary>The change store's schema: the user columns and the change columns.</summary>
    public Schema ChangeSchema => ChangeTable.Schema;

    public PrimaryKey PrimaryKey { get; private set; }

    public PartitionSpec Spec => BaseTable.Spec;

    /// <summary>The primary-key columns alone: the schema <see cref="DeleteKeysAsync"/> takes.</summary>
    public Schema KeySchema => SchemaProjection.Project(Schema, PrimaryKey.FieldIds);

    /// <summary>The table location (the folder holding <c>base/</c> and <c>change/</c>).</summary>
    public string Location
    {
        get
        {
            string baseLocation = BaseTable.Metadata.Location.TrimEnd('/');
            int slash = baseLocation.LastIndexOf('/');
            return slash > 0 ? baseLocation[..slash] : baseLocation;
        }
    }

    public int BaseBuckets => PrimaryKeyTableProperties.Buckets(BaseTable.Metadata, PrimaryKeyProperties.BaseHashBucket);

    public int ChangeBuckets => PrimaryKeyTableProperties.Buckets(ChangeTable.Metadata, PrimaryKeyProperties.ChangeHashBucket);

    /// <summary>Reloads both stores.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await BaseTable.RefreshAsync(cancellationToken).ConfigureAwait(false);
        await ChangeTable.RefreshAsync(cancellationToken).ConfigureAwait(false);
        PrimaryKey = PrimaryKey.Parse(Schema, BaseTable.Metadata.Property(PrimaryKeyProperties.PrimaryKeyFields.Key) ?? PrimaryKey.PropertyValue);
    }

    /// <summary>
    /// A writer of one transaction of changes (inserts, upserts, deletes, updates), committed at once. A writer created
    /// while another writer of this instance is committing takes the transaction after it and commits after it, so a
    /// stream of transactions can encode the next while the previous one commits.
    /// </summary>
    public ChangeWriter NewChangeWriter() => new(this);

    /// <summary>The order of the change commits made through this instance.</summary>
    internal CommitSequence Commits { get; } = new();

    /// <summary>A merge-on-read scan of the table's current state.</summary>
    public MergeOnReadScan NewScan() => new(this);

    /// <summary>
    /// Inserts or replaces <paramref name="rows"/> (in <see cref="Schema"/>; the caller keeps owning them) by key, as one
    /// change transaction committed at the end; nothing is committed without rows. Files written are deleted when the
    /// writing fails or the commit is refused, and kept when the commit's outcome is unknown.
    /// </summary>
    public Task<ChangeWriteResult> UpsertAsync(IAsyncEnumerable<ColumnBatch> rows, CancellationToken cancellationToken = default) =>
        ChangeBatches.WriteAsync(this, rows, static (writer, batch, ct) => writer.UpsertAsync(batch, ct), ownsBatches: false, cancellationToken);

    /// <summary>Deletes the keys in <paramref name="keys"/> (batches of <see cref="KeySchema"/> or of whole rows) as one change transaction, as <see cref="UpsertAsync"/> commits.</summary>
    public Task<ChangeWriteResult> DeleteKeysAsync(IAsyncEnumerable<ColumnBatch> keys, CancellationToken cancellationToken = default) =>
        ChangeBatches.WriteAsync(this, keys, static (writer, batch, ct) => writer.DeleteAsync(batch, ct), ownsBatches: false, cancellationToken);

    /// <summary>Deletes the rows of the merged view matching <paramref name="where"/>: each gets a delete change, in one transaction.</summary>
    public Task<ChangeWriteResult> DeleteWhereAsync(RowPredicate where, CancellationToken cancellationToken = default) =>
        ChangeBatches.WriteAsync(this, ReadMatchingAsync(where, cancellationToken), static (writer, batch, ct) => writer.DeleteAsync(batch, ct), ownsBatches: true, cancellationToken);

    /// <summary>
    /// Replaces the rows of the merged view matching <paramref name="filter"/> by <paramref name="rows"/> in one change
    /// transaction: each matching row gets a delete change, then every new row is upserted (the caller keeps owning them).
    /// </summary>
    public async Task<ChangeWriteResult> OverwriteAsync(Expression filter, IAsyncEnumerable<ColumnBatch> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(rows);
        ChangeWriter writer = NewChangeWriter();
        await using (writer.ConfigureAwait(false))
        {
            await foreach (ColumnBatch old in NewScan().Where(filter).ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                using (old)
                {
                    await writer.DeleteAsync(old, cancellationToken).ConfigureAwait(false);
                }
            }

            long written = 0;
            await foreach (ColumnBatch batch in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await writer.UpsertAsync(batch, cancellationToken).ConfigureAwait(false);
                written += batch.RowCount;
            }

            return new ChangeWriteResult(written, await writer.CommitAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>The merged rows matching <paramref name="where"/> (files pruned by its plain comparisons); the caller disposes each batch.</summary>
    public async IAsyncEnumerable<ColumnBatch> ReadMatchingAsync(RowPredicate where, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(where);
        var matcher = new RowMatcher(Schema, where);
        await foreach (ColumnBatch batch in NewScan().Where(PredicatePushdown.Possibly(where)).ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            using (batch)
            {
                int[] rows = matcher.MatchingRows(batch);
                if (rows.Length > 0)
                {
                    yield return ColumnGather.Take(batch, rows);
                }
            }
        }
    }

    /// <summary>
    /// The changes committed after <paramref name="after"/> (a position stored from <see cref="ChangeBatch.End"/>; null: from
    /// the beginning) up to the current change snapshot, in commit order. For filters, projection or net changes use
    /// <see cref="PrimaryKeyTableChangeData.NewChangeDataScan"/>.
    /// </summary>
    public IAsyncEnumerable<ChangeBatch> ReadChangesAsync(ChangePosition? after = null, CancellationToken cancellationToken = default)
    {
        ChangeDataScan scan = this.NewChangeDataScan();
        return (after is ChangePosition position ? scan.FromPosition(position) : scan).ReadAsync(cancellationToken);
    }

    public override string ToString() => Name;

    private static void Check(string name, ITableOperations operations, string store)
    {
        var metadata = operations.Current;
        if (!PrimaryKeyTableProperties.IsPrimaryKey(metadata))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Table {name}: the {store} store is not part of a primary-key table ({PrimaryKeyProperties.TableFormat.Key} is not {PrimaryKeyTableProperties.MixedIcebergFormat}).");
        }

        if (!string.Equals(metadata.Property(PrimaryKeyProperties.TableStore.Key), store, StringComparison.Ordinal))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Table {name}: expected the {store} store but {PrimaryKeyProperties.TableStore.Key} is '{metadata.Property(PrimaryKeyProperties.TableStore.Key)}'.");
        }

        if (metadata.FormatVersion < 2)
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"Table {name}: the {store} store has format version {metadata.FormatVersion}; primary-key tables need 2.");
        }
    }
}
