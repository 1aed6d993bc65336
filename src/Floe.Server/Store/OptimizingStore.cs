using System.Data.Common;
using Floe.Catalog;
using Floe.Catalog.Metastore;
using Floe.Catalog.Metastore.Sql;
using Floe.Common.Errors;

namespace Floe.Server.Store;

/// <summary>
/// What the optimizing service keeps in the metastore: optimizer groups, each table's optimizing state, and processes
/// with their tasks, so a restarted server resumes or cleanly ends what was in flight.
/// </summary>
public sealed class OptimizingStore
{
    private const string GroupColumns = "name, local_threads, properties, created_ms";
    private const string RuntimeColumns = "catalog_name, namespace, table_name, format, group_name, status, status_since_ms, optimizing_type, reason, " +
        "pending, health_score, state_key, last_minor_ms, last_major_ms, last_full_ms, last_plan_ms, process_id, last_error";
    private const string ProcessColumns = "process_id, catalog_name, namespace, table_name, group_name, format, optimizing_type, status, reason, plan, " +
        "from_state, started_ms, ended_ms, fail_reason, task_count, input_files, input_bytes, output_files, output_bytes, snapshot_id";
    private const string TaskColumns = "process_id, task_id, kind, input, status, attempt, retries, optimizer, thread, output, error, input_files, " +
        "input_bytes, output_files, output_bytes, started_ms, ended_ms";

    private readonly MetastoreDatabase _database;

