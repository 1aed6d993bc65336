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
    ];

    /// <summary>Brings the database to the latest version; returns that version.</summary>
    public static async Task<int> ApplyAsync(SqlDialect dialect, string where, CancellationToken cancellationToken)
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
