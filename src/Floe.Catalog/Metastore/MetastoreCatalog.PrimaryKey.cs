using Floe.Common.Errors;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Model;

namespace Floe.Catalog.Metastore;

/// <summary>
/// Primary-key tables as <see cref="ICatalog"/> offers them: one row of format <see cref="TableFormat.PrimaryKey"/> with a
/// pointer per store, the stores at <see cref="StoreLocation"/> of the table's location.
/// </summary>
public sealed partial class MetastoreCatalog
{
    /// <summary>Creates both stores at the table's default location (see <see cref="DefaultTableLocationAsync"/>).</summary>
    public async Task<PrimaryKeyTable> CreatePrimaryKeyTableAsync(
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
        (var @base, var change) = PrimaryKeyTableMetadata.Create(schema, spec, primaryKey, location, properties, Clock);
        (var storedBase, var storedChange) = await CreatePrimaryKeyTableAsync(identifier, location, @base, change, cancellationToken).ConfigureAwait(false);
        return new PrimaryKeyTable(
            $"{Name}.{identifier}",
            new MetastoreTableOperations(this, identifier, TableStore.Base, storedBase, _io),
            new MetastoreTableOperations(this, identifier, TableStore.Change, storedChange, _io));
    }

    public async Task<bool> IsPrimaryKeyTableAsync(TableIdentifier identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var row = await FindRowAsync(identifier, cancellationToken).ConfigureAwait(false);
        return row?.Format == TableFormat.PrimaryKey;
    }

    public async Task<PrimaryKeyTable> LoadPrimaryKeyTableAsync(TableIdentifier identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var row = await FindRowAsync(identifier, cancellationToken).ConfigureAwait(false) ?? throw NoSuchTable(identifier);
        if (row.Format != TableFormat.PrimaryKey)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Table {identifier} has no primary key: it is a plain Iceberg table.");
        }

        return new PrimaryKeyTable(
            $"{Name}.{identifier}",
            await LoadStoreOperationsAsync(identifier, TableStore.Base, cancellationToken).ConfigureAwait(false),
            await LoadStoreOperationsAsync(identifier, TableStore.Change, cancellationToken).ConfigureAwait(false));
    }
}
