using Floe.Catalog;
using Floe.Server.Catalogs;
using Floe.Server.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Floe.Server.Rest;

/// <summary>
/// One REST request after its catalog was resolved: the prefix (or the default catalog when there is none), the
/// access check, and the route's namespace and table.
/// </summary>
internal sealed class RestCall
{
    private RestCall(HttpContext http, string catalogName, ICatalog catalog, IcebergRestOptions options)
    {
        Http = http;
        CatalogName = catalogName;
        Catalog = catalog;
        Options = options;
    }

    public HttpContext Http { get; }

    public string CatalogName { get; }

    public ICatalog Catalog { get; }

    public IcebergRestOptions Options { get; }

    public CancellationToken Aborted => Http.RequestAborted;

    public static async Task<RestCall> ResolveAsync(HttpContext http, IcebergRestOptions options)
    {
        var registry = http.RequestServices.GetRequiredService<ICatalogRegistry>();
        string name = http.GetRouteValue("prefix") as string ?? registry.DefaultCatalogName;
        RequestAccess.RequireCatalog(http, name);
        var catalog = await CatalogResolver.GetAsync(registry, name, http.RequestAborted).ConfigureAwait(false);
        return new RestCall(http, name, catalog, options);
    }

    /// <summary>The namespace in the route's <c>{namespace}</c> segment.</summary>
    public Namespace Namespace() => NamespacePath.Parse(RouteValue("namespace"));

    /// <summary>The table in the route's <c>{namespace}</c> and <c>{table}</c> segments.</summary>
    public TableIdentifier Table() => new(Namespace(), RouteValue("table"));

    /// <summary>Refuses <paramref name="location"/> (400) unless it lies inside this catalog's warehouse.</summary>
    public async Task RequireInsideWarehouseAsync(string location, string what)
    {
        var registry = Http.RequestServices.GetRequiredService<ICatalogRegistry>();
        var catalogs = await registry.ListAsync(Aborted).ConfigureAwait(false);
        var descriptor = catalogs.FirstOrDefault(c => string.Equals(c.Name, CatalogName, StringComparison.Ordinal))
            ?? throw new IcebergRestException(404, IcebergErrorTypes.NoSuchWarehouse, $"Catalog '{CatalogName}' does not exist.");
        WarehouseLocations.RequireInside(location, descriptor.Warehouse, what);
    }

    public Task<RequestBody> ReadBodyAsync(string what) =>
        RequestBody.ReadAsync(Http, Options.MaxRequestBodyBytes, what, Aborted);

    public string? Query(string name)
    {
        string? value = Http.Request.Query[name];
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private string RouteValue(string name) =>
        Http.GetRouteValue(name) as string ?? throw IcebergRestException.BadRequest($"The request path has no {name}.");
}
