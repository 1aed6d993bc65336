using System.Data.Common;
using Floe.Catalog.Metastore;
using Floe.Catalog.Metastore.Sql;

namespace Floe.Server.Store;

/// <summary>The maintenance history in the metastore (<c>maintenance_runs</c>): one row per run of an action on a table.</summary>
public sealed class MaintenanceStore
{
    private const string Columns = "run_id, catalog_name, namespace, table_name, action, trigger_kind, started_ms, duration_ms, files_removed, " +
        "bytes_removed, snapshots_expired, rows_expired, summary, error";

    private readonly MetastoreDatabase _database;

    public MaintenanceStore(MetastoreDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>The highest run id stored, 0 when there is none; new ids continue from it.</summary>
    public async Task<long> LastRunIdAsync(CancellationToken cancellationToken = default)
    {
        List<long> rows = await QueryAsync("SELECT COALESCE(MAX(run_id), 0) FROM maintenance_runs", r => r.GetInt64(0), "read the last maintenance run", cancellationToken)
            .ConfigureAwait(false);
        return rows[0];
    }

    public async Task InsertAsync(MaintenanceRunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            await _database.WithConnectionAsync(connection => SqlCommands.ExecuteAsync(connection, null,
                $"INSERT INTO maintenance_runs ({Columns}) VALUES (@id, @catalog, @namespace, @table, @action, @trigger, @started, @duration, @files, " +
                "@bytes, @snapshots, @rows, @summary, @error)", cancellationToken,
                ("id", run.RunId), ("catalog", run.Table.Catalog), ("namespace", run.Table.Namespace), ("table", run.Table.Table), ("action", run.Action),
                ("trigger", run.Trigger), ("started", run.StartedMs), ("duration", run.DurationMs), ("files", run.FilesRemoved), ("bytes", run.BytesRemoved),
                ("snapshots", run.SnapshotsExpired), ("rows", run.RowsExpired), ("summary", run.Summary), ("error", run.Error)), cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw _database.Failure($"record maintenance run {run.RunId} of {run.Table}", e);
        }
    }

    /// <summary>Runs newest first, of one table or all.</summary>
    public Task<List<MaintenanceRunRecord>> ListAsync(TableKey? table, int limit, CancellationToken cancellationToken = default)
    {
        string filter = table is null ? "" : " WHERE catalog_name = @catalog AND namespace = @namespace AND table_name = @table";
        (string, object?)[] parameters = table is null
            ? [("limit", (long)limit)]
            : [("catalog", table.Catalog), ("namespace", table.Namespace), ("table", table.Table), ("limit", (long)limit)];
        return QueryAsync($"SELECT {Columns} FROM maintenance_runs{filter} ORDER BY run_id DESC LIMIT @limit", Read, "read the maintenance history", cancellationToken, parameters);
    }

    /// <summary>When each action last finished on each table (start plus duration of its newest run, failed or not), by action name.</summary>
    public async Task<Dictionary<(TableKey Table, string Action), long>> LastFinishedAsync(CancellationToken cancellationToken = default)
    {
        List<(TableKey, string, long)> rows = await QueryAsync(
            "SELECT catalog_name, namespace, table_name, action, MAX(started_ms + duration_ms) FROM maintenance_runs GROUP BY catalog_name, namespace, table_name, action",
            r => (new TableKey(r.GetString(0), r.GetString(1), r.GetString(2)), r.GetString(3), r.GetInt64(4)), "read the last maintenance runs", cancellationToken)
            .ConfigureAwait(false);
        return rows.ToDictionary(r => (r.Item1, r.Item2), r => r.Item3);
    }

    /// <summary>Drops runs started before the time; returns how many.</summary>
    public async Task<int> DeleteStartedBeforeAsync(long startedBeforeMs, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _database.WithConnectionAsync(connection => SqlCommands.ExecuteAsync(connection, null,
                "DELETE FROM maintenance_runs WHERE started_ms < @before", cancellationToken, ("before", startedBeforeMs)), cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw _database.Failure("delete old maintenance runs", e);
        }
    }

    private static MaintenanceRunRecord Read(DbDataReader r) => new()
    {
        RunId = r.GetInt64(0),
        Table = new TableKey(r.GetString(1), r.GetString(2), r.GetString(3)),
        Action = r.GetString(4),
        Trigger = r.GetString(5),
        StartedMs = r.GetInt64(6),
        DurationMs = r.GetInt64(7),
        FilesRemoved = r.GetInt64(8),
        BytesRemoved = r.GetInt64(9),
        SnapshotsExpired = r.GetInt64(10),
        RowsExpired = r.GetInt64(11),
        Summary = r.GetString(12),
        Error = SqlCommands.NullableString(r, 13),
    };

    private async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, string action, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        try
        {
            return await _database.WithConnectionAsync(connection => SqlCommands.QueryAsync(connection, null, sql, map, cancellationToken, parameters), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw _database.Failure(action, e);
        }
    }
}
