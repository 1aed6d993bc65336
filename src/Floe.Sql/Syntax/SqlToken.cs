namespace Floe.Sql.Syntax;

/// <summary>One token: its kind, its text (a string's or a quoted name's value), and where it stands in the source.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Text">Its source text; for a string or a quoted name, the value without quotes.</param>
/// <param name="Position">The 0-based index of its first character in the source text.</param>
/// <param name="Length">How many source characters it spans (quotes included).</param>
internal readonly record struct SqlToken(SqlTokenKind Kind, string Text, int Position, int Length)
{
    /// <summary>True for an unquoted identifier equal to <paramref name="keyword"/>, ignoring case.</summary>
    public bool Is(string keyword) => Kind == SqlTokenKind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for the operator or punctuation <paramref name="symbol"/>.</summary>
    public bool IsSymbol(string symbol) => Kind == SqlTokenKind.Symbol && Text == symbol;

    /// <summary>True for a name: an unquoted or a quoted identifier.</summary>
    public bool IsName => Kind is SqlTokenKind.Identifier or SqlTokenKind.QuotedIdentifier;
}
