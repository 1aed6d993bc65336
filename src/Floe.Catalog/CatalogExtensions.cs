using Floe.Table.Operations;

namespace Floe.Catalog;

/// <summary>Conveniences over <see cref="ICatalog"/>.</summary>
public static class CatalogExtensions
{
    /// <summary>Loads a table as an <see cref="IcebergTable"/> that commits through this catalog.</summary>
    public static async Task<IcebergTable> OpenTableAsync(this ICatalog catalog, TableIdentifier identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(identifier);
        var operations = await catalog.LoadTableOperationsAsync(identifier, cancellationToken).ConfigureAwait(false);
        return new IcebergTable($"{catalog.Name}.{identifier}", operations);
    }
}
