using Floe.Server.Rest;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Floe.Server.Hosting;

/// <summary>
/// The URL length limit, enforced in the pipeline so that a too-long URL gets the Iceberg error body: Kestrel answers
/// its own rejections with an empty body, so its request-line limit is set above this one.
/// </summary>
internal static class UrlLimit
{
    /// <summary>The longest request target (path and query) served; a longer one is 414.</summary>
    public const int MaxUrlBytes = 8 * 1024;

    /// <summary>Kestrel's request-line limit, above <see cref="MaxUrlBytes"/> so that a long URL reaches this step.</summary>
    public const int KestrelMaxRequestLineBytes = 64 * 1024;

    public static Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        string target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        return target.Length > MaxUrlBytes
            ? throw new IcebergRestException(
                StatusCodes.Status414UriTooLong, IcebergErrorTypes.BadRequest, $"The request URL is {target.Length} bytes long; the limit is {MaxUrlBytes}.")
            : next(context);
    }
}
