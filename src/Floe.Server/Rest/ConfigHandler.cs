using Floe.Server.Catalogs;
using Floe.Server.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Floe.Server.Rest;

/// <summary>
/// <c>GET /v1/config</c>: with <c>warehouse</c> (a catalog name, or a catalog's warehouse location) the catalog's name
/// comes back as <c>overrides.prefix</c>; without it the client uses the unprefixed routes of the default catalog.
/// <c>endpoints</c> lists every route served.
/// </summary>
internal static class ConfigHandler
{
    public static async Task GetAsync(HttpContext http, IcebergRestOptions options)
    {
        RequestAccess.Principal(http);
        string? warehouse = http.Request.Query["warehouse"];
        string? prefix = null;
        if (!string.IsNullOrEmpty(warehouse))
        {
            var registry = http.RequestServices.GetRequiredService<ICatalogRegistry>();
            var catalogs = await registry.ListAsync(http.RequestAborted).ConfigureAwait(false);
            var descriptor = catalogs.FirstOrDefault(c => string.Equals(c.Name, warehouse, StringComparison.Ordinal))
                ?? catalogs.FirstOrDefault(c => SameLocation(c.Warehouse, warehouse))
                ?? throw new IcebergRestException(StatusCodes.Status404NotFound, IcebergErrorTypes.NoSuchWarehouse, $"Warehouse '{warehouse}' is not a catalog of this server.");
            RequestAccess.RequireCatalog(http, descriptor.Name);
            prefix = descriptor.Name;
        }

        await RestResponse.WriteJsonAsync(http, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("defaults");
            writer.WriteString("rest-page-size", options.DefaultPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            writer.WriteStartObject("overrides");
            if (prefix is not null)
            {
                writer.WriteString("prefix", prefix);
            }

            writer.WriteEndObject();
            writer.WriteStartArray("endpoints");
            foreach (var route in IcebergRestRoutes.All)
            {
                writer.WriteStringValue(route.Endpoint);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static bool SameLocation(string warehouse, string requested) =>
        string.Equals(warehouse.TrimEnd('/'), requested.TrimEnd('/'), StringComparison.Ordinal)
        || (requested.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            && Uri.TryCreate(requested, UriKind.Absolute, out var uri)
            && string.Equals(warehouse.TrimEnd('/'), uri.LocalPath.TrimEnd('/'), StringComparison.Ordinal));
}
