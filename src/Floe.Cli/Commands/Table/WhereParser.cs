using System.Globalization;
using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Values;

namespace Floe.Cli.Commands.Table;

/// <summary>
/// Parses a <c>--where</c> row filter into an unbound expression: comparisons (<c>= == != &lt;&gt; &lt; &lt;= &gt; &gt;=</c>),
/// <c>and</c>, <c>or</c>, <c>not</c>, parentheses, <c>[not] in (...)</c>, <c>is [not] null</c> and
/// <c>[not] like 'prefix%'</c> (starts-with). Strings are single-quoted (<c>''</c> escapes a quote); numbers without a
/// fraction are longs, with a fraction decimals, with an exponent doubles; <c>true</c>/<c>false</c> are booleans.
/// Dates, times and timestamps are written as strings and converted when the filter is bound to the schema.
/// </summary>
public sealed class WhereParser
{
    private readonly string _text;
    private readonly List<Token> _tokens;
    private int _pos;

    private WhereParser(string text)
    {
        _text = text;
        _tokens = Tokenize(text);
    }

    private enum Kind
    {
        Identifier,
        String,
        Number,
        Symbol,
        End,
    }

    public static Expression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new WhereParser(text);
        Expression result = parser.ParseOr();
        Token end = parser.Peek();
        return end.Kind == Kind.End ? result : throw parser.Error($"unexpected '{end.Text}'", end);
    }

    private Expression ParseOr()
    {
        Expression left = ParseAnd();
        while (TakeKeyword("or"))
        {
            left = Expr.Or(left, ParseAnd());
        }

        return left;
    }

    private Expression ParseAnd()
    {
        Expression left = ParseNot();
        while (TakeKeyword("and"))
        {
            left = Expr.And(left, ParseNot());
        }

        return left;
    }

    private Expression ParseNot()
    {
        if (TakeKeyword("not"))
        {
            return Expr.Not(ParseNot());
        }

        if (TakeSymbol("("))
        {
            Expression inner = ParseOr();
            Expect(")");
            return inner;
        }

        return ParsePredicate();
    }

    private Expression ParsePredicate()
    {
        Token column = Next();
        if (column.Kind != Kind.Identifier || IsKeyword(column))
        {
            throw Error($"expected a column name but found '{column.Text}'", column);
        }

        string name = column.Text;
        if (TakeKeyword("is"))
        {
            bool negated = TakeKeyword("not");
            Token nullToken = Next();
            if (!nullToken.Is("null"))
            {
                throw Error($"expected 'null' after 'is' but found '{nullToken.Text}'", nullToken);
            }

            return negated ? Expr.NotNull(name) : Expr.IsNull(name);
        }

        bool not = TakeKeyword("not");
        if (TakeKeyword("in"))
        {
            Expect("(");
            var values = new List<Literal> { ParseLiteral() };
            while (TakeSymbol(","))
            {
                values.Add(ParseLiteral());
            }

            Expect(")");
            return not ? Expr.NotIn(name, values) : Expr.In(name, values);
        }

        if (TakeKeyword("like"))
        {
            Token pattern = Next();
            if (pattern.Kind != Kind.String || !pattern.Text.EndsWith('%') || pattern.Text[..^1].Contains('%', StringComparison.Ordinal)
                || pattern.Text.Contains('_', StringComparison.Ordinal))
            {
                throw Error("only LIKE 'prefix%' (starts with) is supported", pattern);
            }

            string prefix = pattern.Text[..^1];
            return not ? Expr.NotStartsWith(name, prefix) : Expr.StartsWith(name, prefix);
        }

        if (not)
        {
            throw Error("expected 'in' or 'like' after 'not'", Peek());
        }

        Token op = Next();
        if (op.Kind != Kind.Symbol)
        {
            throw Error($"expected a comparison after '{name}' but found '{op.Text}'", op);
        }

        Literal value = ParseLiteral();
        return op.Text switch
        {
            "=" or "==" => Expr.Equal(name, value),
            "!=" or "<>" => Expr.NotEqual(name, value),
            "<" => Expr.LessThan(name, value),
            "<=" => Expr.LessThanOrEqual(name, value),
            ">" => Expr.GreaterThan(name, value),
            ">=" => Expr.GreaterThanOrEqual(name, value),
            _ => throw Error($"unknown comparison '{op.Text}'", op),
        };
    }

    private Literal ParseLiteral()
    {
        Token token = Next();
        switch (token.Kind)
        {
            case Kind.String:
                return Literal.Of(token.Text);
            case Kind.Number:
                return ParseNumber(token);
            case Kind.Identifier when token.Is("true"):
                return Literal.Of(true);
            case Kind.Identifier when token.Is("false"):
                return Literal.Of(false);
            case Kind.Symbol when token.Text == "-" && Peek().Kind == Kind.Number:
                Token number = Next();
                return ParseNumber(number with { Text = "-" + number.Text });
            default:
                throw Error($"expected a value but found '{token.Text}'", token);
        }
    }

    private Literal ParseNumber(Token token)
    {
        string text = token.Text;
        if (text.Contains('e', StringComparison.OrdinalIgnoreCase))
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
            {
                throw Error($"'{text}' is not a number", token);
            }

            // A number token is digits, never a spelled-out infinity, so an infinite result is an overflow.
            return double.IsFinite(d) ? Literal.Of(d) : throw Error($"'{text}' is out of range for a double", token);
        }

        if (text.Contains('.', StringComparison.Ordinal))
        {
            return LiteralText.TryParseDecimal(text, out Int128 unscaled, out int scale)
                ? Literal.OfDecimal(unscaled, scale) : throw Error($"'{text}' is not a number", token);
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)
            ? Literal.Of(l) : throw Error($"'{text}' is not a long", token);
    }

    private Token Peek() => _tokens[_pos];

    private Token Next()
    {
        Token token = _tokens[_pos];
        if (token.Kind != Kind.End)
        {
            _pos++;
        }

        return token;
    }

    private bool TakeKeyword(string keyword)
    {
        if (Peek() is { Kind: Kind.Identifier } token && token.Is(keyword))
        {
            _pos++;
            return true;
        }

        return false;
    }

    private bool TakeSymbol(string symbol)
    {
        if (Peek() is { Kind: Kind.Symbol } token && token.Text == symbol)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void Expect(string symbol)
    {
        if (!TakeSymbol(symbol))
        {
            Token token = Peek();
            throw Error($"expected '{symbol}' but found '{token.Text}'", token);
        }
    }

    private static bool IsKeyword(Token token) =>
        token.Is("and") || token.Is("or") || token.Is("not") || token.Is("in") || token.Is("is") || token.Is("null") || token.Is("like");

    private FloeException Error(string message, Token at) =>
        new(FloeErrorKind.InvalidArgument, $"Invalid --where at position {at.Position + 1}: {message} in \"{_text}\".");

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '\'')
            {
                int start = i++;
                var value = new System.Text.StringBuilder();
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid --where at position {start + 1}: unterminated string in \"{text}\".");
                    }

                    if (text[i] == '\'')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '\'')
                        {
                            value.Append('\'');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    value.Append(text[i++]);
                }

                tokens.Add(new Token(Kind.String, value.ToString(), start));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                int start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '.'
                    || (text[i] is '+' or '-' && (text[i - 1] is 'e' or 'E'))))
                {
                    i++;
                }

                tokens.Add(new Token(Kind.Number, text[start..i], start));
            }
            else if (char.IsLetter(c) || c == '_' || c == '"' || c == '`')
            {
                int start = i;
                if (c is '"' or '`')
                {
                    int close = text.IndexOf(c, i + 1);
                    if (close < 0)
                    {
                        throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid --where at position {start + 1}: unterminated quoted name in \"{text}\".");
                    }

                    tokens.Add(new Token(Kind.Identifier, text[(i + 1)..close], start));
                    i = close + 1;
                    continue;
                }

                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    i++;
                }

                tokens.Add(new Token(Kind.Identifier, text[start..i], start));
            }
            else
            {
                int start = i;
                string two = i + 1 < text.Length ? text.Substring(i, 2) : string.Empty;
                if (two is "<=" or ">=" or "!=" or "<>" or "==")
                {
                    i += 2;
                    tokens.Add(new Token(Kind.Symbol, two, start));
                }
                else if (c is '=' or '<' or '>' or '(' or ')' or ',' or '-')
                {
                    i++;
                    tokens.Add(new Token(Kind.Symbol, c.ToString(), start));
                }
                else
                {
                    throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid --where at position {start + 1}: unexpected character '{c}' in \"{text}\".");
                }
            }
        }

        tokens.Add(new Token(Kind.End, "end of filter", text.Length));
        return tokens;
    }

    private readonly record struct Token(Kind Kind, string Text, int Position)
    {
        public bool Is(string keyword) => Kind == Kind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
    }
}
