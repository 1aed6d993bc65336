using Floe.Common.Errors;
using Floe.Http;

namespace Floe.Server.Rest;

/// <summary>
/// A failure whose HTTP status and Iceberg error <c>type</c> the REST layer decided itself (an unknown warehouse, a
/// 404 whose type depends on what is missing, a 422 or 413) rather than deriving them from a <see cref="FloeErrorKind"/>.
/// </summary>
public sealed class IcebergRestException : FloeException
{
    public IcebergRestException(int statusCode, string errorType, string message, Exception? innerException = null)
        : base(HttpErrorTable.KindOf(statusCode, errorType), message, innerException)
    {
        StatusCode = statusCode;
        ErrorType = errorType;
    }

    public IcebergRestException()
        : this(500, IcebergErrorTypes.InternalServerError, "Internal server error.")
    {
    }

    public IcebergRestException(string message)
        : this(400, IcebergErrorTypes.BadRequest, message)
    {
    }

    public IcebergRestException(string message, Exception innerException)
        : this(400, IcebergErrorTypes.BadRequest, message, innerException)
    {
    }

    /// <summary>The HTTP status code sent.</summary>
    public int StatusCode { get; }

    /// <summary>The Iceberg error <c>type</c>, e.g. <c>NoSuchNamespaceException</c>.</summary>
    public string ErrorType { get; }

    internal static IcebergRestException NoSuchNamespace(string message) => new(404, IcebergErrorTypes.NoSuchNamespace, message);

    internal static IcebergRestException NoSuchTable(string message) => new(404, IcebergErrorTypes.NoSuchTable, message);

    internal static IcebergRestException BadRequest(string message, Exception? inner = null) => new(400, IcebergErrorTypes.BadRequest, message, inner);
}
