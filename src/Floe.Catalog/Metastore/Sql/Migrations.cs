using System.Data.Common;
using System.Globalization;
using Floe.Common.Errors;

namespace Floe.Catalog.Metastore.Sql;

/// <summary>
/// The metastore schema as an ordered list of migrations. Opening a metastore applies the ones its
/// <c>schema_version</c> table has not seen, in one transaction, so a database is always at a whole version; a
/// database newer than this build is refused rather than written by code that does not know its schema.
/// </summary>
internal static class Migrations
{
    /// <summary>The statements of each version; index 0 is version 1.</summary>
    public static IReadOnlyList<string[]> Steps(SqlDialect dialect) =>
    [
        [
            "CREATE TABLE schema_version (version BIGINT NOT NULL PRIMARY KEY, applied_ms BIGINT NOT NULL)",
            "CREATE TABLE catalogs (name TEXT NOT NULL PRIMARY KEY, warehouse TEXT NOT NULL, properties TEXT NOT NULL, created_ms BIGINT NOT NULL)",
            "CREATE TABLE namespaces (catalog_name TEXT NOT NULL REFERENCES catalogs(name) ON DELETE CASCADE, namespace TEXT NOT NULL, parent TEXT NOT NULL, " +
                "properties TEXT NOT NULL, created_ms BIGINT NOT NULL, PRIMARY KEY (catalog_name, namespace))",
            "CREATE INDEX namespaces_by_parent ON namespaces (catalog_name, parent)",
            "CREATE TABLE tables (catalog_name TEXT NOT NULL, namespace TEXT NOT NULL, table_name TEXT NOT NULL, format TEXT NOT NULL, " +
                "location TEXT NOT NULL, metadata_location TEXT NOT NULL, change_metadata_location TEXT NULL, created_ms BIGINT NOT NULL, updated_ms BIGINT NOT NULL, " +
                "PRIMARY KEY (catalog_name, namespace, table_name), " +
                "FOREIGN KEY (catalog_name, namespace) REFERENCES namespaces (catalog_name, namespace))",
            $"CREATE TABLE tokens (name TEXT NOT NULL PRIMARY KEY, secret_hash TEXT NOT NULL UNIQUE, is_admin {dialect.BooleanType} NOT NULL, " +
                $"catalogs TEXT NULL, created_ms BIGINT NOT NULL, revoked {dialect.BooleanType} NOT NULL)",
        ],
        [
            "CREATE TABLE optimizer_groups (name TEXT NOT NULL PRIMARY KEY, local_threads BIGINT NOT NULL, properties TEXT NOT NULL, created_ms BIGINT NOT NULL)",
            "CREATE TABLE table_runtimes (catalog_name TEXT NOT NULL, namespace TEXT NOT NULL, table_name TEXT NOT NULL, format TEXT NOT NULL, " +
                "group_name TEXT NOT NULL, status BIGINT NOT NULL, status_since_ms BIGINT NOT NULL, optimizing_type TEXT NULL, reason TEXT NOT NULL, " +
                "pending TEXT NOT NULL, health_score DOUBLE PRECISION NOT NULL, state_key TEXT NOT NULL, last_minor_ms BIGINT NOT NULL, " +
                "last_major_ms BIGINT NOT NULL, last_full_ms BIGINT NOT NULL, last_plan_ms BIGINT NOT NULL, process_id BIGINT NULL, last_error TEXT NULL, " +
                "PRIMARY KEY (catalog_name, namespace, table_name))",
            "CREATE TABLE optimizing_processes (process_id BIGINT NOT NULL PRIMARY KEY, catalog_name TEXT NOT NULL, namespace TEXT NOT NULL, " +
                "table_name TEXT NOT NULL, group_name TEXT NOT NULL, format TEXT NOT NULL, optimizing_type TEXT NOT NULL, status TEXT NOT NULL, " +
                "reason TEXT NOT NULL, plan TEXT NOT NULL, from_state TEXT NOT NULL, started_ms BIGINT NOT NULL, ended_ms BIGINT NULL, fail_reason TEXT NULL, " +
                "task_count BIGINT NOT NULL, input_files BIGINT NOT NULL, input_bytes BIGINT NOT NULL, output_files BIGINT NOT NULL, " +
                "output_bytes BIGINT NOT NULL, snapshot_id BIGINT NULL)",
            "CREATE INDEX optimizing_processes_by_table ON optimizing_processes (catalog_name, namespace, table_name, process_id)",
            "CREATE INDEX optimizing_processes_by_status ON optimizing_processes (status)",
            "CREATE TABLE optimizing_tasks (process_id BIGINT NOT NULL REFERENCES optimizing_processes(process_id) ON DELETE CASCADE, " +
                "task_id BIGINT NOT NULL, kind TEXT NOT NULL, input TEXT NOT NULL, status TEXT NOT NULL, attempt BIGINT NOT NULL, retries BIGINT NOT NULL, " +
                "optimizer TEXT NULL, thread BIGINT NULL, output TEXT NULL, error TEXT NULL, input_files BIGINT NOT NULL, input_bytes BIGINT NOT NULL, " +
                "output_files BIGINT NOT NULL, output_bytes BIGINT NOT NULL, started_ms BIGINT NULL, ended_ms BIGINT NULL, PRIMARY KEY (process_id, task_id))",
        ],
        [
            "CREATE TABLE maintenance_runs (run_id BIGINT NOT NULL PRIMARY KEY, catalog_name TEXT NOT NULL, namespace TEXT NOT NULL, table_name TEXT NOT NULL, " +
                "action TEXT NOT NULL, trigger_kind TEXT NOT NULL, started_ms BIGINT NOT NULL, duration_ms BIGINT NOT NULL, files_removed BIGINT NOT NULL, " +
                "bytes_removed BIGINT NOT NULL, snapshots_expired BIGINT NOT NULL, rows_expired BIGINT NOT NULL, summary TEXT NOT NULL, error TEXT NULL)",
            "CREATE INDEX maintenance_runs_by_table ON maintenance_runs (catalog_name, namespace, table_name, run_id)",
            "CREATE INDEX maintenance_runs_by_start ON maintenance_runs (started_ms)",
        ],
    ];

