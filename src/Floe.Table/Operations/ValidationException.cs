using Floe.Common.Errors;

namespace Floe.Table.Operations;

/// <summary>
/// A concurrent change made this operation invalid (a file it replaces was deleted, the schema it edits changed).
/// It is a commit conflict for callers, but retrying on fresh metadata cannot help, so commits do not retry it.
/// </summary>
public sealed class ValidationException : FloeException
{
    public ValidationException(string message)
        : base(FloeErrorKind.CommitConflict, message)
    {
    }

    public ValidationException()
        : this("A concurrent change invalidated the operation.")
    {
    }

    public ValidationException(string message, Exception innerException)
        : base(FloeErrorKind.CommitConflict, message, innerException)
    {
    }
}
