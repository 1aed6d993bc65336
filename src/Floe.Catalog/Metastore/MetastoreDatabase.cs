using System.Data.Common;
using Floe.Catalog.Metastore.Sql;
using Floe.Common.Errors;

namespace Floe.Catalog.Metastore;

/// <summary>
/// An open metastore: the SQLite or PostgreSQL database that keeps internal catalogs, their namespaces and table
/// pointers. Opening it applies pending schema migrations, which also create the tables the server keeps next to the
/// catalogs (API tokens, the optimizing service's state; their stores live in the server), so one version sequence
/// covers the whole database. Thread-safe; one instance per process and database is enough (connections are pooled).
/// </summary>
public sealed class MetastoreDatabase : IDisposable
{
    private const int MaxTransientRetries = 10;
    private readonly TimeProvider _clock;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, MetastoreCatalog> _open = new(StringComparer.Ordinal);

    private MetastoreDatabase(MetastoreSettings settings, SqlDialect dialect, int schemaVersion, TimeProvider clock)
    {
        Settings = settings;
        Dialect = dialect;
        SchemaVersion = schemaVersion;
        _clock = clock;
        Catalogs = new InternalCatalogStore(this);
    }

    public MetastoreSettings Settings { get; }

    /// <summary>The schema version the database is at (the latest this build knows).</summary>
    public int SchemaVersion { get; }

    /// <summary>The internal catalogs kept here.</summary>
    public InternalCatalogStore Catalogs { get; }

    internal SqlDialect Dialect { get; }

    internal TimeProvider Clock => _clock;

    /// <summary>
    /// Opens the metastore, creating the database (SQLite) or the tables and migrating them as needed. A database that
    /// exists but has no Floe schema (an empty file, someone else's tables) is refused unless <paramref name="initialize"/>.
    /// </summary>
    public static async Task<MetastoreDatabase> OpenAsync(
        MetastoreSettings settings, TimeProvider? clock = null, bool initialize = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        SqlDialect dialect = settings.Kind == MetastoreKind.Sqlite
            ? new SqliteDialect(settings.Target, settings.BusyTimeout)
            : new PostgresDialect(settings.Target, settings.BusyTimeout);
        try
        {
            int version = await RetryTransientAsync(dialect, () => Migrations.ApplyAsync(dialect, settings.ToString(), initialize, cancellationToken), cancellationToken).ConfigureAwait(false);
            return new MetastoreDatabase(settings, dialect, version, clock ?? TimeProvider.System);
        }
        catch (DbException e)
        {
            (dialect as IDisposable)?.Dispose();
            throw new FloeException(FloeErrorKind.Environment, $"Cannot migrate the metastore {settings}: {e.Message}", e);
        }
        catch
        {
            (dialect as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>An open connection to the metastore database, for data access that lives next to the metastore (dispose it).</summary>
    public Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) => Dialect.OpenAsync(cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in one database transaction and commits it; rolls back when it throws. A
    /// transient database failure (busy, deadlock, serialization) runs the whole work again, so it must not have
    /// effects outside the transaction.
    /// </summary>
    public Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RetryTransientAsync(Dialect, async () =>
        {
            var connection = await Dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    T result = await work(connection, transaction).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return result;
                }
            }
        }, cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> on one connection without a transaction (single statements, reads).</summary>
    public Task<T> WithConnectionAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RetryTransientAsync(Dialect, async () =>
        {
            var connection = await Dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                return await work(connection).ConfigureAwait(false);
            }
        }, cancellationToken);
    }

    /// <summary>
    /// The internal catalog of that name (NotFound when there is none). Callers get the same instance while the
    /// catalog's record is unchanged, so its commits queue per table and share the metadata it remembers.
    /// </summary>
    public async Task<MetastoreCatalog> OpenCatalogAsync(string name, CancellationToken cancellationToken = default)
    {
        var record = await Catalogs.GetAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new FloeException(FloeErrorKind.NotFound, $"Catalog {name} does not exist in the metastore.");
        if (_open.TryGetValue(name, out var open) && SameRecord(open.Record, record))
        {
            return open;
        }

        var created = NewCatalogInstance(record);
        _open[name] = created;
        return created;
    }

    /// <summary>
    /// Opens the metastore and its internal catalog <paramref name="name"/>, which owns the database: disposing the
    /// catalog closes it. For a program that needs one catalog; a server keeps the database and opens many.
    /// </summary>
    public static async Task<MetastoreCatalog> OpenCatalogAsync(MetastoreSettings settings, string name, CancellationToken cancellationToken = default)
    {
        var database = await OpenAsync(settings, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            var catalog = await database.OpenCatalogAsync(name, cancellationToken).ConfigureAwait(false);
            catalog.OwnDatabase();
            return catalog;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>A catalog instance of its own (its own per-table queues and remembered metadata), as another process would have.</summary>
    internal MetastoreCatalog NewCatalogInstance(CatalogRecord record) => new(this, record);

    private static bool SameRecord(CatalogRecord a, CatalogRecord b) =>
        a.Name == b.Name && a.Warehouse == b.Warehouse && a.CreatedMs == b.CreatedMs
        && a.Properties.Count == b.Properties.Count && a.Properties.All(p => b.Properties.TryGetValue(p.Key, out string? v) && v == p.Value);

    internal long NowMs() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Turns a database failure into a FloeException saying which metastore failed.</summary>
    public FloeException Failure(string action, DbException e) =>
        new(FloeErrorKind.Environment, $"Metastore {Settings} failed to {action}: {e.Message}", e);

    /// <summary>True when <paramref name="exception"/> is a unique-key violation of this database's engine.</summary>
    public bool IsUniqueViolation(DbException exception) => Dialect.IsUniqueViolation(exception);

    public void Dispose()
    {
        Dialect.ClearPools();
        (Dialect as IDisposable)?.Dispose();
    }

    private static async Task<T> RetryTransientAsync<T>(SqlDialect dialect, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return await work().ConfigureAwait(false);
            }
            catch (DbException e) when (attempt < MaxTransientRetries && dialect.IsTransient(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 << Math.Min(attempt, 5))), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
