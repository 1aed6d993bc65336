using System.Globalization;
using Floe.Common.Errors;

namespace Floe.Sql.Syntax;

/// <summary>
/// The tokens of one text and a position in them: what every grammar reads through. Errors name what was expected,
/// what was found and its column (<see cref="SqlTextException"/>).
/// </summary>
internal sealed class SqlCursor
{
    private readonly List<SqlToken> _tokens;
    private int _pos;

    public SqlCursor(string text, string subject)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        Subject = subject;
        _tokens = SqlTokenizer.Tokenize(text, subject);
    }

    /// <summary>The source text.</summary>
    public string Text { get; }

    /// <summary>What the text is, as error messages name it (<c>filter</c>, <c>--where</c>, <c>schema</c> ...).</summary>
    public string Subject { get; }

    public bool AtEnd => Peek().Kind == SqlTokenKind.End;

    /// <summary>Where the cursor stands, for <see cref="Reset"/>.</summary>
    public int Mark => _pos;

    public void Reset(int mark) => _pos = mark;

    public SqlToken Peek(int ahead = 0) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    public SqlToken Next()
    {
        SqlToken token = _tokens[_pos];
        if (token.Kind != SqlTokenKind.End)
        {
            _pos++;
        }

        return token;
    }

    public bool TakeKeyword(string keyword)
    {
        if (Peek().Is(keyword))
        {
            _pos++;
            return true;
        }

        return false;
    }

    public bool TakeSymbol(string symbol)
    {
        if (Peek().IsSymbol(symbol))
        {
            _pos++;
            return true;
        }

        return false;
    }

    public void ExpectSymbol(string symbol)
    {
        if (!TakeSymbol(symbol))
        {
            throw Expected($"'{symbol}'", Peek());
        }
    }

    public void ExpectKeyword(string keyword, string? context = null)
    {
        if (!TakeKeyword(keyword))
        {
            throw Expected(context is null ? $"'{keyword}'" : $"'{keyword}' {context}", Peek());
        }
    }

    public void ExpectEnd()
    {
        if (!AtEnd)
        {
            throw Expected("end of text", Peek());
        }
    }

    /// <summary>A name: an unquoted identifier that is not one of <paramref name="reserved"/>, or a quoted one.</summary>
    public SqlToken ExpectName(string what, IReadOnlySet<string>? reserved = null)
    {
        SqlToken token = Peek();
        if (token.Kind == SqlTokenKind.QuotedIdentifier
            || (token.Kind == SqlTokenKind.Identifier && (reserved is null || !reserved.Contains(token.Text))))
        {
            _pos++;
            return token;
        }

        throw Expected(what, token);
    }

    /// <summary>A whole number token that fits an int.</summary>
    public int ExpectInt(string what)
    {
        SqlToken token = Peek();
        if (token.Kind != SqlTokenKind.Number || !token.Text.All(char.IsAsciiDigit))
        {
            throw Expected(what, token);
        }

        _pos++;
        return int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw Error($"'{token.Text}' is out of range for an int", token);
    }

    /// <summary>One item, then more after each comma: the one comma-separated list loop every grammar uses.</summary>
    public List<T> CommaList<T>(Func<T> item)
    {
        var items = new List<T> { item() };
        while (TakeSymbol(","))
        {
            items.Add(item());
        }

        return items;
    }

    public SqlTextException Error(string detail, SqlToken at) => new(Subject, Text, at.Position + 1, detail);

    public SqlTextException Expected(string what, SqlToken found) => Error($"expected {what} but found {Describe(found)}", found);

    /// <summary>A token as an error message quotes it: its source text (excerpted; a string keeps its own quotes), or "end of text".</summary>
    public string Describe(SqlToken token) => token.Kind switch
    {
        SqlTokenKind.End => "end of text",
        SqlTokenKind.String => ErrorText.Excerpt(Text.AsSpan(token.Position, token.Length)),
        _ => $"'{ErrorText.Excerpt(Text.AsSpan(token.Position, token.Length))}'",
    };

    /// <summary>The source text of the tokens from <paramref name="from"/> up to the cursor.</summary>
    public string SourceSince(SqlToken from) => Text[from.Position..(_pos == 0 ? from.Position : _tokens[_pos - 1].Position + _tokens[_pos - 1].Length)];
}
