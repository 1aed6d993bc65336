using System.Data.Common;
using System.Globalization;
using Floe.Common.Errors;
using Npgsql;

namespace Floe.Catalog.Metastore.Sql;

/// <summary>PostgreSQL through one pooled Npgsql data source; statements run at READ COMMITTED, which the pointer CAS needs no more than.</summary>
internal sealed class PostgresDialect : SqlDialect, IDisposable
{
    private const long MigrationLockKey = 0x466C6F654D657461; // "FloeMeta"
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _where;

    public PostgresDialect(string connectionString, TimeSpan busyTimeout)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid PostgreSQL connection string: {e.Message}", e);
        }

        builder.CommandTimeout = Math.Max(1, (int)busyTimeout.TotalSeconds);
        _where = $"{builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public override MetastoreKind Kind => MetastoreKind.Postgres;

    public override string ForUpdate => " FOR UPDATE";

    public override string BooleanType => "BOOLEAN";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new FloeException(FloeErrorKind.Environment, $"Cannot connect to the PostgreSQL metastore at {_where}: {e.Message}", e);
        }
    }

    public override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({MigrationLockKey})";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task<bool> WasBlankAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) == 0;
    }

    public override async Task<bool> HasVersionTableAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT to_regclass('schema_version') IS NOT NULL";
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override bool IsForeignKeyViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation };

    public override bool IsTransient(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }
        || exception.IsTransient;

    /// <summary>Nothing beyond disposing: the data source owns its pool.</summary>
    public override void ClearPools()
    {
    }

    public void Dispose() => _dataSource.Dispose();
}
