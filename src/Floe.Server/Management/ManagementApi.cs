using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Floe.Server.Management;

/// <summary>
/// The management JSON API under <c>/api/floe/v1</c>: health, catalogs, namespaces and tables with their summaries,
/// and tokens. Catalog creation and removal and everything about tokens need an admin token.
/// </summary>
public static class ManagementApi
{
    /// <summary>The API's base path.</summary>
    public const string BasePath = "/api/floe/v1";

    /// <summary>The health probe, served without a token.</summary>
    public const string HealthPath = BasePath + "/health";

    public static IEndpointRouteBuilder MapFloeManagementApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(HealthPath, ManagementEndpoint.Create(HealthEndpoint.GetAsync));

        endpoints.MapGet(BasePath + "/catalogs", ManagementEndpoint.Create(CatalogEndpoints.ListAsync));
        endpoints.MapPost(BasePath + "/catalogs", ManagementEndpoint.Create(CatalogEndpoints.CreateAsync));
        endpoints.MapGet(BasePath + "/catalogs/{catalog}", ManagementEndpoint.Create(CatalogEndpoints.GetAsync));
        endpoints.MapDelete(BasePath + "/catalogs/{catalog}", ManagementEndpoint.Create(CatalogEndpoints.DropAsync));

        endpoints.MapGet(BasePath + "/catalogs/{catalog}/namespaces", ManagementEndpoint.Create(TableEndpoints.ListNamespacesAsync));
        endpoints.MapGet(BasePath + "/catalogs/{catalog}/namespaces/{namespace}/tables", ManagementEndpoint.Create(TableEndpoints.ListTablesAsync));
        endpoints.MapGet(BasePath + "/catalogs/{catalog}/namespaces/{namespace}/tables/{table}", ManagementEndpoint.Create(TableEndpoints.GetTableAsync));

        endpoints.MapGet(BasePath + "/tokens", ManagementEndpoint.Create(TokenEndpoints.ListAsync));
        endpoints.MapPost(BasePath + "/tokens", ManagementEndpoint.Create(TokenEndpoints.CreateAsync));
        endpoints.MapDelete(BasePath + "/tokens/{name}", ManagementEndpoint.Create(TokenEndpoints.RevokeAsync));
        return endpoints;
    }
}
