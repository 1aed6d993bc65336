using Floe.Common.Errors;

namespace Floe.Sql;

/// <summary>
/// A syntax or binding error in SQL text, of kind <see cref="FloeErrorKind.InvalidArgument"/>:
/// <c>Invalid SUBJECT at position N: DETAIL in "TEXT".</c>, where the subject names what was parsed
/// (<c>filter</c>, <c>--where</c>, <c>schema</c> ...) and N is the 1-based column of the offending token.
/// </summary>
public sealed class SqlTextException : FloeException
{
    public SqlTextException(string subject, string text, int column, string detail)
        : base(FloeErrorKind.InvalidArgument, $"Invalid {subject} at position {column}: {detail} in \"{ErrorText.Excerpt(text)}\".")
    {
        Subject = subject;
        Column = column;
        Detail = detail;
    }

    /// <summary>What was parsed, as the message names it.</summary>
    public string Subject { get; }

    /// <summary>The 1-based column of the offending token (the text's length plus one for its end).</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the subject, position and text.</summary>
    public string Detail { get; }
}
