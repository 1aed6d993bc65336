using System.Collections.Concurrent;
using System.Data.Common;
using Floe.Catalog.Metastore.Sql;
using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Metadata;

namespace Floe.Catalog.Metastore;

/// <summary>
/// An internal catalog whose namespaces and table pointers live in the metastore database. A commit writes
/// <c>NNNNN-&lt;uuid&gt;.metadata.json</c> into the table's metadata folder, then swaps the pointer with a
/// compare-and-swap inside a database transaction (<c>UPDATE ... WHERE metadata_location = @expected</c>); the REST
/// form of a commit reloads and re-applies its requirements and updates when another commit won the swap. Several
/// tables commit atomically in one transaction.
/// </summary>
public sealed partial class MetastoreCatalog : ICatalog, ICommitObservable, IDisposable
{
    /// <summary>How many times a REST-form commit re-applies its updates after losing the pointer swap.</summary>
    public const int MaxCommitAttempts = LostRaces.MaxAttempts;

    private const int MaxCachedTables = 1024;
    private readonly MetastoreDatabase _database;
    private readonly IFileIO _io;
    private readonly ConcurrentDictionary<string, TableMetadata> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _commitLocks = new(StringComparer.Ordinal);

    internal MetastoreCatalog(MetastoreDatabase database, CatalogRecord record, IFileIO? io = null)
    {
        _database = database;
        Record = record;
        _io = io ?? new LocalFileIO();
    }

    private bool _ownsDatabase;

    public string Name => Record.Name;

    /// <summary>The catalog's name, warehouse and properties as the metastore keeps them.</summary>
    public CatalogRecord Record { get; }

    /// <summary>Where tables live when neither they nor their namespace name a location.</summary>
    public string Warehouse => Record.Warehouse;

    public bool SupportsMultiTableCommit => true;

    public event Action<TableIdentifier>? TableCommitted;

    private TimeProvider Clock => _database.Clock;

    /// <summary>Closes the metastore when this catalog owns it (<see cref="MetastoreDatabase.OpenCatalogAsync(MetastoreSettings, string, CancellationToken)"/>); otherwise nothing.</summary>
    public void Dispose()
    {
        if (_ownsDatabase)
        {
            _database.Dispose();
        }
    }

    internal void OwnDatabase() => _ownsDatabase = true;

    private static FloeException NoSuchTable(TableIdentifier identifier) => new(FloeErrorKind.NotFound, $"Table {identifier} does not exist.");

    private static FloeException NoSuchNamespace(Namespace @namespace) => new(FloeErrorKind.NotFound, $"Namespace {@namespace} does not exist.");

