using System.Data.Common;
using Floe.Catalog.Metastore.Sql;
using Floe.Common.Errors;

namespace Floe.Catalog.Metastore;

/// <summary>Creates, lists and drops the internal catalogs of a metastore.</summary>
public sealed class InternalCatalogStore
{
    private readonly MetastoreDatabase _database;

    internal InternalCatalogStore(MetastoreDatabase database) => _database = database;

    /// <summary>Adds a catalog; AlreadyExists when the name is taken.</summary>
    public async Task<CatalogRecord> CreateAsync(string name, string warehouse, IReadOnlyDictionary<string, string>? properties = null, CancellationToken cancellationToken = default)
    {
        CatalogNames.Check(name, "catalog name");
        ArgumentException.ThrowIfNullOrEmpty(warehouse);
        var record = new CatalogRecord(name, warehouse, properties ?? new Dictionary<string, string>(), _database.NowMs());
        try
        {
            await _database.WithConnectionAsync(connection => SqlCommands.ExecuteAsync(connection, null,
                "INSERT INTO catalogs (name, warehouse, properties, created_ms) VALUES (@name, @warehouse, @properties, @created)", cancellationToken,
                ("name", name), ("warehouse", warehouse), ("properties", PropertiesJson.ToText(record.Properties)), ("created", record.CreatedMs)),
                cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e) when (_database.Dialect.IsUniqueViolation(e))
        {
            throw new FloeException(FloeErrorKind.AlreadyExists, $"Catalog {name} already exists.", e);
        }
        catch (DbException e)
        {
            throw _database.Failure($"create catalog {name}", e);
        }

        return record;
    }

    /// <summary>The catalog of that name, or null.</summary>
    public async Task<CatalogRecord?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var rows = await QueryAsync("SELECT name, warehouse, properties, created_ms FROM catalogs WHERE name = @name", cancellationToken, ("name", name)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Every catalog, sorted by name.</summary>
    public async Task<IReadOnlyList<CatalogRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync("SELECT name, warehouse, properties, created_ms FROM catalogs", cancellationToken).ConfigureAwait(false);
        rows.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return rows;
    }

    /// <summary>Drops an empty catalog; false when there was none, NotEmpty while it holds namespaces.</summary>
    public async Task<bool> DropAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        try
        {
            return await _database.InTransactionAsync(async (connection, transaction) =>
            {
                using var count = SqlCommands.Create(connection, transaction, "SELECT COUNT(*) FROM namespaces WHERE catalog_name = @name", ("name", name));
                if (Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    throw new FloeException(FloeErrorKind.NotEmpty, $"Cannot drop catalog {name}: it still holds namespaces.");
                }

                return await SqlCommands.ExecuteAsync(connection, transaction, "DELETE FROM catalogs WHERE name = @name", cancellationToken, ("name", name)).ConfigureAwait(false) > 0;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw _database.Failure($"drop catalog {name}", e);
        }
    }

    private async Task<List<CatalogRecord>> QueryAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        try
        {
            return await _database.WithConnectionAsync(connection => SqlCommands.QueryAsync(connection, null, sql,
                reader => new CatalogRecord(reader.GetString(0), reader.GetString(1), PropertiesJson.Parse(reader.GetString(2), $"catalog {reader.GetString(0)}"), reader.GetInt64(3)),
                cancellationToken, parameters), cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw _database.Failure("read catalogs", e);
        }
    }
}
