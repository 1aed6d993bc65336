using Floe.Server.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Floe.Server.Management;

/// <summary><c>GET /api/floe/v1/health</c>: 200 when the metastore answers, 503 when it does not.</summary>
internal static class HealthEndpoint
{
    public static async Task GetAsync(HttpContext context)
    {
        var registry = context.RequestServices.GetRequiredService<ServerCatalogRegistry>();
        var status = context.RequestServices.GetRequiredService<ServerStatus>();
        int? catalogs = null;
        string? problem = null;
        try
        {
            catalogs = (await registry.ListAsync(context.RequestAborted).ConfigureAwait(false)).Count;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            problem = e.Message;
        }

        await ManagementJson.WriteAsync(context, problem is null ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("status", problem is null ? "ok" : "unavailable");
            writer.WriteString("version", status.Version);
            writer.WriteNumber("uptime-ms", (long)status.Uptime.TotalMilliseconds);
            if (catalogs is int count)
            {
                writer.WriteNumber("catalogs", count);
            }
            else
            {
                writer.WriteString("error", problem);
            }

            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }
}
