using System.Data.Common;
using Floe.Catalog.Metastore.Sql;
using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Sorting;
using Floe.Table.Operations;

namespace Floe.Catalog.Metastore;

/// <summary>Tables: one row per table holding its location, format and metadata pointers.</summary>
public sealed partial class MetastoreCatalog
{
    /// <summary>The namespace property that, when set, places the namespace's new tables under it.</summary>
    public const string NamespaceLocationProperty = "location";

    public async Task<IReadOnlyList<TableIdentifier>> ListTablesAsync(Namespace @namespace, CancellationToken cancellationToken = default)
    {
        CheckNotRoot(@namespace);
        var names = await ReadAsync($"list tables in {@namespace}", async connection =>
        {
            if (!await NamespaceRowExistsAsync(connection, null, @namespace, cancellationToken).ConfigureAwait(false))
            {
                throw NoSuchNamespace(@namespace);
            }

            return await SqlCommands.QueryAsync(connection, null,
                "SELECT table_name FROM tables WHERE catalog_name = @catalog AND namespace = @ns",
                reader => reader.GetString(0), cancellationToken, ("catalog", Record.Name), ("ns", NamespaceKey.Encode(@namespace))).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        names.Sort(StringComparer.Ordinal);
        return [.. names.Select(name => new TableIdentifier(@namespace, name))];
    }

    public async Task<bool> TableExistsAsync(TableIdentifier identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return await FindRowAsync(identifier, cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>
    /// <c>&lt;namespace location&gt;/&lt;table&gt;</c> when the namespace has a <c>location</c> property, else
    /// <c>&lt;warehouse&gt;/&lt;namespace levels&gt;/&lt;table&gt;</c>.
    /// </summary>
    public async Task<string> DefaultTableLocationAsync(TableIdentifier identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var properties = await LoadNamespacePropertiesAsync(identifier.Namespace, cancellationToken).ConfigureAwait(false);
        return properties.TryGetValue(NamespaceLocationProperty, out string? namespaceLocation) && namespaceLocation.Length > 0
            ? MetadataFileNames.Join(namespaceLocation, identifier.Name)
            : MetadataFileNames.Join(Record.Warehouse, [.. identifier.Namespace.Levels, identifier.Name]);
    }

    public Task<TableMetadata> CreateTableAsync(
        TableIdentifier identifier,
        Schema schema,
        PartitionSpec? spec = null,
        SortOrder? sortOrder = null,
        IReadOnlyDictionary<string, string>? properties = null,
        CancellationToken cancellationToken = default) =>
        CreateTableAsync(identifier, schema, spec, sortOrder, properties, location: null, cancellationToken);

    public async Task<TableMetadata> CreateTableAsync(
        TableIdentifier identifier,
        Schema schema,
        PartitionSpec? spec,
        SortOrder? sortOrder,
        IReadOnlyDictionary<string, string>? properties,
        string? location,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentNullException.ThrowIfNull(schema);
        if (await FindRowAsync(identifier, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new FloeException(FloeErrorKind.AlreadyExists, $"Table {identifier} already exists.");
        }

        location = string.IsNullOrEmpty(location)
            ? await DefaultTableLocationAsync(identifier, cancellationToken).ConfigureAwait(false)
            : location.TrimEnd('/');
        var metadata = NewTable.Create(schema, spec, sortOrder, location, properties, clock: Clock);
        return await InsertTableAsync(identifier, metadata, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IcebergTable> LoadTableAsync(TableIdentifier identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var row = await FindRowAsync(identifier, cancellationToken).ConfigureAwait(false) ?? throw NoSuchTable(identifier);
        var current = await ReadMetadataAsync(row.MetadataLocation, CacheKey(identifier, TableStore.Base), cancellationToken).ConfigureAwait(false);
        return new IcebergTable($"{Name}.{identifier}", new MetastoreTableOperations(this, identifier, TableStore.Base, current, _io));
    }

    /// <summary>Points the table at the file as it is (the file is not copied); with overwrite the pointer is replaced unconditionally.</summary>
    public async Task<TableMetadata> RegisterTableAsync(TableIdentifier identifier, string metadataFileLocation, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentException.ThrowIfNullOrEmpty(metadataFileLocation);
        await RequireNamespaceAsync(identifier.Namespace, cancellationToken).ConfigureAwait(false);
        var existing = await FindRowAsync(identifier, cancellationToken).ConfigureAwait(false);
        if (existing is not null && !overwrite)
        {
            throw new FloeException(FloeErrorKind.AlreadyExists, $"Cannot register table {identifier}: it already exists.");
        }

        var input = _io.NewInputFile(metadataFileLocation);
        if (!await input.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new FloeException(FloeErrorKind.NotFound, $"Metadata file {metadataFileLocation} does not exist.");
        }

        var metadata = TableMetadataParser.Parse(await input.ReadAllBytesAsync(cancellationToken).ConfigureAwait(false), metadataFileLocation);
        TableLocationRules.RequireAllInside(metadata);
        await RequireOwnLocationAsync(identifier, metadata.Location, cancellationToken).ConfigureAwait(false);
        var key = Key(identifier);
        long now = _database.NowMs();
        try
        {
            await WriteAsync($"register table {identifier}", (connection, transaction) => SqlCommands.ExecuteAsync(connection, transaction,
                "INSERT INTO tables (catalog_name, namespace, table_name, format, location, metadata_location, change_metadata_location, created_ms, updated_ms) " +
                "VALUES (@catalog, @ns, @name, 'iceberg', @location, @metadata, NULL, @now, @now) " +
                (overwrite
                    ? "ON CONFLICT (catalog_name, namespace, table_name) DO UPDATE SET format = 'iceberg', location = @location, metadata_location = @metadata, change_metadata_location = NULL, updated_ms = @now"
                    : ""),
                cancellationToken, [.. key, ("location", metadata.Location), ("metadata", metadataFileLocation), ("now", now)]), cancellationToken).ConfigureAwait(false);
        }
        catch (FloeException e) when (e.InnerException is DbException db && _database.Dialect.IsUniqueViolation(db))
        {
            throw new FloeException(FloeErrorKind.AlreadyExists, $"Cannot register table {identifier}: it was created concurrently.", e);
        }
        catch (FloeException e) when (e.InnerException is DbException db && _database.Dialect.IsForeignKeyViolation(db))
        {
            throw NoSuchNamespace(identifier.Namespace);
        }

        Remember(CacheKey(identifier, TableStore.Base), metadata);
        return metadata;
    }

    public async Task<bool> DropTableAsync(TableIdentifier identifier, bool purge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        var row = await WriteAsync($"drop table {identifier}", async (connection, transaction) =>
        {
            var found = await FindRowAsync(connection, transaction, identifier, cancellationToken).ConfigureAwait(false);
            if (found is not null)
            {
                await SqlCommands.ExecuteAsync(connection, transaction,
                    "DELETE FROM tables WHERE catalog_name = @catalog AND namespace = @ns AND table_name = @name", cancellationToken, Key(identifier)).ConfigureAwait(false);
            }

            return found;
        }, cancellationToken).ConfigureAwait(false);
        _latest.TryRemove(CacheKey(identifier, TableStore.Base), out _);
        _latest.TryRemove(CacheKey(identifier, TableStore.Change), out _);
        if (row is null)
        {
            return false;
        }

        if (purge)
        {
            foreach (string? pointer in new[] { row.MetadataLocation, row.ChangeMetadataLocation })
            {
                if (pointer is not null)
                {
                    await PurgeStoreAsync(pointer, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return true;
    }

    /// <summary>Renames the row; the table stays at its location, so tables with snapshots move too.</summary>
    public async Task RenameTableAsync(TableIdentifier from, TableIdentifier to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        await RequireNamespaceAsync(to.Namespace, cancellationToken).ConfigureAwait(false);
        int renamed;
        try
        {
            renamed = await WriteAsync($"rename table {from}", (connection, transaction) => SqlCommands.ExecuteAsync(connection, transaction,
                "UPDATE tables SET namespace = @toNs, table_name = @toName, updated_ms = @now WHERE catalog_name = @catalog AND namespace = @ns AND table_name = @name",
                cancellationToken, [.. Key(from), ("toNs", NamespaceKey.Encode(to.Namespace)), ("toName", to.Name), ("now", _database.NowMs())]), cancellationToken).ConfigureAwait(false);
        }
        catch (FloeException e) when (e.InnerException is DbException db && _database.Dialect.IsUniqueViolation(db))
        {
            throw new FloeException(FloeErrorKind.AlreadyExists, $"Cannot rename table {from}: table {to} already exists.", e);
        }
        catch (FloeException e) when (e.InnerException is DbException db && _database.Dialect.IsForeignKeyViolation(db))
        {
            throw NoSuchNamespace(to.Namespace);
        }

        _latest.TryRemove(CacheKey(from, TableStore.Base), out _);
        _latest.TryRemove(CacheKey(from, TableStore.Change), out _);
        if (renamed == 0)
        {
            throw NoSuchTable(from);
        }
    }

    /// <summary>Writes a new table's first metadata file and inserts its row; the file is removed again if the row cannot be.</summary>
    private async Task<TableMetadata> InsertTableAsync(TableIdentifier identifier, TableMetadata metadata, CancellationToken cancellationToken)
    {
        string written = await WriteMetadataAsync(metadata, null, cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteAsync($"create table {identifier}", (connection, transaction) =>
                InsertRowAsync(connection, transaction, identifier, TableFormat.Iceberg, metadata.Location, written, null, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (CertainlyNotCommitted(e))
        {
            await DeleteQuietlyAsync(written).ConfigureAwait(false);
            throw;
        }

        var stored = metadata.WithMetadataFileLocation(written);
        Remember(CacheKey(identifier, TableStore.Base), stored);
        return stored;
    }

    /// <summary>Inserts a table row; AlreadyExists when the name is taken, NotFound when the namespace is missing.</summary>
    private async Task<bool> InsertRowAsync(
        DbConnection connection,
        DbTransaction transaction,
        TableIdentifier identifier,
        TableFormat format,
        string location,
        string metadataLocation,
        string? changeMetadataLocation,
        CancellationToken cancellationToken)
    {
        if (!await NamespaceRowExistsAsync(connection, transaction, identifier.Namespace, cancellationToken).ConfigureAwait(false))
        {
            throw NoSuchNamespace(identifier.Namespace);
        }

        if (await FindRowAsync(connection, transaction, identifier, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new FloeException(FloeErrorKind.AlreadyExists, $"Table {identifier} already exists.");
        }

        await RequireOwnLocationAsync(connection, transaction, identifier, location, cancellationToken).ConfigureAwait(false);
        long now = _database.NowMs();
        try
        {
            await SqlCommands.ExecuteAsync(connection, transaction,
                "INSERT INTO tables (catalog_name, namespace, table_name, format, location, metadata_location, change_metadata_location, created_ms, updated_ms) " +
                "VALUES (@catalog, @ns, @name, @format, @location, @metadata, @change, @now, @now)",
                cancellationToken, [.. Key(identifier), ("format", TableRow.FormatText(format)), ("location", location), ("metadata", metadataLocation),
                    ("change", changeMetadataLocation), ("now", now)]).ConfigureAwait(false);
        }
        catch (DbException e) when (_database.Dialect.IsUniqueViolation(e))
        {
            throw new FloeException(FloeErrorKind.AlreadyExists, $"Table {identifier} already exists.", e);
        }
        catch (DbException e) when (_database.Dialect.IsForeignKeyViolation(e))
        {
            throw NoSuchNamespace(identifier.Namespace);
        }

        return true;
    }

    /// <summary>Deletes every file a store's metadata reaches, then its metadata files (current and logged).</summary>
    private async Task PurgeStoreAsync(string metadataLocation, CancellationToken cancellationToken)
    {
        TableMetadata metadata;
        try
        {
            metadata = TableMetadataParser.Parse(await _io.NewInputFile(metadataLocation).ReadAllBytesAsync(cancellationToken).ConfigureAwait(false), metadataLocation);
        }
        catch (FloeException e) when (e.Kind == FloeErrorKind.NotFound)
        {
            return;
        }

        // Only files under the table's location go: its metadata may name another table's files.
        await TablePurge.DeleteReachableAsync(_io, metadata, [metadata.Location], cancellationToken).ConfigureAwait(false);
        var confined = new ConfinedFileIO(_io, metadata.Location);
        foreach (string file in metadata.MetadataLog.Select(entry => entry.MetadataFile).Append(metadataLocation).Where(confined.Contains))
        {
            await _io.DeleteAsync(file, cancellationToken).ConfigureAwait(false);
        }
    }
}
