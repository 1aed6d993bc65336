using Floe.Common.Errors;
using Floe.Core.Partitioning;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Mixed.Model;
using Floe.Mixed.Reading;
using Floe.Mixed.Writing;
using Floe.Table.Operations;

namespace Floe.Mixed;

/// <summary>
/// A primary-key table: a base store and a change store (two Iceberg tables) sharing schema, partition spec and key.
/// Writes append change rows to the change store (<see cref="NewChangeWriter"/>); reads merge base and change rows per
/// key (<see cref="NewScan"/>).
/// </summary>
public sealed class MixedTable
{
    public MixedTable(string name, ITableOperations baseOperations, ITableOperations changeOperations)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(baseOperations);
        ArgumentNullException.ThrowIfNull(changeOperations);
        Check(name, baseOperations, MixedTableProperties.BaseStore);
        Check(name, changeOperations, MixedTableProperties.ChangeStore);
        Name = name;
        BaseTable = new IcebergTable($"{name}/{MixedTableProperties.BaseStore}", baseOperations);
        ChangeTable = new IcebergTable($"{name}/{MixedTableProperties.ChangeStore}", changeOperations);
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

    public int BaseBuckets => MixedTableProperties.Buckets(BaseTable.Metadata, PrimaryKeyProperties.BaseHashBucket);

    public int ChangeBuckets => MixedTableProperties.Buckets(ChangeTable.Metadata, PrimaryKeyProperties.ChangeHashBucket);

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

    public override string ToString() => Name;

    private static void Check(string name, ITableOperations operations, string store)
    {
        var metadata = operations.Current;
        if (!MixedTableProperties.IsMixed(metadata))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Table {name}: the {store} store is not part of a primary-key table ({PrimaryKeyProperties.TableFormat.Key} is not {MixedTableProperties.MixedIcebergFormat}).");
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
