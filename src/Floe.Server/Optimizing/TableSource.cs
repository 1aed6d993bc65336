using Floe.Catalog;
using Floe.Optimizing.PrimaryKeys;
using Floe.Optimizing.Targets;
using Floe.Server.Catalogs;
using Floe.Server.Store;
using Floe.Table.Operations;

namespace Floe.Server.Optimizing;

/// <summary>A table loaded for one round of optimizing: its format and its target.</summary>
public sealed record LoadedTable(TableKey Key, string Format, IOptimizingTarget Target);

/// <summary>Every table found, and the catalogs that could not be listed (their tables keep their state meanwhile).</summary>
public sealed record TableListing(IReadOnlyList<TableKey> Tables, IReadOnlyDictionary<string, string> UnreadableCatalogs);

/// <summary>Where the optimizing service finds tables: listing every table it manages and loading one as a target.</summary>
public interface ITableSource
{
    /// <summary>Every table of every catalog; a catalog that fails to list is reported, not fatal.</summary>
    Task<TableListing> ListTablesAsync(CancellationToken cancellationToken);

    /// <summary>The table as an optimizing target; NotFound when it is gone.</summary>
    Task<LoadedTable> LoadAsync(TableKey key, CancellationToken cancellationToken);
}

/// <summary>
/// Tables of the server's catalogs (internal and filesystem): primary-key tables are
/// <see cref="PrimaryKeyOptimizingTarget"/>s, plain Iceberg tables (whatever engine wrote them) <see cref="IcebergOptimizingTarget"/>s.
/// </summary>
public sealed class CatalogTableSource(ICatalogRegistry registry) : ITableSource
{
    public const string IcebergFormat = "iceberg";
    public const string PrimaryKeyFormat = "mixed";

    public async Task<TableListing> ListTablesAsync(CancellationToken cancellationToken)
    {
        var keys = new List<TableKey>();
        var unreadable = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (CatalogDescriptor descriptor in await registry.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                keys.AddRange(await ListCatalogAsync(registry, descriptor.Name, cancellationToken).ConfigureAwait(false));
            }
            catch (Common.Errors.FloeException e)
            {
                unreadable[descriptor.Name] = e.Message;
            }
        }

        return new TableListing(keys, unreadable);
    }

    /// <summary>Every table of one catalog, walking its namespaces.</summary>
    internal static async Task<List<TableKey>> ListCatalogAsync(ICatalogRegistry registry, string name, CancellationToken cancellationToken)
    {
        var keys = new List<TableKey>();
        ICatalog catalog = await registry.GetAsync(name, cancellationToken).ConfigureAwait(false);
        var pending = new Stack<Namespace>();
        pending.Push(Namespace.Empty);
        while (pending.Count > 0)
        {
            Namespace parent = pending.Pop();
            foreach (Namespace child in await catalog.ListNamespacesAsync(parent, cancellationToken).ConfigureAwait(false))
            {
                pending.Push(child);
            }

            if (!parent.IsEmpty)
            {
                foreach (TableIdentifier table in await catalog.ListTablesAsync(parent, cancellationToken).ConfigureAwait(false))
                {
                    keys.Add(new TableKey(name, parent.ToString(), table.Name));
                }
            }
        }

        return keys;
    }

    public async Task<LoadedTable> LoadAsync(TableKey key, CancellationToken cancellationToken)
    {
        (PrimaryKeys.PrimaryKeyTable? primaryKey, IcebergTable? table) = await OpenAsync(registry, key, cancellationToken).ConfigureAwait(false);
        return primaryKey is not null
            ? new LoadedTable(key, PrimaryKeyFormat, new PrimaryKeyOptimizingTarget(primaryKey))
            : new LoadedTable(key, IcebergFormat, new IcebergOptimizingTarget(table!));
    }

    /// <summary>
    /// The table, confined to its own folder: every file the server reads, writes or deletes for it must lie under
    /// the table's location, whatever its metadata names. A primary-key table comes back as the first, any other as
    /// the second.
    /// </summary>
    internal static async Task<(PrimaryKeys.PrimaryKeyTable? PrimaryKey, IcebergTable? Iceberg)> OpenAsync(ICatalogRegistry registry, TableKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ICatalog catalog = await registry.GetAsync(key.Catalog, cancellationToken).ConfigureAwait(false);
        var identifier = new TableIdentifier(Namespace.Parse(key.Namespace), key.Table);
        if (await catalog.IsPrimaryKeyTableAsync(identifier, cancellationToken).ConfigureAwait(false))
        {
            return (Confined(key.ToString(), await catalog.LoadPrimaryKeyTableAsync(identifier, cancellationToken).ConfigureAwait(false)), null);
        }

        ITableOperations operations = (await catalog.LoadTableAsync(identifier, cancellationToken).ConfigureAwait(false)).Operations;
        return (null, new IcebergTable($"{catalog.Name}.{identifier}", new ConfinedTableOperations(operations, operations.Current.Location)));
    }

    /// <summary>A primary-key table whose two stores are confined to the table's folder, the parent of the base store's location.</summary>
    private static PrimaryKeys.PrimaryKeyTable Confined(string name, PrimaryKeys.PrimaryKeyTable table)
    {
        string root = PrimaryKeys.Model.PrimaryKeyTableMetadata.Root(table.BaseTable.Operations.Current.Location);
        return new PrimaryKeys.PrimaryKeyTable(name, new ConfinedTableOperations(table.BaseTable.Operations, root), new ConfinedTableOperations(table.ChangeTable.Operations, root));
    }
}
