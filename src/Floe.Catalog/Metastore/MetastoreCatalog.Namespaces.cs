using Floe.Catalog.Metastore.Sql;
using Floe.Common.Errors;

namespace Floe.Catalog.Metastore;

/// <summary>Namespaces: rows keyed by their encoded levels, with a parent column for listing and properties as JSON.</summary>
public sealed partial class MetastoreCatalog
{
    public Task CreateNamespaceAsync(Namespace @namespace, CancellationToken cancellationToken = default) =>
        CreateNamespaceAsync(@namespace, new Dictionary<string, string>(), cancellationToken);

    /// <summary>Creates the namespace; enclosing namespaces that do not exist yet are created too, without properties.</summary>
    public Task CreateNamespaceAsync(Namespace @namespace, IReadOnlyDictionary<string, string> properties, CancellationToken cancellationToken = default)
    {
        CheckNotRoot(@namespace);
        ArgumentNullException.ThrowIfNull(properties);
        string json = PropertiesJson.ToText(properties);
        return WriteAsync($"create namespace {@namespace}", async (connection, transaction) =>
        {
            if (await NamespaceRowExistsAsync(connection, transaction, @namespace, cancellationToken).ConfigureAwait(false))
            {
                throw new FloeException(FloeErrorKind.AlreadyExists, $"Namespace {@namespace} already exists.");
            }

            long now = _database.NowMs();
            for (var ancestor = @namespace.Parent; ancestor is { IsEmpty: false }; ancestor = ancestor.Parent)
            {
                await SqlCommands.ExecuteAsync(connection, transaction,
                    "INSERT INTO namespaces (catalog_name, namespace, parent, properties, created_ms) VALUES (@catalog, @ns, @parent, '{}', @now) " +
                    "ON CONFLICT (catalog_name, namespace) DO NOTHING", cancellationToken,
                    ("catalog", Record.Name), ("ns", NamespaceKey.Encode(ancestor)), ("parent", NamespaceKey.Parent(ancestor)), ("now", now)).ConfigureAwait(false);
            }

            try
            {
                await SqlCommands.ExecuteAsync(connection, transaction,
                    "INSERT INTO namespaces (catalog_name, namespace, parent, properties, created_ms) VALUES (@catalog, @ns, @parent, @properties, @now)", cancellationToken,
                    ("catalog", Record.Name), ("ns", NamespaceKey.Encode(@namespace)), ("parent", NamespaceKey.Parent(@namespace)), ("properties", json), ("now", now)).ConfigureAwait(false);
            }
            catch (System.Data.Common.DbException e) when (_database.Dialect.IsUniqueViolation(e))
            {
                throw new FloeException(FloeErrorKind.AlreadyExists, $"Namespace {@namespace} already exists.", e);
            }

            return true;
        }, cancellationToken);
    }

    public Task<bool> NamespaceExistsAsync(Namespace @namespace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        return @namespace.IsEmpty
            ? Task.FromResult(true)
            : ReadAsync($"find namespace {@namespace}", connection => NamespaceRowExistsAsync(connection, null, @namespace, cancellationToken), cancellationToken);
    }

    public async Task<IReadOnlyList<Namespace>> ListNamespacesAsync(Namespace parent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var keys = await ReadAsync($"list namespaces in {parent}", async connection =>
        {
            if (!parent.IsEmpty && !await NamespaceRowExistsAsync(connection, null, parent, cancellationToken).ConfigureAwait(false))
            {
                throw NoSuchNamespace(parent);
            }

            return await SqlCommands.QueryAsync(connection, null,
                "SELECT namespace FROM namespaces WHERE catalog_name = @catalog AND parent = @parent",
                reader => reader.GetString(0), cancellationToken, ("catalog", Record.Name), ("parent", NamespaceKey.Encode(parent))).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        keys.Sort(StringComparer.Ordinal);
        return [.. keys.Select(NamespaceKey.Decode)];
    }

    public Task<bool> DropNamespaceAsync(Namespace @namespace, CancellationToken cancellationToken = default)
    {
        CheckNotRoot(@namespace);
        string key = NamespaceKey.Encode(@namespace);
        return WriteAsync($"drop namespace {@namespace}", async (connection, transaction) =>
        {
            if (!await NamespaceRowExistsAsync(connection, transaction, @namespace, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            using var count = SqlCommands.Create(connection, transaction,
                "SELECT (SELECT COUNT(*) FROM tables WHERE catalog_name = @catalog AND namespace = @ns) + " +
                "(SELECT COUNT(*) FROM namespaces WHERE catalog_name = @catalog AND parent = @ns)",
                ("catalog", Record.Name), ("ns", key));
            if (Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                throw new FloeException(FloeErrorKind.NotEmpty, $"Cannot drop namespace {@namespace}: it is not empty.");
            }

            try
            {
                return await SqlCommands.ExecuteAsync(connection, transaction,
                    "DELETE FROM namespaces WHERE catalog_name = @catalog AND namespace = @ns", cancellationToken,
                    ("catalog", Record.Name), ("ns", key)).ConfigureAwait(false) > 0;
            }
            catch (System.Data.Common.DbException e) when (_database.Dialect.IsForeignKeyViolation(e))
            {
                // A table was created in it meanwhile.
                throw new FloeException(FloeErrorKind.NotEmpty, $"Cannot drop namespace {@namespace}: it is not empty.", e);
            }
        }, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, string>> LoadNamespacePropertiesAsync(Namespace @namespace, CancellationToken cancellationToken = default)
    {
        CheckNotRoot(@namespace);
        string? json = await ReadAsync($"load namespace {@namespace}", connection => ReadPropertiesAsync(connection, null, @namespace, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        return json is null ? throw NoSuchNamespace(@namespace) : PropertiesJson.Parse(json, $"namespace {@namespace}");
    }

    public Task<NamespacePropertiesChange> UpdateNamespacePropertiesAsync(
        Namespace @namespace,
        IReadOnlyCollection<string> removals,
        IReadOnlyDictionary<string, string> updates,
        CancellationToken cancellationToken = default)
    {
        CheckNotRoot(@namespace);
        ArgumentNullException.ThrowIfNull(removals);
        ArgumentNullException.ThrowIfNull(updates);
        return WriteAsync($"update namespace {@namespace}", async (connection, transaction) =>
        {
            string json = await ReadPropertiesAsync(connection, transaction, @namespace, cancellationToken, forUpdate: true).ConfigureAwait(false)
                ?? throw NoSuchNamespace(@namespace);
            var properties = PropertiesJson.Parse(json, $"namespace {@namespace}");
            var change = PropertiesJson.Apply(properties, removals, updates, $"namespace {@namespace}");
            await SqlCommands.ExecuteAsync(connection, transaction,
                "UPDATE namespaces SET properties = @properties WHERE catalog_name = @catalog AND namespace = @ns", cancellationToken,
                ("properties", PropertiesJson.ToText(properties)), ("catalog", Record.Name), ("ns", NamespaceKey.Encode(@namespace))).ConfigureAwait(false);
            return change;
        }, cancellationToken);
    }

    private async Task<string?> ReadPropertiesAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, Namespace @namespace, CancellationToken cancellationToken, bool forUpdate = false)
    {
        var rows = await SqlCommands.QueryAsync(connection, transaction,
            "SELECT properties FROM namespaces WHERE catalog_name = @catalog AND namespace = @ns" + (forUpdate ? _database.Dialect.ForUpdate : ""),
            reader => reader.GetString(0), cancellationToken, ("catalog", Record.Name), ("ns", NamespaceKey.Encode(@namespace))).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }
}
