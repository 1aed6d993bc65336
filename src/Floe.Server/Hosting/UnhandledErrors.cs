using Floe.Server.Rest;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Hosting;

/// <summary>
/// The outermost step of every request: a failure no endpoint handled becomes a JSON error with the status its kind
/// maps to (500 for a bug), the server logs it and keeps serving.
/// </summary>
internal sealed class UnhandledErrors(ILogger logger)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            var (status, type) = IcebergErrors.Classify(e, "NotFoundException");
            if (status >= 500)
            {
                logger.LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            }

            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }

            context.Response.Clear();
            string message = e is Common.Errors.FloeException || status < 500 ? e.Message : $"Internal error: {e.Message}";
            await IcebergErrors.WriteAsync(context, status, type, message).ConfigureAwait(false);
        }
    }
}
