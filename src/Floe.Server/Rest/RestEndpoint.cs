using Floe.Common.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Rest;

/// <summary>
/// Turns a handler into a request delegate: resolves the catalog, runs the handler and answers every failure with an
/// Iceberg error body whose status and type follow <see cref="IcebergErrors"/> and the route's scope.
/// </summary>
internal static class RestEndpoint
{
    private static readonly IcebergRestOptions DefaultOptions = new();

    public static RequestDelegate Create(RouteScope scope, Func<RestCall, Task> handler, bool commitRoute = false) =>
        async context =>
        {
            RestCall? call = null;
            try
            {
                call = await RestCall.ResolveAsync(context, OptionsOf(context)).ConfigureAwait(false);
                await handler(call).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
            {
                string notFound = await NotFoundTypeAsync(call, scope, e).ConfigureAwait(false);
                await FailAsync(context, e, notFound, commitRoute).ConfigureAwait(false);
            }
        };

    /// <summary>A handler that runs without a resolved catalog (the config route).</summary>
    public static RequestDelegate CreateUnresolved(Func<HttpContext, IcebergRestOptions, Task> handler) =>
        async context =>
        {
            try
            {
                await handler(context, OptionsOf(context)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
            {
                await FailAsync(context, e, IcebergErrorTypes.NoSuchWarehouse, commitRoute: false).ConfigureAwait(false);
            }
        };

    public static IcebergRestOptions OptionsOf(HttpContext context) =>
        context.RequestServices.GetService<IcebergRestOptions>() ?? DefaultOptions;

    private static async Task FailAsync(HttpContext context, Exception exception, string notFoundType, bool commitRoute)
    {
        var (status, type) = IcebergErrors.Classify(exception, notFoundType, commitRoute);
        var logger = context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("Floe.Server.Rest");
        if (status >= 500)
        {
            logger?.LogError(exception, "Iceberg REST {Method} {Path} failed", context.Request.Method, context.Request.Path);
        }
        else
        {
            logger?.LogDebug("Iceberg REST {Method} {Path}: {Status} {Type}: {Message}", context.Request.Method, context.Request.Path, status, type, exception.Message);
        }

        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        context.Response.Clear();
        string message = status >= 500 && exception is not FloeException ? $"Internal error: {exception.Message}" : exception.Message;
        await IcebergErrors.WriteAsync(context, status, type, message).ConfigureAwait(false);
    }

    private static async Task<string> NotFoundTypeAsync(RestCall? call, RouteScope scope, Exception exception)
    {
        if (scope != RouteScope.Table || call is null || exception is not FloeException { Kind: FloeErrorKind.NotFound } || exception is IcebergRestException)
        {
            return IcebergErrorTypes.NoSuchNamespace;
        }

        // A missing table and a missing namespace raise the same kind; the namespace decides which the client sees.
        try
        {
            var @namespace = call.Namespace();
            return await call.Catalog.NamespaceExistsAsync(@namespace, call.Aborted).ConfigureAwait(false)
                ? IcebergErrorTypes.NoSuchTable
                : IcebergErrorTypes.NoSuchNamespace;
        }
        catch (FloeException)
        {
            return IcebergErrorTypes.NoSuchTable;
        }
    }
}
