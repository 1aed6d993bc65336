using Floe.Common.Errors;
using Floe.Contracts.Optimizer;
using Floe.Server.Rest;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Optimizing.Api;

/// <summary>
/// Wraps an optimizer protocol handler: failures become the error body with the protocol's types, which optimizers
/// act on (<see cref="OptimizerFault"/>: <c>UnknownOptimizer</c>, register again; <c>BadOptimizerToken</c>; <c>StaleTask</c>, drop
/// the task; <c>NoSuchGroup</c>); every other failure is classified as on the REST catalog.
/// </summary>
internal static class OptimizerProtocolErrors
{
    public static RequestDelegate Create(Func<HttpContext, Task> handler) =>
        async context =>
        {
            try
            {
                await handler(context).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
            {
                (int status, string type) = e switch
                {
                    OptimizerFault fault => (IcebergErrors.Classify(fault, "NotFoundException").Status, fault.ErrorType),
                    _ => IcebergErrors.Classify(e, "NotFoundException"),
                };
                if (status >= 500)
                {
                    context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("Floe.Server.Optimizing")
                        .LogError(e, "Optimizer call {Path} failed", context.Request.Path);
                }

                if (context.Response.HasStarted)
                {
                    context.Abort();
                    return;
                }

                context.Response.Clear();
                await IcebergErrors.WriteAsync(context, status, type, status >= 500 && e is not FloeException ? $"Internal error: {e.Message}" : e.Message).ConfigureAwait(false);
            }
        };
}
