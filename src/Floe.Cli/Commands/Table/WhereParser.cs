using System.Globalization;
using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Table.RowLevel;

namespace Floe.Cli.Commands.Table;

/// <summary>
/// Parses the text of a <c>--where</c> row filter and of <c>--set</c> assignments into the library's row expressions
/// (<see cref="RowPredicate"/>, <see cref="ValueExpression"/>): a tokenizer and a recursive descent parser. Conditions:
/// comparisons (<c>= == != &lt;&gt; &lt; &lt;= &gt; &gt;=</c>) between values, <c>and</c>, <c>or</c>, <c>not</c>,
/// parentheses, <c>[not] in (...)</c>, <c>[not] between a and b</c>, <c>is [not] null</c> and <c>[not] like 'prefix%'</c>
/// (starts-with). Values: columns, constants, <c>+ - * / %</c> (usual precedence), unary minus and
/// <c>cast(value as type)</c>. Strings are single-quoted (<c>''</c> escapes a quote); numbers without a fraction are
/// longs, with a fraction decimals, with an exponent doubles; <c>true</c>/<c>false</c> are booleans, <c>null</c> is null.
/// Dates, times and timestamps are written as strings and converted when compared with a column.
/// </summary>
public sealed class WhereParser
{
    private readonly string _text;
    private readonly string _what;
    private readonly List<Token> _tokens;
    private int _pos;

    private WhereParser(string text, string what)
    {
        _text = text;
        _what = what;
        _tokens = Tokenize(text, what);
    }

    private enum Kind
    {
        Identifier,
        String,
        Number,
        Symbol,
        End,
    }

