using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Floe.Server.Management;

/// <summary>
/// The management JSON API under <c>/api/floe/v1</c>: health, catalogs, namespaces and tables with their summaries,
/// tokens, and the optimizing service (tables' status, processes, optimizers, groups). Catalog creation and removal and everything about tokens need an admin token.
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

        string table = BasePath + "/catalogs/{catalog}/namespaces/{namespace}/tables/{table}";
        endpoints.MapGet(table + "/optimizing", ManagementEndpoint.Create(OptimizingEndpoints.GetTableAsync));
        endpoints.MapGet(table + "/optimizing/processes", ManagementEndpoint.Create(OptimizingEndpoints.ListTableProcessesAsync));
        endpoints.MapGet(BasePath + "/optimizing/tables", ManagementEndpoint.Create(OptimizingEndpoints.ListTablesAsync));
        endpoints.MapPost(BasePath + "/optimizing/refresh", ManagementEndpoint.Create(OptimizingEndpoints.RefreshAsync));
        endpoints.MapGet(BasePath + "/optimizing/processes", ManagementEndpoint.Create(OptimizingEndpoints.ListProcessesAsync));
        endpoints.MapGet(BasePath + "/optimizing/processes/{process}", ManagementEndpoint.Create(OptimizingEndpoints.GetProcessAsync));
        endpoints.MapPost(BasePath + "/optimizing/processes/{process}/cancel", ManagementEndpoint.Create(OptimizingEndpoints.CancelProcessAsync));
        endpoints.MapGet(BasePath + "/optimizers", ManagementEndpoint.Create(OptimizingEndpoints.ListOptimizersAsync));
        endpoints.MapGet(BasePath + "/optimizer-groups", ManagementEndpoint.Create(OptimizingEndpoints.ListGroupsAsync));
        endpoints.MapPost(BasePath + "/optimizer-groups", ManagementEndpoint.Create(OptimizingEndpoints.CreateGroupAsync));
        endpoints.MapPut(BasePath + "/optimizer-groups/{group}", ManagementEndpoint.Create(OptimizingEndpoints.ResizeGroupAsync));
        endpoints.MapDelete(BasePath + "/optimizer-groups/{group}", ManagementEndpoint.Create(OptimizingEndpoints.DropGroupAsync));

        endpoints.MapGet(BasePath + "/tokens", ManagementEndpoint.Create(TokenEndpoints.ListAsync));
        endpoints.MapPost(BasePath + "/tokens", ManagementEndpoint.Create(TokenEndpoints.CreateAsync));
        endpoints.MapDelete(BasePath + "/tokens/{name}", ManagementEndpoint.Create(TokenEndpoints.RevokeAsync));
        return endpoints;
    }
}
