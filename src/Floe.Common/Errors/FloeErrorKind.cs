namespace Floe.Common.Errors;

/// <summary>What kind of failure a <see cref="FloeException"/> reports; servers map it to status codes in one place.</summary>
public enum FloeErrorKind
{
    /// <summary>Stored or received data does not follow its format (corrupt file, bad JSON, bad metadata).</summary>
    InvalidData,

    /// <summary>A caller passed a value the operation cannot accept.</summary>
    InvalidArgument,

    /// <summary>A namespace, table, snapshot, file or other named thing does not exist.</summary>
    NotFound,

    /// <summary>Something with that name already exists.</summary>
    AlreadyExists,

    /// <summary>A concurrent change won; the operation may be retried on fresh state.</summary>
    CommitConflict,

    /// <summary>A namespace still holds tables or namespaces and cannot be dropped.</summary>
    NotEmpty,

    /// <summary>The caller did not prove who it is (no token, an unknown or revoked token).</summary>
    Unauthorized,

    /// <summary>The caller is known but lacks the rights the operation needs.</summary>
    Forbidden,

    /// <summary>A valid request for a feature Floe does not provide.</summary>
    Unsupported,

    /// <summary>A dependency of the environment is missing or failed (native library, storage).</summary>
    Environment,

    /// <summary>A commit whose outcome is unknown (the server failed or never answered): it may or may not be stored, so it must not be retried blindly.</summary>
    CommitStateUnknown,

    /// <summary>A bug or a state that should not happen.</summary>
    Unexpected,
}
