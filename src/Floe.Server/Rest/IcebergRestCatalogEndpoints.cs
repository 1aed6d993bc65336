using Floe.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Floe.Server.Rest;

/// <summary>Maps the Iceberg REST catalog (the Apache Iceberg OpenAPI) onto an ASP.NET Core application.</summary>
public static class IcebergRestCatalogEndpoints
{
    /// <summary>The REST catalog's default base path (Amoro's): <c>GET /api/iceberg/rest/v1/config</c>.</summary>
    public const string DefaultBasePath = "/api/iceberg/rest";

    /// <summary>
    /// Maps <c>GET /v1/config</c> and every catalog route twice below <paramref name="basePath"/>: under
    /// <c>/v1/{prefix}/...</c>, where the prefix is a catalog name, and under <c>/v1/...</c> for the default catalog.
    /// Catalogs come from the <see cref="Floe.Server.Catalogs.ICatalogRegistry"/> service; each request needs a
    /// <see cref="Floe.Server.Security.FloePrincipal"/> allowed to use the catalog.
    /// </summary>
    public static RouteGroupBuilder MapIcebergRestCatalog(this IEndpointRouteBuilder routes, string basePath = DefaultBasePath)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(basePath);
        var group = routes.MapGroup(basePath);
        group.MapMethods("/v1/config", [HttpMethods.Get], RestEndpoint.CreateUnresolved(ConfigHandler.GetAsync)).WithErrorDialect(RestErrors.Config);
        foreach (var route in IcebergRestRoutes.All)
        {
            var handler = route.Delegate();
            RestErrors errors = route.Errors();
            group.MapMethods(route.Template, [route.Method], handler).WithErrorDialect(errors);
            group.MapMethods(IcebergRestRoutes.WithoutPrefix(route.Template), [route.Method], handler).WithErrorDialect(errors);
        }

        return group;
    }
}
