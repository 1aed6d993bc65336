using Floe.Common.Errors;
using Floe.Core.Properties;
using Floe.PrimaryKeys;
using Floe.Server.Catalogs;
using Floe.Server.Optimizing;
using Floe.Server.Store;
using Floe.Table.Operations;

namespace Floe.Server.Maintenance;

/// <summary>A table loaded for one maintenance run: a primary-key table or a plain Iceberg table.</summary>
public sealed record MaintainedTable(TableKey Key, PrimaryKeyTable? PrimaryKey, IcebergTable? Iceberg)
{
    /// <summary>The properties that decide what the table takes part in (a primary-key table's base store's).</summary>
    public TableSettings Settings => PrimaryKey?.BaseTable.Metadata.Settings ?? Iceberg!.Metadata.Settings;
}

/// <summary>Where the scheduler finds tables: every table of the server's internal catalogs.</summary>
public interface IMaintenanceTables
{
    Task<IReadOnlyList<TableKey>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The table; NotFound when it is gone, Unsupported when its catalog is not an internal one.</summary>
    Task<MaintainedTable> LoadAsync(TableKey key, CancellationToken cancellationToken);
}

/// <summary>Tables of the internal catalogs of the server's registry, confined to their folders as optimizing loads them.</summary>
public sealed class CatalogMaintenanceTables(ICatalogRegistry registry) : IMaintenanceTables
{
    public async Task<IReadOnlyList<TableKey>> ListAsync(CancellationToken cancellationToken)
    {
        var keys = new List<TableKey>();
        foreach (CatalogDescriptor descriptor in await registry.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (descriptor.Kind == CatalogKind.Internal)
            {
                keys.AddRange(await CatalogTableSource.ListCatalogAsync(registry, descriptor.Name, cancellationToken).ConfigureAwait(false));
            }
        }

        return keys;
    }

    public async Task<MaintainedTable> LoadAsync(TableKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        CatalogDescriptor? descriptor = (await registry.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(c => c.Name == key.Catalog);
        if (descriptor is { Kind: not CatalogKind.Internal })
        {
            throw new FloeException(FloeErrorKind.Unsupported, $"Catalog {key.Catalog} is not an internal catalog; the server maintains tables of its internal catalogs only.");
        }

        (PrimaryKeyTable? primaryKey, IcebergTable? iceberg) = await CatalogTableSource.OpenAsync(registry, key, cancellationToken).ConfigureAwait(false);
        return new MaintainedTable(key, primaryKey, iceberg);
    }
}
