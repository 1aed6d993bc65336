using System.Text.Json;
using Floe.Common.Errors;
using Floe.Http;
using Microsoft.AspNetCore.Http;

namespace Floe.Server.Rest;

/// <summary>
/// The one mapping from failures to error responses of every endpoint group: a <see cref="FloeErrorKind"/>'s status is
/// <see cref="HttpErrorTable.StatusOf"/>'s (the table Floe's clients read statuses back with), its Iceberg <c>type</c>
/// is decided here, and the body is <c>{"error":{"message","type","code"}}</c>.
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
            FloeException { Kind: FloeErrorKind.NotFound } => (StatusCodes.Status404NotFound, notFoundType),
            FloeException { Kind: FloeErrorKind.CommitStateUnknown } => (StatusCodes.Status500InternalServerError, IcebergErrorTypes.CommitStateUnknown),
            FloeException floe when HttpErrorTable.StatusOf(floe.Kind) < 500 => (HttpErrorTable.StatusOf(floe.Kind), TypeOf(floe.Kind)),
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? IcebergErrorTypes.RequestTooLarge
                : IcebergErrorTypes.BadRequest),
            _ => Internal(commitRoute),
        };
    }

    /// <summary>The Iceberg type of a refusal of <paramref name="kind"/>; the status is <see cref="HttpErrorTable.StatusOf"/>'s.</summary>
    private static string TypeOf(FloeErrorKind kind) => kind switch
    {
        FloeErrorKind.AlreadyExists => IcebergErrorTypes.AlreadyExists,
        FloeErrorKind.CommitConflict => IcebergErrorTypes.CommitFailed,
        FloeErrorKind.NotEmpty => IcebergErrorTypes.NamespaceNotEmpty,
        FloeErrorKind.Unauthorized => IcebergErrorTypes.NotAuthorized,
        FloeErrorKind.Forbidden => IcebergErrorTypes.Forbidden,
        FloeErrorKind.Unsupported => IcebergErrorTypes.Unsupported,
        _ => IcebergErrorTypes.BadRequest,
    };

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
