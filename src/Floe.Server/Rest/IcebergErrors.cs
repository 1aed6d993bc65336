using System.Text.Json;
using Floe.Common.Errors;
using Microsoft.AspNetCore.Http;

namespace Floe.Server.Rest;

/// <summary>
/// The one mapping from failures to Iceberg REST error responses: <see cref="FloeErrorKind"/> to status and
/// <c>type</c>, and the body <c>{"error":{"message","type","code"}}</c>.
/// </summary>
public static class IcebergErrors
{
    /// <summary>The status and Iceberg type of <paramref name="exception"/>; <paramref name="notFoundType"/> names what a NotFound means on this route.</summary>
    public static (int Status, string Type) Classify(Exception exception, string notFoundType, bool commitRoute = false)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            IcebergRestException rest => (rest.StatusCode, rest.ErrorType),
            FloeException floe => floe.Kind switch
            {
                FloeErrorKind.NotFound => (404, notFoundType),
                FloeErrorKind.AlreadyExists => (409, IcebergErrorTypes.AlreadyExists),
                FloeErrorKind.CommitConflict => (409, IcebergErrorTypes.CommitFailed),
                FloeErrorKind.NotEmpty => (409, IcebergErrorTypes.NamespaceNotEmpty),
                FloeErrorKind.InvalidArgument or FloeErrorKind.InvalidData => (400, IcebergErrorTypes.BadRequest),
                FloeErrorKind.Unauthorized => (401, IcebergErrorTypes.NotAuthorized),
                FloeErrorKind.Forbidden => (403, IcebergErrorTypes.Forbidden),
                FloeErrorKind.Unsupported => (406, IcebergErrorTypes.Unsupported),
                FloeErrorKind.CommitStateUnknown => (500, IcebergErrorTypes.CommitStateUnknown),
                _ => Internal(commitRoute),
            },
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? IcebergErrorTypes.RequestTooLarge
                : IcebergErrorTypes.BadRequest),
            _ => Internal(commitRoute),
        };
    }

    /// <summary>Writes the Iceberg error body with <paramref name="status"/>.</summary>
    public static Task WriteAsync(HttpContext context, int status, string type, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RestResponse.WriteJsonAsync(context, status, writer => Write(writer, status, type, message));
    }

    internal static void Write(Utf8JsonWriter writer, int status, string type, string message)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("message", message);
        writer.WriteString("type", type);
        writer.WriteNumber("code", status);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    // A commit that failed for an unknown reason may still have been stored: Java clients must not retry blindly.
    private static (int, string) Internal(bool commitRoute) =>
        (500, commitRoute ? IcebergErrorTypes.CommitStateUnknown : IcebergErrorTypes.InternalServerError);
}
