namespace Floe.Common.Errors;

/// <summary>
/// The root of every exception Floe throws on purpose. The message names what is wrong and where;
/// <see cref="Kind"/> says what class of failure it is and <see cref="IsRetryable"/> whether trying again can help.
/// </summary>
public class FloeException : Exception
{
    public FloeException(FloeErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public FloeException()
        : this(FloeErrorKind.Unexpected, "An unexpected Floe error occurred.")
    {
    }

    public FloeException(string message)
        : this(FloeErrorKind.Unexpected, message)
    {
    }

    public FloeException(string message, Exception innerException)
        : this(FloeErrorKind.Unexpected, message, innerException)
    {
    }

    /// <summary>The class of failure.</summary>
    public FloeErrorKind Kind { get; }

    /// <summary>True when the same operation may succeed if repeated on fresh state (commit conflicts).</summary>
    public bool IsRetryable => Kind == FloeErrorKind.CommitConflict;
}
