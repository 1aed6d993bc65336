using Floe.Server.Rest;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace Floe.Server.Hosting;

/// <summary>
/// Gives every error status the Iceberg error body: the URL limit is enforced here (Kestrel's own request-line limit
/// is set above it, as Kestrel answers its rejections with an empty body), and a status that routing or the framework
/// set without writing anything (405, 415, ...) gets the body on the way out.
/// </summary>
internal static class ErrorBodies
{
    /// <summary>The longest request target (path and query) served; a longer one is 414.</summary>
    public const int MaxUrlBytes = 8 * 1024;

    /// <summary>Kestrel's request-line limit, above <see cref="MaxUrlBytes"/> so that a long URL reaches this step.</summary>
    public const int KestrelMaxRequestLineBytes = 64 * 1024;

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        string target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        if (target.Length > MaxUrlBytes)
        {
            throw new IcebergRestException(
                StatusCodes.Status414UriTooLong, IcebergErrorTypes.BadRequest, $"The request URL is {target.Length} bytes long; the limit is {MaxUrlBytes}.");
        }

        await next(context).ConfigureAwait(false);
        HttpResponse response = context.Response;
        if (response.StatusCode >= 400 && !response.HasStarted && response.ContentType is null && !HttpMethods.IsHead(context.Request.Method))
        {
            int status = response.StatusCode;
            string type = status switch
            {
                StatusCodes.Status401Unauthorized => IcebergErrorTypes.NotAuthorized,
                StatusCodes.Status403Forbidden => IcebergErrorTypes.Forbidden,
                StatusCodes.Status404NotFound => "NotFoundException",
                StatusCodes.Status413PayloadTooLarge => IcebergErrorTypes.RequestTooLarge,
                >= 500 => IcebergErrorTypes.InternalServerError,
                _ => IcebergErrorTypes.BadRequest,
            };
            await IcebergErrors.WriteAsync(context, status, type, $"{ReasonPhrases.GetReasonPhrase(status)}: {context.Request.Method} {context.Request.Path}.")
                .ConfigureAwait(false);
        }
    }
}