    public OptimizingStore(MetastoreDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    public Task<List<OptimizerGroupRecord>> ListGroupsAsync(CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {GroupColumns} FROM optimizer_groups ORDER BY name", ReadGroup, "read optimizer groups", cancellationToken);

    /// <summary>Adds a group; AlreadyExists when the name is taken.</summary>
    public async Task CreateGroupAsync(OptimizerGroupRecord group, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        try
        {
            await ExecuteAsync($"INSERT INTO optimizer_groups ({GroupColumns}) VALUES (@name, @threads, @properties, @created)", cancellationToken,
                ("name", group.Name), ("threads", (long)group.LocalThreads), ("properties", PropertiesJson.ToText(group.Properties)), ("created", group.CreatedMs))
                .ConfigureAwait(false);
        }
        catch (DbException e) when (_database.IsUniqueViolation(e))
        {
            throw new FloeException(FloeErrorKind.AlreadyExists, $"Optimizer group {group.Name} already exists.", e);
        }
        catch (DbException e)
        {
            throw _database.Failure($"create optimizer group {group.Name}", e);
        }
    }

    /// <summary>Changes a group's local threads and properties; false when there is no such group.</summary>
    public async Task<bool> UpdateGroupAsync(OptimizerGroupRecord group, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(group);
        return await GuardAsync(
            () => ExecuteAsync("UPDATE optimizer_groups SET local_threads = @threads, properties = @properties WHERE name = @name", cancellationToken,
                ("threads", (long)group.LocalThreads), ("properties", PropertiesJson.ToText(group.Properties)), ("name", group.Name)),
            $"update optimizer group {group.Name}").ConfigureAwait(false) > 0;
    }

    /// <summary>Removes a group; false when there was none.</summary>
    public async Task<bool> DropGroupAsync(string name, CancellationToken cancellationToken = default) =>
        await GuardAsync(() => ExecuteAsync("DELETE FROM optimizer_groups WHERE name = @name", cancellationToken, ("name", name)), $"drop optimizer group {name}")
            .ConfigureAwait(false) > 0;

    public Task<List<TableRuntimeRecord>> ListRuntimesAsync(CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {RuntimeColumns} FROM table_runtimes", ReadRuntime, "read table runtimes", cancellationToken);

    /// <summary>Inserts or replaces a table's optimizing state.</summary>
    public Task SaveRuntimeAsync(TableRuntimeRecord runtime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        const string sql = $"INSERT INTO table_runtimes ({RuntimeColumns}) VALUES (@catalog, @namespace, @table, @format, @group, @status, @since, @type, " +
            "@reason, @pending, @health, @state, @minor, @major, @full, @plan, @process, @error) ON CONFLICT (catalog_name, namespace, table_name) DO UPDATE SET " +
            "format = excluded.format, group_name = excluded.group_name, status = excluded.status, status_since_ms = excluded.status_since_ms, " +
            "optimizing_type = excluded.optimizing_type, reason = excluded.reason, pending = excluded.pending, health_score = excluded.health_score, " +
            "state_key = excluded.state_key, last_minor_ms = excluded.last_minor_ms, last_major_ms = excluded.last_major_ms, " +
            "last_full_ms = excluded.last_full_ms, last_plan_ms = excluded.last_plan_ms, process_id = excluded.process_id, last_error = excluded.last_error";
        return RunGuardedAsync(() => ExecuteAsync(sql, cancellationToken,
            ("catalog", runtime.Key.Catalog), ("namespace", runtime.Key.Namespace), ("table", runtime.Key.Table), ("format", runtime.Format),
            ("group", runtime.Group), ("status", (long)runtime.Status), ("since", runtime.StatusSinceMs), ("type", runtime.OptimizingType),
            ("reason", runtime.Reason), ("pending", runtime.Pending), ("health", runtime.HealthScore), ("state", runtime.StateKey),
            ("minor", runtime.LastMinorMs), ("major", runtime.LastMajorMs), ("full", runtime.LastFullMs), ("plan", runtime.LastPlanMs),
            ("process", runtime.ProcessId), ("error", runtime.LastError)), $"save the optimizing state of {runtime.Key}");
    }

    /// <summary>Forgets a table (dropped from its catalog).</summary>
    public Task DeleteRuntimeAsync(TableKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return RunGuardedAsync(() => ExecuteAsync("DELETE FROM table_runtimes WHERE catalog_name = @catalog AND namespace = @namespace AND table_name = @table",
            cancellationToken, ("catalog", key.Catalog), ("namespace", key.Namespace), ("table", key.Table)), $"forget the optimizing state of {key}");
    }

    /// <summary>The highest process id ever used (0 when none).</summary>
    public async Task<long> MaxProcessIdAsync(CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync("SELECT MAX(process_id) FROM optimizing_processes", r => r.IsDBNull(0) ? 0L : r.GetInt64(0), "read process ids", cancellationToken)
            .ConfigureAwait(false);
        return rows.Count == 0 ? 0 : rows[0];
    }

    /// <summary>Stores a new process and its tasks in one transaction.</summary>
    public async Task InsertProcessAsync(OptimizingProcessRecord process, IReadOnlyList<OptimizingTaskRecord> tasks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(tasks);
        try
        {
            await _database.InTransactionAsync(async (connection, transaction) =>
            {
                await SqlCommands.ExecuteAsync(connection, transaction, $"INSERT INTO optimizing_processes ({ProcessColumns}) VALUES ({ProcessValues})",
                    cancellationToken, ProcessParameters(process)).ConfigureAwait(false);
                foreach (OptimizingTaskRecord task in tasks)
                {
                    await SqlCommands.ExecuteAsync(connection, transaction, $"INSERT INTO optimizing_tasks ({TaskColumns}) VALUES ({TaskValues})",
                        cancellationToken, TaskParameters(task)).ConfigureAwait(false);
                }

                return 0;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw _database.Failure($"store optimizing process {process.ProcessId}", e);
        }
    }

    /// <summary>Deletes the processes (and their tasks) that ended before <paramref name="endedBeforeMs"/>; returns how many.</summary>
    public async Task<int> DeleteProcessesEndedBeforeAsync(long endedBeforeMs, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _database.InTransactionAsync(async (connection, transaction) =>
            {
                await SqlCommands.ExecuteAsync(connection, transaction,
                    "DELETE FROM optimizing_tasks WHERE process_id IN (SELECT process_id FROM optimizing_processes WHERE ended_ms < @before)", cancellationToken,
                    ("before", endedBeforeMs)).ConfigureAwait(false);
                return await SqlCommands.ExecuteAsync(connection, transaction, "DELETE FROM optimizing_processes WHERE ended_ms < @before", cancellationToken,
                    ("before", endedBeforeMs)).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw _database.Failure("delete old optimizing processes", e);
        }
    }

    /// <summary>Updates a process's status and totals.</summary>
    public Task SaveProcessAsync(OptimizingProcessRecord process, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        return RunGuardedAsync(() => ExecuteAsync(
            "UPDATE optimizing_processes SET status = @status, ended_ms = @ended, fail_reason = @fail, output_files = @output_files, " +
            "output_bytes = @output_bytes, snapshot_id = @snapshot WHERE process_id = @id", cancellationToken,
            ("status", process.Status), ("ended", process.EndedMs), ("fail", process.FailReason), ("output_files", process.OutputFiles),
            ("output_bytes", process.OutputBytes), ("snapshot", process.SnapshotId), ("id", process.ProcessId)), $"update optimizing process {process.ProcessId}");
    }

    /// <summary>Updates a task's status, attempt and result.</summary>
    public Task SaveTaskAsync(OptimizingTaskRecord task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        return RunGuardedAsync(() => ExecuteAsync(
            "UPDATE optimizing_tasks SET status = @status, attempt = @attempt, retries = @retries, optimizer = @optimizer, thread = @thread, " +
            "output = @output, error = @error, output_files = @output_files, output_bytes = @output_bytes, started_ms = @started, ended_ms = @ended " +
            "WHERE process_id = @process AND task_id = @task", cancellationToken,
            ("status", task.Status), ("attempt", (long)task.Attempt), ("retries", (long)task.Retries), ("optimizer", task.Optimizer),
            ("thread", task.Thread is int t ? (long)t : null), ("output", task.Output), ("error", task.Error), ("output_files", task.OutputFiles),
            ("output_bytes", task.OutputBytes), ("started", task.StartedMs), ("ended", task.EndedMs), ("process", task.ProcessId), ("task", (long)task.TaskId)),
            $"update task {task.TaskId} of optimizing process {task.ProcessId}");
    }

    /// <summary>Processes newest first, optionally of one table and/or in one status.</summary>
    public Task<List<OptimizingProcessRecord>> ListProcessesAsync(TableKey? table, string? status, int limit, CancellationToken cancellationToken = default)
    {
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        if (table is not null)
        {
            where.Add("catalog_name = @catalog AND namespace = @namespace AND table_name = @table");
            parameters.AddRange([("catalog", table.Catalog), ("namespace", table.Namespace), ("table", table.Table)]);
        }

        if (status is not null)
        {
            where.Add("status = @status");
            parameters.Add(("status", status));
        }

        parameters.Add(("limit", (long)limit));
        string filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
        return QueryAsync($"SELECT {ProcessColumns} FROM optimizing_processes{filter} ORDER BY process_id DESC LIMIT @limit", ReadProcess,
            "read optimizing processes", cancellationToken, [.. parameters]);
    }

    public async Task<OptimizingProcessRecord?> GetProcessAsync(long processId, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync($"SELECT {ProcessColumns} FROM optimizing_processes WHERE process_id = @id", ReadProcess, $"read optimizing process {processId}",
            cancellationToken, ("id", processId)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task<List<OptimizingTaskRecord>> ListTasksAsync(long processId, CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {TaskColumns} FROM optimizing_tasks WHERE process_id = @id ORDER BY task_id", ReadTask, $"read the tasks of optimizing process {processId}",
            cancellationToken, ("id", processId));

    private const string ProcessValues = "@process_id, @catalog, @namespace, @table, @group, @format, @type, @status, @reason, @plan, @from_state, @started, " +
        "@ended, @fail, @task_count, @input_files, @input_bytes, @output_files, @output_bytes, @snapshot";

    private const string TaskValues = "@process, @task, @kind, @input, @status, @attempt, @retries, @optimizer, @thread, @output, @error, @input_files, " +
        "@input_bytes, @output_files, @output_bytes, @started, @ended";

    private static (string, object?)[] ProcessParameters(OptimizingProcessRecord p) =>
    [
        ("process_id", p.ProcessId), ("catalog", p.Table.Catalog), ("namespace", p.Table.Namespace), ("table", p.Table.Table), ("group", p.Group),
        ("format", p.Format), ("type", p.OptimizingType), ("status", p.Status), ("reason", p.Reason), ("plan", p.Plan), ("from_state", p.FromState),
        ("started", p.StartedMs), ("ended", p.EndedMs), ("fail", p.FailReason), ("task_count", (long)p.TaskCount), ("input_files", p.InputFiles),
        ("input_bytes", p.InputBytes), ("output_files", p.OutputFiles), ("output_bytes", p.OutputBytes), ("snapshot", p.SnapshotId),
    ];

    private static (string, object?)[] TaskParameters(OptimizingTaskRecord t) =>
    [
        ("process", t.ProcessId), ("task", (long)t.TaskId), ("kind", t.Kind), ("input", t.Input), ("status", t.Status), ("attempt", (long)t.Attempt),
        ("retries", (long)t.Retries), ("optimizer", t.Optimizer), ("thread", t.Thread is int thread ? (long)thread : null), ("output", t.Output),
        ("error", t.Error), ("input_files", t.InputFiles), ("input_bytes", t.InputBytes), ("output_files", t.OutputFiles), ("output_bytes", t.OutputBytes),
        ("started", t.StartedMs), ("ended", t.EndedMs),
    ];

    private static OptimizerGroupRecord ReadGroup(DbDataReader r) =>
        new(r.GetString(0), (int)r.GetInt64(1), PropertiesJson.Parse(r.GetString(2), $"the properties of optimizer group {r.GetString(0)}"), r.GetInt64(3));

    private static TableRuntimeRecord ReadRuntime(DbDataReader r) => new()
    {
        Key = new TableKey(r.GetString(0), r.GetString(1), r.GetString(2)),
        Format = r.GetString(3),
        Group = r.GetString(4),
        Status = (int)r.GetInt64(5),
        StatusSinceMs = r.GetInt64(6),
        OptimizingType = SqlCommands.NullableString(r, 7),
        Reason = r.GetString(8),
        Pending = r.GetString(9),
        HealthScore = r.GetDouble(10),
        StateKey = r.GetString(11),
        LastMinorMs = r.GetInt64(12),
        LastMajorMs = r.GetInt64(13),
        LastFullMs = r.GetInt64(14),
        LastPlanMs = r.GetInt64(15),
        ProcessId = SqlCommands.NullableLong(r, 16),
        LastError = SqlCommands.NullableString(r, 17),
    };

    private static OptimizingProcessRecord ReadProcess(DbDataReader r) => new()
    {
        ProcessId = r.GetInt64(0),
        Table = new TableKey(r.GetString(1), r.GetString(2), r.GetString(3)),
        Group = r.GetString(4),
        Format = r.GetString(5),
        OptimizingType = r.GetString(6),
        Status = r.GetString(7),
        Reason = r.GetString(8),
        Plan = r.GetString(9),
        FromState = r.GetString(10),
        StartedMs = r.GetInt64(11),
        EndedMs = SqlCommands.NullableLong(r, 12),
        FailReason = SqlCommands.NullableString(r, 13),
        TaskCount = (int)r.GetInt64(14),
        InputFiles = r.GetInt64(15),
        InputBytes = r.GetInt64(16),
        OutputFiles = r.GetInt64(17),
        OutputBytes = r.GetInt64(18),
        SnapshotId = SqlCommands.NullableLong(r, 19),
    };

    private static OptimizingTaskRecord ReadTask(DbDataReader r) => new()
    {
        ProcessId = r.GetInt64(0),
        TaskId = (int)r.GetInt64(1),
        Kind = r.GetString(2),
        Input = r.GetString(3),
        Status = r.GetString(4),
        Attempt = (int)r.GetInt64(5),
        Retries = (int)r.GetInt64(6),
        Optimizer = SqlCommands.NullableString(r, 7),
        Thread = (int?)SqlCommands.NullableLong(r, 8),
        Output = SqlCommands.NullableString(r, 9),
        Error = SqlCommands.NullableString(r, 10),
        InputFiles = r.GetInt64(11),
        InputBytes = r.GetInt64(12),
        OutputFiles = r.GetInt64(13),
        OutputBytes = r.GetInt64(14),
        StartedMs = SqlCommands.NullableLong(r, 15),
        EndedMs = SqlCommands.NullableLong(r, 16),
    };

    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters) =>
        _database.WithConnectionAsync(connection => SqlCommands.ExecuteAsync(connection, null, sql, cancellationToken, parameters), cancellationToken);

    private async Task<T> GuardAsync<T>(Func<Task<T>> work, string action)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw _database.Failure(action, e);
        }
    }

    private async Task RunGuardedAsync(Func<Task<int>> work, string action) => await GuardAsync(work, action).ConfigureAwait(false);

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
