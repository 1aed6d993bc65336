using Floe.Contracts.Management;
using Floe.Server.Configuration;
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

        var answer = new HealthResponse
        {
            Status = problem is null ? "ok" : "unavailable",
            Version = status.Version,
            UptimeMs = (long)status.Uptime.TotalMilliseconds,
            Catalogs = catalogs,
            Caches = [.. ConfiguredCaches.All.Select(c => new CacheFigures
            {
                Name = $"{c.Section}.{c.Name}",
                MaxBytes = c.Cache.MaxBytes,
                Bytes = c.Cache.Bytes,
                Entries = c.Cache.Count,
                Hits = c.Cache.Hits,
                Misses = c.Cache.Misses,
            })],
            Error = problem,
        };
        await ManagementJson.WriteAsync(
            context, problem is null ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, answer, ManagementJson.Contract.HealthResponse).ConfigureAwait(false);
    }
}
