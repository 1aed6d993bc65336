using Floe.Contracts.Management;
using Floe.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Floe.Server.Management;

/// <summary>
/// The management JSON API under <c>/api/floe/v1</c>: health, catalogs, namespaces and tables with their summaries,
/// tokens, the optimizing service (tables' status, processes, optimizers, groups) and table maintenance (history, runs). Catalog creation and removal and everything about tokens need an admin token.
/// </summary>
public static class ManagementApi
{
    /// <summary>The API's base path.</summary>
    public const string BasePath = ManagementApiPaths.BasePath;

    /// <summary>The health probe, served without a token.</summary>
    public const string HealthPath = ManagementApiPaths.HealthPath;

    public static IEndpointRouteBuilder MapFloeManagementApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        RouteGroupBuilder api = endpoints.MapGroup(BasePath).WithErrorDialect(ErrorDialect.Management);
        api.MapGet("/health", HealthEndpoint.GetAsync);

        api.MapGet("/catalogs", CatalogEndpoints.ListAsync);
        api.MapPost("/catalogs", CatalogEndpoints.CreateAsync);
        api.MapGet("/catalogs/{catalog}", CatalogEndpoints.GetAsync);
        api.MapDelete("/catalogs/{catalog}", CatalogEndpoints.DropAsync);

        api.MapGet("/catalogs/{catalog}/namespaces", TableEndpoints.ListNamespacesAsync);
        api.MapGet("/catalogs/{catalog}/namespaces/{namespace}/tables", TableEndpoints.ListTablesAsync);
        api.MapGet("/catalogs/{catalog}/namespaces/{namespace}/tables/{table}", TableEndpoints.GetTableAsync);

        string table = "/catalogs/{catalog}/namespaces/{namespace}/tables/{table}";
        api.MapGet(table + "/optimizing", OptimizingEndpoints.GetTableAsync);
        api.MapGet(table + "/optimizing/processes", OptimizingEndpoints.ListTableProcessesAsync);
        api.MapGet("/optimizing/tables", OptimizingEndpoints.ListTablesAsync);
        api.MapPost("/optimizing/refresh", OptimizingEndpoints.RefreshAsync);
        api.MapGet("/optimizing/processes", OptimizingEndpoints.ListProcessesAsync);
        api.MapGet("/optimizing/processes/{process}", OptimizingEndpoints.GetProcessAsync);
        api.MapPost("/optimizing/processes/{process}/cancel", OptimizingEndpoints.CancelProcessAsync);
        api.MapGet(table + "/maintenance", MaintenanceEndpoints.ListTableRunsAsync);
        api.MapPost(table + "/maintenance", MaintenanceEndpoints.RunAsync);
        api.MapGet("/maintenance", MaintenanceEndpoints.ListRunsAsync);
        api.MapGet("/optimizers", OptimizingEndpoints.ListOptimizersAsync);
        api.MapGet("/optimizer-groups", OptimizingEndpoints.ListGroupsAsync);
        api.MapPost("/optimizer-groups", OptimizingEndpoints.CreateGroupAsync);
        api.MapPut("/optimizer-groups/{group}", OptimizingEndpoints.ResizeGroupAsync);
        api.MapDelete("/optimizer-groups/{group}", OptimizingEndpoints.DropGroupAsync);

        api.MapGet("/tokens", TokenEndpoints.ListAsync);
        api.MapPost("/tokens", TokenEndpoints.CreateAsync);
        api.MapDelete("/tokens/{name}", TokenEndpoints.RevokeAsync);
        return endpoints;
    }
}
