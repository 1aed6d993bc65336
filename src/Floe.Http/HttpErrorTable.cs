using Floe.Common.Errors;

namespace Floe.Http;

/// <summary>
/// The one table between HTTP statuses (with the Iceberg error <c>type</c> where a status is shared) and
/// <see cref="FloeErrorKind"/>, in both directions, as Floe's server answers them (<c>docs/rest-catalog.md</c>).
/// </summary>
public static class HttpErrorTable
{
    public const string AlreadyExistsType = "AlreadyExistsException";
    public const string NamespaceNotEmptyType = "NamespaceNotEmptyException";
    public const string CommitFailedType = "CommitFailedException";
    public const string CommitStateUnknownType = "CommitStateUnknownException";

    /// <summary>The kind of a failed response; <paramref name="type"/> is the Iceberg error type when the body had one.</summary>
    public static FloeErrorKind KindOf(int status, string? type) => (status, type) switch
    {
        (_, CommitStateUnknownType) => FloeErrorKind.CommitStateUnknown,
        (409, AlreadyExistsType) => FloeErrorKind.AlreadyExists,
        (409, NamespaceNotEmptyType) => FloeErrorKind.NotEmpty,
        (409, _) => FloeErrorKind.CommitConflict,
        (400 or 413 or 422, _) => FloeErrorKind.InvalidArgument,
        (401, _) => FloeErrorKind.Unauthorized,
        (403, _) => FloeErrorKind.Forbidden,
        (404, _) => FloeErrorKind.NotFound,
        (406 or 501, _) => FloeErrorKind.Unsupported,
        (408 or 429 or 502 or 503 or 504, _) => FloeErrorKind.Environment,
        _ => FloeErrorKind.Unexpected,
    };

    /// <summary>The status Floe's server answers a failure of <paramref name="kind"/> with (<c>Floe.Server.Rest.IcebergErrors</c>).</summary>
    public static int StatusOf(FloeErrorKind kind) => kind switch
    {
        FloeErrorKind.InvalidArgument or FloeErrorKind.InvalidData => 400,
        FloeErrorKind.Unauthorized => 401,
        FloeErrorKind.Forbidden => 403,
        FloeErrorKind.NotFound => 404,
        FloeErrorKind.Unsupported => 406,
        FloeErrorKind.AlreadyExists or FloeErrorKind.CommitConflict or FloeErrorKind.NotEmpty => 409,
        // An environment failure (storage, the metastore) is the server's own: 500, as a bug is; clients read 503 back
        // as Environment when a proxy or a health probe answers it.
        _ => 500,
    };

    /// <summary>True when an answer with this status may be a passing fault of the server or a proxy.</summary>
    public static bool IsTransient(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;
}
