namespace Floe.Sql.Syntax;

/// <summary>What a token is. Keywords are unquoted identifiers; the grammar decides which words are keywords where.</summary>
internal enum SqlTokenKind
{
    /// <summary>An unquoted name or keyword: letters, digits, <c>_</c> and <c>.</c>, not starting with a digit.</summary>
    Identifier,

    /// <summary>A name in double quotes or backticks (never a keyword); the quote doubled stands for itself.</summary>
    QuotedIdentifier,

    /// <summary>A single-quoted string; <c>''</c> stands for a quote. The token's text is the value.</summary>
    String,

    /// <summary>Digits with an optional fraction and exponent, unsigned (a minus is an operator).</summary>
    Number,

    /// <summary>An operator or punctuation: <c>= == != &lt;&gt; &lt; &lt;= &gt; &gt;= + - * / % ( ) [ ] , : ;</c>.</summary>
    Symbol,

    /// <summary>The end of the text.</summary>
    End,
}
