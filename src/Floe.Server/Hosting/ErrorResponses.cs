using Floe.Common.Errors;
using Floe.Server.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Hosting;

/// <summary>
/// The one error path of every endpoint group (the Iceberg REST catalog, the management API, the optimizer protocol)
/// and of the server's own middleware: a failure becomes the error body <c>{"error":{"message","type","code"}}</c> with
/// the status its <see cref="FloeErrorKind"/> maps to and the type the endpoint's <see cref="ErrorDialect"/> gives;
/// 5xx failures are logged and the server keeps serving.
/// </summary>
internal static class ErrorResponses
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            ErrorDialect dialect = context.GetEndpoint()?.Metadata.GetMetadata<ErrorDialect>() ?? ErrorDialect.Default;
            var (status, type) = await dialect.ClassifyAsync(context, e).ConfigureAwait(false);
            ILogger? logger = context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(dialect.LogCategory);
            if (status >= 500)
            {
                logger?.LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            }
            else
            {
                logger?.LogDebug("{Method} {Path}: {Status} {Type}: {Message}", context.Request.Method, context.Request.Path, status, type, e.Message);
            }

            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }

            context.Response.Clear();
            string message = status >= 500 && e is not FloeException ? $"Internal error: {e.Message}" : e.Message;
            await IcebergErrors.WriteAsync(context, status, type, message).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Marks the endpoints with <paramref name="dialect"/> and runs them inside <see cref="InvokeAsync"/>, so they answer
    /// with error bodies in any host that maps them, not only in <see cref="FloeServer"/>'s pipeline.
    /// </summary>
    public static TBuilder WithErrorDialect<TBuilder>(this TBuilder builder, ErrorDialect dialect)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(dialect);
        builder.Add(endpoint =>
        {
            if (endpoint.RequestDelegate is { } inner)
            {
                endpoint.RequestDelegate = context => InvokeAsync(context, inner);
            }
        });
        return builder;
    }
}
