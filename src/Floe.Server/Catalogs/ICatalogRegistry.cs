using Floe.Catalog;

namespace Floe.Server.Catalogs;

/// <summary>
/// The catalogs one server serves, by name: internal catalogs kept in the metastore and external catalogs (a
/// filesystem warehouse) from the configuration. The REST routes resolve their prefix or <c>warehouse</c> here.
/// </summary>
public interface ICatalogRegistry
{
    /// <summary>The catalog used when a request names none (no prefix and no <c>warehouse</c>).</summary>
    string DefaultCatalogName { get; }

    /// <summary>The catalog of that name; a NotFound <see cref="Floe.Common.Errors.FloeException"/> when there is none.</summary>
    Task<ICatalog> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every catalog, sorted by name.</summary>
    Task<IReadOnlyList<CatalogDescriptor>> ListAsync(CancellationToken cancellationToken = default);
}
