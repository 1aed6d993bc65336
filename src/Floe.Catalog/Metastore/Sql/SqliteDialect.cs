using System.Data.Common;
using System.Globalization;
using Floe.Common.Errors;
using Microsoft.Data.Sqlite;

namespace Floe.Catalog.Metastore.Sql;

/// <summary>
/// SQLite in WAL mode (readers never wait for the writer), foreign keys on, and a busy timeout so that writers from
/// several processes queue instead of failing. Write transactions begin IMMEDIATE, so two of them never deadlock
/// upgrading read locks.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    private const int SqliteConstraint = 19;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraintForeignKey = 787;
    private static readonly Lazy<bool> s_initialized = new(() =>
    {
        SQLitePCL.Batteries_V2.Init();
        return true;
    });

    private readonly string _connectionString;
    private readonly string _pragmas;

    // Read before the first connection creates the file: an existing file, even an empty one, is not a first start.
    private readonly bool _fileExisted;

    public SqliteDialect(string path, TimeSpan busyTimeout)
    {
        _ = s_initialized.Value;
        _fileExisted = File.Exists(path);
        string? folder = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        int timeoutMs = (int)Math.Clamp(busyTimeout.TotalMilliseconds, 0, int.MaxValue);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = Math.Max(1, timeoutMs / 1000),
        }.ToString();
        _pragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {timeoutMs}; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;");
        Path = path;
    }

    public string Path { get; }

    public override MetastoreKind Kind => MetastoreKind.Sqlite;

    public override string ForUpdate => "";

    public override string BooleanType => "INTEGER";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new FloeException(FloeErrorKind.Environment, $"Cannot open the SQLite metastore {Path}: {e.Message}", e);
        }
    }

    public override async Task PrepareDatabaseAsync(CancellationToken cancellationToken)
    {
        // WAL is a property of the file and cannot be switched inside a transaction, so it is set before migrating.
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL";
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Nothing to do: the IMMEDIATE transaction already holds the database's write lock.</summary>
    public override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task<bool> WasBlankAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.FromResult(!_fileExisted);

    public override async Task<bool> HasVersionTableAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
    }

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint } e && e.SqliteExtendedErrorCode != SqliteConstraintForeignKey;

    public override bool IsForeignKeyViolation(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: SqliteConstraintForeignKey };

    public override bool IsTransient(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked };

    public override void ClearPools()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
