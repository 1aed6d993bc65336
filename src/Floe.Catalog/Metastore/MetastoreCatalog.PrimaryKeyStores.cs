using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Table.Operations;

namespace Floe.Catalog.Metastore;

/// <summary>
/// Store-level access for primary-key tables: a table of format <see cref="TableFormat.PrimaryKey"/> has a base store at
/// <c>&lt;location&gt;/base</c> and a change store at <c>&lt;location&gt;/change</c>, each an Iceberg table with its
/// own pointer. The catalog interface shows the base store under the table's name.
/// </summary>
public sealed partial class MetastoreCatalog
{
    /// <summary>Where a store of a primary-key table at <paramref name="tableLocation"/> lives.</summary>
    public static string StoreLocation(string tableLocation, TableStore store)
    {
        ArgumentException.ThrowIfNullOrEmpty(tableLocation);
        return MetadataFileNames.Join(tableLocation, store == TableStore.Base ? "base" : "change");
    }

    /// <summary>Whether the table is a plain Iceberg table or a primary-key table; NotFound when it does not exist.</summary>
    public async Task<TableFormat> LoadTableFormatAsync(TableIdentifier identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var row = await FindRowAsync(identifier, cancellationToken).ConfigureAwait(false) ?? throw NoSuchTable(identifier);
        return row.Format;
    }

    /// <summary>
    /// Creates a primary-key table at <paramref name="location"/> from the first metadata of its two stores, which
    /// must be located at <see cref="StoreLocation"/> of it. Both metadata files are written, then one row holding both
    /// pointers is inserted. Returns the stored base and change metadata.
    /// </summary>
    public async Task<(TableMetadata Base, TableMetadata Change)> CreatePrimaryKeyTableAsync(
        TableIdentifier identifier,
        string location,
        TableMetadata baseStore,
        TableMetadata changeStore,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentException.ThrowIfNullOrEmpty(location);
        ArgumentNullException.ThrowIfNull(baseStore);
        ArgumentNullException.ThrowIfNull(changeStore);
        location = location.TrimEnd('/');
        CheckStoreLocation(identifier, baseStore, StoreLocation(location, TableStore.Base));
        CheckStoreLocation(identifier, changeStore, StoreLocation(location, TableStore.Change));
        if (await FindRowAsync(identifier, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new FloeException(FloeErrorKind.AlreadyExists, $"Table {identifier} already exists.");
        }

        string baseFile = await WriteMetadataAsync(baseStore, null, cancellationToken).ConfigureAwait(false);
        string? changeFile = null;
        try
        {
            changeFile = await WriteMetadataAsync(changeStore, null, cancellationToken).ConfigureAwait(false);
            await WriteAsync($"create table {identifier}", (connection, transaction) =>
                InsertRowAsync(connection, transaction, identifier, TableFormat.PrimaryKey, location, baseFile, changeFile, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (CertainlyNotCommitted(e))
        {
            await DeleteQuietlyAsync(baseFile).ConfigureAwait(false);
            if (changeFile is not null)
            {
                await DeleteQuietlyAsync(changeFile).ConfigureAwait(false);
            }

            throw;
        }

        var storedBase = baseStore.WithMetadataFileLocation(baseFile);
        var storedChange = changeStore.WithMetadataFileLocation(changeFile);
        Remember(CacheKey(identifier, TableStore.Base), storedBase);
        Remember(CacheKey(identifier, TableStore.Change), storedChange);
        return (storedBase, storedChange);
    }

    /// <summary>A store's current metadata; InvalidArgument for the change store of a plain table.</summary>
    public async Task<TableMetadata> LoadStoreAsync(TableIdentifier identifier, TableStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var row = await FindRowAsync(identifier, cancellationToken).ConfigureAwait(false) ?? throw NoSuchTable(identifier);
        return await ReadMetadataAsync(StorePointer(identifier, row, store), CacheKey(identifier, store), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A store's operations (current metadata, refresh, commit of that store's pointer), loaded now.</summary>
    public async Task<ITableOperations> LoadStoreOperationsAsync(TableIdentifier identifier, TableStore store, CancellationToken cancellationToken = default)
    {
        var current = await LoadStoreAsync(identifier, store, cancellationToken).ConfigureAwait(false);
        return new MetastoreTableOperations(this, identifier, store, current, _io);
    }

    private static void CheckStoreLocation(TableIdentifier identifier, TableMetadata store, string expected)
    {
        if (!string.Equals(store.Location.TrimEnd('/'), expected, StringComparison.Ordinal))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Cannot create primary-key table {identifier}: a store is located at {store.Location}, expected {expected}.");
        }
    }
}
