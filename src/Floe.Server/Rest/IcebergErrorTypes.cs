namespace Floe.Server.Rest;

/// <summary>The Iceberg REST error <c>type</c> strings clients key on (the Java client picks its exception by them).</summary>
public static class IcebergErrorTypes
{
    public const string BadRequest = "BadRequestException";
    public const string NotAuthorized = "NotAuthorizedException";
    public const string Forbidden = "ForbiddenException";
    public const string NoSuchNamespace = "NoSuchNamespaceException";
    public const string NoSuchTable = "NoSuchTableException";
    public const string NoSuchWarehouse = "NoSuchWarehouseException";
    public const string Unsupported = "UnsupportedOperationException";
    public const string AlreadyExists = "AlreadyExistsException";
    public const string CommitFailed = "CommitFailedException";
    public const string NamespaceNotEmpty = "NamespaceNotEmptyException";
    public const string RequestTooLarge = "RequestEntityTooLargeException";
    public const string UnprocessableEntity = "UnprocessableEntityException";
    public const string CommitStateUnknown = "CommitStateUnknownException";
    public const string InternalServerError = "InternalServerError";
}