    private static void CheckNotRoot(Namespace @namespace)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        if (@namespace.IsEmpty)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "The root namespace cannot be created, dropped or hold tables.");
        }
    }

    /// <summary>Runs a read on one connection, turning database failures into metastore errors.</summary>
    private async Task<T> ReadAsync<T>(string action, Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await _database.WithConnectionAsync(work, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw _database.Failure(action, e);
        }
    }

    /// <summary>Runs a write transaction, turning database failures into metastore errors.</summary>
    private async Task<T> WriteAsync<T>(string action, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await _database.InTransactionAsync(work, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw _database.Failure(action, e);
        }
    }

    private (string Name, object? Value)[] Key(TableIdentifier identifier) =>
        [("catalog", Record.Name), ("ns", NamespaceKey.Encode(identifier.Namespace)), ("name", identifier.Name)];

    private Task<TableRow?> FindRowAsync(TableIdentifier identifier, CancellationToken cancellationToken) =>
        ReadAsync($"load table {identifier}", connection => FindRowAsync(connection, null, identifier, cancellationToken), cancellationToken);

    private async Task<TableRow?> FindRowAsync(DbConnection connection, DbTransaction? transaction, TableIdentifier identifier, CancellationToken cancellationToken)
    {
        var rows = await SqlCommands.QueryAsync(connection, transaction,
            "SELECT format, location, metadata_location, change_metadata_location FROM tables WHERE catalog_name = @catalog AND namespace = @ns AND table_name = @name",
            reader => new TableRow(TableRow.ParseFormat(reader.GetString(0), identifier.ToString()), reader.GetString(1), reader.GetString(2), SqlCommands.NullableString(reader, 3)),
            cancellationToken, Key(identifier)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private async Task<bool> NamespaceRowExistsAsync(DbConnection connection, DbTransaction? transaction, Namespace @namespace, CancellationToken cancellationToken)
    {
        using var command = SqlCommands.Create(connection, transaction,
            "SELECT COUNT(*) FROM namespaces WHERE catalog_name = @catalog AND namespace = @ns",
            ("catalog", Record.Name), ("ns", NamespaceKey.Encode(@namespace)));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private async Task RequireNamespaceAsync(Namespace @namespace, CancellationToken cancellationToken)
    {
        CheckNotRoot(@namespace);
        if (!await NamespaceExistsAsync(@namespace, cancellationToken).ConfigureAwait(false))
        {
            throw NoSuchNamespace(@namespace);
        }
    }

    /// <summary>Reads a metadata file; files never change once written, so the last one read per table is kept.</summary>
    private async Task<TableMetadata> ReadMetadataAsync(string location, string cacheKey, CancellationToken cancellationToken)
    {
        if (_latest.TryGetValue(cacheKey, out var cached) && string.Equals(cached.MetadataFileLocation, location, StringComparison.Ordinal))
        {
            return cached;
        }

        var input = _io.NewInputFile(location);
        if (!await input.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new FloeException(FloeErrorKind.NotFound, $"Metadata file {location} does not exist.");
        }

        byte[] json = await input.ReadAllBytesAsync(cancellationToken).ConfigureAwait(false);
        var metadata = TableMetadataParser.Parse(json, location);
        Remember(cacheKey, metadata);
        return metadata;
    }

    private void Remember(string cacheKey, TableMetadata metadata)
    {
        if (_latest.Count >= MaxCachedTables && !_latest.ContainsKey(cacheKey))
        {
            _latest.Clear();
        }

        _latest[cacheKey] = metadata;
    }

    private static string CacheKey(TableIdentifier identifier, TableStore store) => $"{store}:{NamespaceKey.Encode(identifier.Namespace)}\u001e{identifier.Name}";

    /// <summary>Writes metadata as the version after <paramref name="previousLocation"/>; returns the new file's location.</summary>
    private async Task<string> WriteMetadataAsync(TableMetadata metadata, string? previousLocation, CancellationToken cancellationToken)
    {
        int version = Math.Max(MetadataFileNames.ParseVersion(previousLocation), previousLocation is null ? -1 : 0) + 1;
        string location = MetadataFileNames.NewFile(MetadataFileNames.Folder(metadata), version);
        var stream = await _io.NewOutputFile(location).CreateAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(TableMetadataWriter.ToUtf8(metadata, indented: false), cancellationToken).ConfigureAwait(false);
        }

        return location;
    }

    /// <summary>
    /// Whether a failed commit surely did not reach the database, so the metadata file it wrote may be deleted. A
    /// database failure (kind Environment) or a cancellation may have hit the COMMIT itself; then the file stays, an
    /// orphan at worst, because the pointer may already name it.
    /// </summary>
    private static bool CertainlyNotCommitted(Exception exception) =>
        exception is FloeException { Kind: not FloeErrorKind.Environment };

    /// <summary>Removes a metadata file whose commit did not happen; failing to is harmless (an orphan file).</summary>
    private async Task DeleteQuietlyAsync(string location)
    {
        try
        {
            await _io.DeleteAsync(location, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FloeException)
        {
            // An unreferenced file left behind; orphan-file cleaning removes it.
        }
    }
}
