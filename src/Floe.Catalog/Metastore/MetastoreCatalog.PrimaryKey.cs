using Floe.Common.Errors;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Mixed;
using Floe.Mixed.Model;

namespace Floe.Catalog.Metastore;

/// <summary>
/// Primary-key tables as <see cref="ICatalog"/> offers them: one row of format <see cref="TableFormat.Mixed"/> with a
/// pointer per store, the stores at <see cref="StoreLocation"/> of the table's location.
/// </summary>
public sealed partial class MetastoreCatalog
{
    /// <summary>Creates both stores at the table's default location (see <see cref="DefaultTableLocationAsync"/>).</summary>
    public async Task<MixedTable> CreatePrimaryKeyTableAsync(
        TableIdentifier identifier,
        Schema schema,
        IReadOnlyList<string> primaryKey,
        PartitionSpec? spec = null,
        IReadOnlyDictionary<string, string>? properties = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(primaryKey);
        string location = await DefaultTableLocationAsync(identifier, cancellationToken).ConfigureAwait(false);
        (var @base, var change) = MixedTableMetadata.Create(schema, spec, primaryKey, location, properties, Clock);
        (var storedBase, var storedChange) = await CreateMixedTableAsync(identifier, location, @base, change, cancellationToken).ConfigureAwait(false);
        return new MixedTable(
            $"{Name}.{identifier}",
            new MetastoreTableOperations(this, identifier, TableStore.Base, storedBase, _io),
            new MetastoreTableOperations(this, identifier, TableStore.Change, storedChange, _io));
    }

    public async Task<bool> IsPrimaryKeyTableAsync(TableIdentifier identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var row = await FindRowAsync(identifier, cancellationToken).ConfigureAwait(false);
        return row?.Format == TableFormat.Mixed;
    }

    public async Task<MixedTable> LoadPrimaryKeyTableAsync(TableIdentifier identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var row = await FindRowAsync(identifier, cancellationToken).ConfigureAwait(false) ?? throw NoSuchTable(identifier);
        if (row.Format != TableFormat.Mixed)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Table {identifier} has no primary key: it is a plain Iceberg table.");
        }

        return new MixedTable(
            $"{Name}.{identifier}",
            await LoadStoreOperationsAsync(identifier, TableStore.Base, cancellationToken).ConfigureAwait(false),
            await LoadStoreOperationsAsync(identifier, TableStore.Change, cancellationToken).ConfigureAwait(false));
    }
}
