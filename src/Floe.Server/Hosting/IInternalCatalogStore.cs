using Floe.Catalog;
using Floe.Server.Catalogs;

namespace Floe.Server.Hosting;

/// <summary>The internal catalogs as the metastore keeps them, and the way to open one as an <see cref="ICatalog"/>.</summary>
public interface IInternalCatalogStore
{
    /// <summary>Every internal catalog, sorted by name.</summary>
    Task<IReadOnlyList<CatalogDescriptor>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The internal catalog of that name, or null.</summary>
    Task<CatalogDescriptor?> FindAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Adds an internal catalog; AlreadyExists when one of that name exists.</summary>
    Task<CatalogDescriptor> CreateAsync(string name, string warehouse, IReadOnlyDictionary<string, string> properties, CancellationToken cancellationToken = default);

    /// <summary>Removes an internal catalog; false when there was none, NotEmpty while it holds namespaces or tables.</summary>
    Task<bool> DropAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>The catalog's namespaces and tables; NotFound when the catalog no longer exists.</summary>
    Task<ICatalog> OpenAsync(CatalogDescriptor catalog, CancellationToken cancellationToken = default);
}