    /// <summary>
    /// Brings the database to the latest version; returns that version. A database without the Floe schema is only
    /// given one when it was blank (first start) or <paramref name="initialize"/> says so: an empty or foreign file
    /// must not silently become a new, empty metastore while the warehouses still hold tables.
    /// </summary>
    public static async Task<int> ApplyAsync(SqlDialect dialect, string where, bool initialize, CancellationToken cancellationToken)
    {
        await dialect.PrepareDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await dialect.LockForMigrationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                int current = await CurrentVersionAsync(dialect, connection, transaction, cancellationToken).ConfigureAwait(false);
                var steps = Steps(dialect);
                if (current == 0 && !initialize && !await dialect.WasBlankAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
                {
                    throw new FloeException(FloeErrorKind.Environment,
                        $"The metastore {where} exists but holds no Floe metastore (it is empty or belongs to something else). If it is a lost "
                        + "metastore, restore it from a backup; to create a new, empty metastore in it, start once with "
                        + "'metastore.initialize: true' (or FLOE_METASTORE_INITIALIZE=true).");
                }

                if (current > steps.Count)
                {
                    throw new FloeException(FloeErrorKind.Unsupported,
                        $"The metastore {where} has schema version {current}, newer than the {steps.Count} this Floe knows; upgrade Floe.");
                }

                for (int version = current + 1; version <= steps.Count; version++)
                {
                    foreach (string statement in steps[version - 1])
                    {
                        await SqlCommands.ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
                    }

                    await SqlCommands.ExecuteAsync(connection, transaction,
                        "INSERT INTO schema_version (version, applied_ms) VALUES (@version, @now)", cancellationToken,
                        ("version", (long)version), ("now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return steps.Count;
            }
        }
    }

    private static async Task<int> CurrentVersionAsync(SqlDialect dialect, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (!await dialect.HasVersionTableAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        using var command = SqlCommands.Create(connection, transaction, "SELECT MAX(version) FROM schema_version");
        object? value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }
}
