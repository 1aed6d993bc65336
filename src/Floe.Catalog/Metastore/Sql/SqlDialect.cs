using System.Data.Common;

namespace Floe.Catalog.Metastore.Sql;

/// <summary>
/// What differs between the databases a metastore runs on. Statements are otherwise written once: named <c>@p</c>
/// parameters, <c>TEXT</c> and <c>BIGINT</c> columns and <c>INSERT ... ON CONFLICT</c> mean the same in both.
/// </summary>
internal abstract class SqlDialect
{
    public abstract MetastoreKind Kind { get; }

    /// <summary>The column type for true/false values.</summary>
    public abstract string BooleanType { get; }

    /// <summary>Appended to a SELECT inside a transaction that will update the rows it read (empty where a write transaction already excludes other writers).</summary>
    public abstract string ForUpdate { get; }

    /// <summary>Opens a new connection with the session settings every statement relies on.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Settings of the database itself, applied before migrations.</summary>
    public virtual Task PrepareDatabaseAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Makes concurrent migrations of one database wait for each other; runs inside the migration transaction.</summary>
    public abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the database was blank before this open (a SQLite file that did not exist, a PostgreSQL schema without
    /// tables), so that creating the Floe schema in it cannot hide or overwrite someone else's data.
    /// </summary>
    public abstract Task<bool> WasBlankAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Whether the schema_version table exists yet.</summary>
    public abstract Task<bool> HasVersionTableAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    public abstract bool IsUniqueViolation(DbException exception);

    public abstract bool IsForeignKeyViolation(DbException exception);

    /// <summary>A failure that says nothing about the data and may pass when the transaction is tried again (deadlock, serialization, busy).</summary>
    public abstract bool IsTransient(DbException exception);

    /// <summary>Releases pooled connections (and with them any file handles).</summary>
    public abstract void ClearPools();
}