    /// <summary>
    /// Parses a filter into an Iceberg expression (what scans push down); a filter with arithmetic, casts or
    /// comparisons between columns fails, since only row-level deletes and updates evaluate those.
    /// </summary>
    public static Expression Parse(string text)
    {
        RowPredicate condition = ParseCondition(text);
        return PredicatePushdown.Exact(condition)
            ?? throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Invalid --where: \"{text}\" uses arithmetic, casts or compares columns with each other, which only 'table delete' and 'table update' evaluate.");
    }

    /// <summary>Parses a filter into a row predicate.</summary>
    public static RowPredicate ParseCondition(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new WhereParser(text, "--where");
        RowPredicate result = parser.ParseOr();
        parser.ExpectEnd();
        return result;
    }

    /// <summary>Parses <c>column = value</c> (a <c>--set</c> of an update).</summary>
    public static Assignment ParseAssignment(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new WhereParser(text, "--set");
        Token column = parser.Next();
        if (column.Kind != Kind.Identifier || IsKeyword(column))
        {
            throw parser.Error($"expected a column name but found '{column.Text}'", column);
        }

        if (!parser.TakeSymbol("=") && !parser.TakeSymbol("=="))
        {
            throw parser.Error($"expected '=' after '{column.Text}' but found '{parser.Peek().Text}'", parser.Peek());
        }

        ValueExpression value = parser.ParseValue();
        parser.ExpectEnd();
        return new Assignment(column.Text, value);
    }

    private void ExpectEnd()
    {
        Token end = Peek();
        if (end.Kind != Kind.End)
        {
            throw Error($"unexpected '{end.Text}'", end);
        }
    }

    private RowPredicate ParseOr()
    {
        RowPredicate left = ParseAnd();
        while (TakeKeyword("or"))
        {
            left = RowPredicate.Or(left, ParseAnd());
        }

        return left;
    }

    private RowPredicate ParseAnd()
    {
        RowPredicate left = ParseNot();
        while (TakeKeyword("and"))
        {
            left = RowPredicate.And(left, ParseNot());
        }

        return left;
    }

    private RowPredicate ParseNot()
    {
        if (TakeKeyword("not"))
        {
            return RowPredicate.Not(ParseNot());
        }

        // "(" opens either a condition or a value such as (a + b) > 3: try a condition first.
        if (Peek() is { Kind: Kind.Symbol, Text: "(" })
        {
            int start = _pos;
            try
            {
                _pos++;
                RowPredicate inner = ParseOr();
                Expect(")");
                if (!StartsPredicateTail(Peek()))
                {
                    return inner;
                }
            }
            catch (FloeException)
            {
                // Not a parenthesized condition: read it as a value below.
            }

            _pos = start;
        }

        return ParsePredicate();
    }

    private static bool StartsPredicateTail(Token token) =>
        (token.Kind == Kind.Symbol && token.Text is not ")" and not ",")
        || token.Is("is") || token.Is("in") || token.Is("like") || token.Is("between") || token.Is("not");

    private RowPredicate ParsePredicate()
    {
        Token first = Peek();
        if (first.Kind == Kind.End || (first.Kind == Kind.Identifier && IsKeyword(first) && !first.Is("null") && !first.Is("cast")))
        {
            throw Error($"expected a column name but found '{first.Text}'", first);
        }

        ValueExpression value = ParseValue();
        if (TakeKeyword("is"))
        {
            bool negated = TakeKeyword("not");
            Token nullToken = Next();
            if (!nullToken.Is("null"))
            {
                throw Error($"expected 'null' after 'is' but found '{nullToken.Text}'", nullToken);
            }

            return negated ? RowPredicate.NotNull(value) : RowPredicate.IsNull(value);
        }

        bool not = TakeKeyword("not");
        if (TakeKeyword("in"))
        {
            Expect("(");
            var values = new List<Literal> { ParseListValue() };
            while (TakeSymbol(","))
            {
                values.Add(ParseListValue());
            }

            Expect(")");
            return RowPredicate.In(value, values, not);
        }

        if (TakeKeyword("like"))
        {
            Token pattern = Next();
            if (pattern.Kind != Kind.String || !pattern.Text.EndsWith('%') || pattern.Text[..^1].Contains('%', StringComparison.Ordinal)
                || pattern.Text.Contains('_', StringComparison.Ordinal))
            {
                throw Error("only LIKE 'prefix%' (starts with) is supported", pattern);
            }

            return RowPredicate.StartsWith(value, pattern.Text[..^1], not);
        }

        if (TakeKeyword("between"))
        {
            ValueExpression low = ParseValue();
            if (!TakeKeyword("and"))
            {
                throw Error($"expected 'and' after the lower bound of between but found '{Peek().Text}'", Peek());
            }

            RowPredicate between = RowPredicate.Between(value, low, ParseValue());
            return not ? RowPredicate.Not(between) : between;
        }

        if (not)
        {
            throw Error("expected 'in', 'like' or 'between' after 'not'", Peek());
        }

        Token op = Next();
        ComparisonOperator? comparison = op.Kind != Kind.Symbol ? null : op.Text switch
        {
            "=" or "==" => ComparisonOperator.Equal,
            "!=" or "<>" => ComparisonOperator.NotEqual,
            "<" => ComparisonOperator.LessThan,
            "<=" => ComparisonOperator.LessThanOrEqual,
            ">" => ComparisonOperator.GreaterThan,
            ">=" => ComparisonOperator.GreaterThanOrEqual,
            _ => null,
        };
        if (comparison is not { } cmp)
        {
            throw Error(op.Kind == Kind.Symbol ? $"unknown comparison '{op.Text}'" : $"expected a comparison after '{value}' but found '{op.Text}'", op);
        }

        return RowPredicate.Compare(cmp, value, ParseValue());
    }

    private ValueExpression ParseValue()
    {
        ValueExpression left = ParseTerm();
        while (Peek() is { Kind: Kind.Symbol, Text: "+" or "-" } token)
        {
            _pos++;
            left = ValueExpression.Arithmetic(token.Text == "+" ? ArithmeticOperator.Add : ArithmeticOperator.Subtract, left, ParseTerm());
        }

        return left;
    }

    private ValueExpression ParseTerm()
    {
        ValueExpression left = ParseFactor();
        while (Peek() is { Kind: Kind.Symbol, Text: "*" or "/" or "%" } token)
        {
            _pos++;
            ArithmeticOperator op = token.Text switch
            {
                "*" => ArithmeticOperator.Multiply,
                "/" => ArithmeticOperator.Divide,
                _ => ArithmeticOperator.Modulo,
            };
            left = ValueExpression.Arithmetic(op, left, ParseFactor());
        }

        return left;
    }

    private ValueExpression ParseFactor()
    {
        if (Peek() is { Kind: Kind.Symbol, Text: "-" })
        {
            _pos++;

            // A minus before a number is part of the constant (so -2.5 stays one literal).
            if (Peek().Kind == Kind.Number)
            {
                Token number = Next();
                return ValueExpression.Constant(ParseNumber(number with { Text = "-" + number.Text }));
            }

            return ValueExpression.Negate(ParseFactor());
        }

        Token token = Peek();
        if (token.Kind == Kind.Symbol && token.Text == "(")
        {
            _pos++;
            ValueExpression inner = ParseValue();
            Expect(")");
            return inner;
        }

        if (token.Is("cast") && _tokens[_pos + 1] is { Kind: Kind.Symbol, Text: "(" })
        {
            _pos += 2;
            ValueExpression operand = ParseValue();
            if (!TakeKeyword("as"))
            {
                throw Error($"expected 'as' in cast but found '{Peek().Text}'", Peek());
            }

            PrimitiveType type = ParseType();
            Expect(")");
            return ValueExpression.Cast(operand, type);
        }

        if (token.Kind == Kind.Identifier && !IsKeyword(token) && !token.Is("true") && !token.Is("false"))
        {
            _pos++;
            return ValueExpression.Column(token.Text);
        }

        if (token.Is("null"))
        {
            _pos++;
            return ValueExpression.Constant(Literal.Null);
        }

        return ValueExpression.Constant(ParseLiteral());
    }

    /// <summary>A type name: Iceberg's (int, long, decimal(p,s), timestamptz...) or the SQL aliases integer, bigint, real, varchar, text.</summary>
    private PrimitiveType ParseType()
    {
        Token name = Next();
        if (name.Kind != Kind.Identifier)
        {
            throw Error($"expected a type name but found '{name.Text}'", name);
        }

        string text = name.Text.ToLowerInvariant() switch
        {
            "integer" => "int",
            "bigint" => "long",
            "real" => "float",
            "varchar" or "text" => "string",
            string other => other,
        };
        if (text == "decimal" && TakeSymbol("("))
        {
            Token precision = Next();
            Expect(",");
            Token scale = Next();
            Expect(")");
            text = $"decimal({precision.Text}, {scale.Text})";
        }

        try
        {
            return PrimitiveType.Parse(text);
        }
        catch (FloeException)
        {
            throw Error($"unknown type '{name.Text}'", name);
        }
    }

    private Literal ParseListValue()
    {
        if (Peek() is { Kind: Kind.Symbol, Text: "-" } && _tokens[_pos + 1].Kind == Kind.Number)
        {
            _pos++;
            Token number = Next();
            return ParseNumber(number with { Text = "-" + number.Text });
        }

        return ParseLiteral();
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
        token.Is("and") || token.Is("or") || token.Is("not") || token.Is("in") || token.Is("is") || token.Is("null") || token.Is("like")
        || token.Is("between") || token.Is("cast") || token.Is("as");

    private FloeException Error(string message, Token at) =>
        new(FloeErrorKind.InvalidArgument, $"Invalid {_what} at position {at.Position + 1}: {message} in \"{_text}\".");

    private static List<Token> Tokenize(string text, string what)
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
                        throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid {what} at position {start + 1}: unterminated string in \"{text}\".");
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
                        throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid {what} at position {start + 1}: unterminated quoted name in \"{text}\".");
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
                else if (c is '=' or '<' or '>' or '(' or ')' or ',' or '-' or '+' or '*' or '/' or '%')
                {
                    i++;
                    tokens.Add(new Token(Kind.Symbol, c.ToString(), start));
                }
                else
                {
                    throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid {what} at position {start + 1}: unexpected character '{c}' in \"{text}\".");
                }
            }
        }

        tokens.Add(new Token(Kind.End, "end of text", text.Length));
        return tokens;
    }

    private readonly record struct Token(Kind Kind, string Text, int Position)
    {
        public bool Is(string keyword) => Kind == Kind.Identifier && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
    }
}
