using Floe.Catalog;
using Floe.Common.Errors;
using Floe.Server.Catalogs;

namespace Floe.Server.Rest;

/// <summary>Looks a catalog up by name; an unknown one is a 404 <c>NoSuchWarehouseException</c>.</summary>
internal static class CatalogResolver
{
    public static async Task<ICatalog> GetAsync(ICatalogRegistry registry, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await registry.GetAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (FloeException e) when (e.Kind == FloeErrorKind.NotFound)
        {
            throw new IcebergRestException(404, IcebergErrorTypes.NoSuchWarehouse, $"Catalog '{name}' does not exist.", e);
        }
    }
}
