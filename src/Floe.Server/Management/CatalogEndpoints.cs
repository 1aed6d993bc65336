using Floe.Contracts.Management;
using Floe.Server.Catalogs;
using Floe.Server.Configuration;
using Floe.Server.Hosting;
using Floe.Server.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Floe.Server.Management;

/// <summary>Listing, describing, creating and dropping catalogs.</summary>
internal static class CatalogEndpoints
{
    /// <summary>The catalogs the caller may use.</summary>
    public static async Task ListAsync(HttpContext context)
    {
        FloePrincipal principal = RequestAccess.Principal(context);
        var registry = context.RequestServices.GetRequiredService<ServerCatalogRegistry>();
        IReadOnlyList<CatalogDescriptor> catalogs = await registry.ListAsync(context.RequestAborted).ConfigureAwait(false);
        var answer = new CatalogList { Catalogs = [.. catalogs.Where(c => principal.CanUse(c.Name)).Select(c => View(c, registry.DefaultCatalogName))] };
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, answer, ManagementJson.Contract.CatalogList).ConfigureAwait(false);
    }

    public static async Task GetAsync(HttpContext context)
    {
        string name = Route(context, "catalog");
        RequestAccess.RequireCatalog(context, name);
        var registry = context.RequestServices.GetRequiredService<ServerCatalogRegistry>();
        CatalogDescriptor catalog = await registry.DescribeAsync(name, context.RequestAborted).ConfigureAwait(false);
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, View(catalog, registry.DefaultCatalogName), ManagementJson.Contract.CatalogView).ConfigureAwait(false);
    }

    /// <summary><see cref="CreateCatalogRequest"/> → 201 with the new catalog.</summary>
    public static async Task CreateAsync(HttpContext context)
    {
        RequestAccess.RequireAdmin(context);
        var registry = context.RequestServices.GetRequiredService<ServerCatalogRegistry>();
        var options = context.RequestServices.GetRequiredService<ServerOptions>();
        CreateCatalogRequest request = await ManagementJson.ReadAsync(context, ManagementJson.Contract.CreateCatalogRequest).ConfigureAwait(false);
        string name = CatalogNameRules.Check(request.Name);
        string warehouse = request.Warehouse ?? options.DefaultWarehouseFor(name);
        CatalogDescriptor created = await registry.CreateInternalAsync(
            name, warehouse, request.Properties ?? new Dictionary<string, string>(), context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.Location = $"{ManagementApi.BasePath}/catalogs/{Uri.EscapeDataString(name)}";
        await ManagementJson.WriteAsync(context, StatusCodes.Status201Created, View(created, registry.DefaultCatalogName), ManagementJson.Contract.CatalogView).ConfigureAwait(false);
    }

    public static async Task DropAsync(HttpContext context)
    {
        RequestAccess.RequireAdmin(context);
        var registry = context.RequestServices.GetRequiredService<ServerCatalogRegistry>();
        await registry.DropInternalAsync(Route(context, "catalog"), context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    internal static string Route(HttpContext context, string key) =>
        context.Request.RouteValues[key] as string ?? throw new InvalidOperationException($"Route value '{key}' is missing.");

    private static CatalogView View(CatalogDescriptor catalog, string defaultCatalog) => new()
    {
        Name = catalog.Name,
        Kind = catalog.Kind == CatalogKind.Internal ? "internal" : "filesystem",
        Warehouse = catalog.Warehouse,
        IsDefault = catalog.Name == defaultCatalog,
        Properties = ManagementJson.Sorted(catalog.Properties),
    };
}
