using System.Text.Json;
using Floe.Server.Catalogs;
using Floe.Server.Configuration;
using Floe.Server.Hosting;
using Floe.Server.Rest;
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
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("catalogs");
            foreach (CatalogDescriptor catalog in catalogs.Where(c => principal.CanUse(c.Name)))
            {
                Write(writer, catalog, registry.DefaultCatalogName);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    public static async Task GetAsync(HttpContext context)
    {
        string name = Route(context, "catalog");
        RequestAccess.RequireCatalog(context, name);
        var registry = context.RequestServices.GetRequiredService<ServerCatalogRegistry>();
        CatalogDescriptor catalog = await registry.DescribeAsync(name, context.RequestAborted).ConfigureAwait(false);
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, writer => Write(writer, catalog, registry.DefaultCatalogName)).ConfigureAwait(false);
    }

    /// <summary><c>{"name", "warehouse"?, "properties"?}</c> → 201 with the new catalog.</summary>
    public static async Task CreateAsync(HttpContext context)
    {
        RequestAccess.RequireAdmin(context);
        var registry = context.RequestServices.GetRequiredService<ServerCatalogRegistry>();
        var options = context.RequestServices.GetRequiredService<ServerOptions>();
        using RequestBody body = await ManagementJson.ReadObjectAsync(context).ConfigureAwait(false);
        string name = CatalogNameRules.Check(ManagementJson.RequiredString(body.Root, "name"));
        string warehouse = ManagementJson.OptionalString(body.Root, "warehouse") ?? options.DefaultWarehouseFor(name);
        var properties = ManagementJson.OptionalMap(body.Root, "properties");
        CatalogDescriptor created = await registry.CreateInternalAsync(name, warehouse, properties, context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.Location = $"{ManagementApi.BasePath}/catalogs/{Uri.EscapeDataString(name)}";
        await ManagementJson.WriteAsync(context, StatusCodes.Status201Created, writer => Write(writer, created, registry.DefaultCatalogName)).ConfigureAwait(false);
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

    private static void Write(Utf8JsonWriter writer, CatalogDescriptor catalog, string defaultCatalog)
    {
        writer.WriteStartObject();
        writer.WriteString("name", catalog.Name);
        writer.WriteString("kind", catalog.Kind == CatalogKind.Internal ? "internal" : "filesystem");
        writer.WriteString("warehouse", catalog.Warehouse);
        writer.WriteBoolean("default", catalog.Name == defaultCatalog);
        ManagementJson.WriteMap(writer, "properties", catalog.Properties);
        writer.WriteEndObject();
    }
}
