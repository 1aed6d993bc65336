using Floe.Server.Rest;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Management;

/// <summary>
/// Wraps a management handler so that every failure is answered with the same JSON error body as the REST catalog
/// (<c>{"error":{"message","type","code"}}</c>) and a status from the failure's kind.
/// </summary>
internal static class ManagementEndpoint
{
    public const string NotFoundType = "NotFoundException";

    public static RequestDelegate Create(Func<HttpContext, Task> handler) =>
        async context =>
        {
            try
            {
                await handler(context).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
            {
                var (status, type) = IcebergErrors.Classify(e, NotFoundType);
                if (status >= 500)
                {
                    context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("Floe.Server.Management")
                        .LogError(e, "Management {Method} {Path} failed", context.Request.Method, context.Request.Path);
                }

                if (context.Response.HasStarted)
                {
                    context.Abort();
                    return;
                }

                context.Response.Clear();
                string message = status >= 500 && e is not Common.Errors.FloeException ? $"Internal error: {e.Message}" : e.Message;
                await IcebergErrors.WriteAsync(context, status, type, message).ConfigureAwait(false);
            }
        };
}
