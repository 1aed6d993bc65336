using System.Globalization;
using Floe.Core.Expressions;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Sql.Syntax;
using Floe.Table.RowLevel;

namespace Floe.Sql.Grammar;

/// <summary>
/// The expression grammar every SQL text shares: conditions (<see cref="RowPredicate"/>) and values
/// (<see cref="ValueExpression"/>). Precedence from loosest: <c>or</c>, <c>and</c>, <c>not</c>, a predicate
/// (comparison, <c>is [not] null</c>, <c>[not] in</c>, <c>[not] like</c>, <c>[not] between</c>), <c>+ -</c>,
/// <c>* / %</c>, unary minus. Given a schema, column names and constants compared with columns are checked where they
/// are written, so the error names their position.
/// </summary>
internal sealed class ExpressionParser(SqlCursor cursor, Schema? schema)
{
    /// <summary>Words that are keywords in expressions; a column of that name is written quoted.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(
        ["and", "or", "not", "in", "is", "null", "like", "between", "cast", "as", "true", "false"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Types a string constant may be prefixed with (<c>date '2026-01-02'</c>), converted when parsed.</summary>
    private static readonly Dictionary<string, PrimitiveType> s_typedLiterals = new(StringComparer.OrdinalIgnoreCase)
    {
        ["date"] = PrimitiveType.Date,
        ["time"] = PrimitiveType.Time,
        ["timestamp"] = PrimitiveType.Timestamp,
        ["timestamptz"] = PrimitiveType.TimestampTz,
        ["timestamp_ns"] = PrimitiveType.TimestampNs,
        ["timestamptz_ns"] = PrimitiveType.TimestampTzNs,
    };

    public RowPredicate ParseCondition()
    {
        RowPredicate left = ParseAnd();
        while (cursor.TakeKeyword("or"))
        {
            left = RowPredicate.Or(left, ParseAnd());
        }

        return left;
    }

    public ValueExpression ParseValue()
    {
        ValueExpression left = ParseTerm();
        while (cursor.Peek() is { Kind: SqlTokenKind.Symbol, Text: "+" or "-" } token)
        {
            cursor.Next();
            left = ValueExpression.Arithmetic(token.Text == "+" ? ArithmeticOperator.Add : ArithmeticOperator.Subtract, left, ParseTerm());
        }

        return left;
    }

    /// <summary>The field a column name refers to, or an error at its token; it must be a primitive to be used in expressions.</summary>
    public NestedField? CheckColumn(SqlToken name, bool topLevel = false)
    {
        if (schema is null)
        {
            return null;
        }

        NestedField field = (topLevel ? schema.Columns.FirstOrDefault(c => c.Name == name.Text) : schema.FindField(name.Text))
            ?? throw cursor.Error($"unknown column '{name.Text}'", name);
        return field.Type is PrimitiveType ? field : throw cursor.Error($"column '{name.Text}' is a {field.Type}, not a primitive value", name);
    }

    private RowPredicate ParseAnd()
    {
        RowPredicate left = ParseNot();
        while (cursor.TakeKeyword("and"))
        {
            left = RowPredicate.And(left, ParseNot());
        }

        return left;
    }

    private RowPredicate ParseNot()
    {
        if (cursor.TakeKeyword("not"))
        {
            return RowPredicate.Not(ParseNot());
        }

        if (!cursor.Peek().IsSymbol("("))
        {
            return ParsePredicate();
        }

        // "(" opens either a condition or a value such as (a + b) > 3: try a condition first, then a value, and
        // report the failure that got further into the text.
        int mark = cursor.Mark;
        SqlTextException? asCondition = null;
        try
        {
            cursor.Next();
            RowPredicate inner = ParseCondition();
            cursor.ExpectSymbol(")");
            if (!StartsPredicateTail(cursor.Peek()))
            {
                return inner;
            }
        }
        catch (SqlTextException e)
        {
            asCondition = e;
        }

        cursor.Reset(mark);
        try
        {
            return ParsePredicate();
        }
        catch (SqlTextException e) when (asCondition is not null && asCondition.Column > e.Column)
        {
            throw asCondition;
        }
    }

    private static bool StartsPredicateTail(SqlToken token) =>
        (token.Kind == SqlTokenKind.Symbol && token.Text is not ")" and not ",")
        || token.Is("is") || token.Is("in") || token.Is("like") || token.Is("between") || token.Is("not");

    private RowPredicate ParsePredicate()
    {
        SqlToken first = cursor.Peek();
        if (first.Kind == SqlTokenKind.End
            || (first.Kind == SqlTokenKind.Identifier && Reserved.Contains(first.Text) && !first.Is("null") && !first.Is("cast") && !first.Is("true") && !first.Is("false")))
        {
            throw cursor.Expected("a column name", first);
        }

        ValueExpression value = ParseValue();
        if (cursor.TakeKeyword("is"))
        {
            bool negated = cursor.TakeKeyword("not");
            cursor.ExpectKeyword("null", "after 'is'");
            return negated ? RowPredicate.NotNull(value) : RowPredicate.IsNull(value);
        }

        bool not = cursor.TakeKeyword("not");
        if (cursor.TakeKeyword("in"))
        {
            cursor.ExpectSymbol("(");
            List<Literal> values = cursor.CommaList(() => ParseListValue(value));
            cursor.ExpectSymbol(")");
            return RowPredicate.In(value, values, not);
        }

        if (cursor.TakeKeyword("like"))
        {
            SqlToken pattern = cursor.Next();
            if (pattern.Kind != SqlTokenKind.String || !pattern.Text.EndsWith('%') || pattern.Text[..^1].Contains('%', StringComparison.Ordinal)
                || pattern.Text.Contains('_', StringComparison.Ordinal))
            {
                throw cursor.Error($"only LIKE 'prefix%' (starts with) is supported, found {cursor.Describe(pattern)}", pattern);
            }

            return RowPredicate.StartsWith(value, pattern.Text[..^1], not);
        }

        if (cursor.TakeKeyword("between"))
        {
            ValueExpression low = ParseCompared(value);
            cursor.ExpectKeyword("and", "after the lower bound of between");
            RowPredicate between = RowPredicate.Between(value, low, ParseCompared(value));
            return not ? RowPredicate.Not(between) : between;
        }

        if (not)
        {
            throw cursor.Expected("'in', 'like' or 'between' after 'not'", cursor.Peek());
        }

        SqlToken op = cursor.Peek();
        ComparisonOperator comparison = op.Kind != SqlTokenKind.Symbol ? Fail() : op.Text switch
        {
            "=" or "==" => ComparisonOperator.Equal,
            "!=" or "<>" => ComparisonOperator.NotEqual,
            "<" => ComparisonOperator.LessThan,
            "<=" => ComparisonOperator.LessThanOrEqual,
            ">" => ComparisonOperator.GreaterThan,
            ">=" => ComparisonOperator.GreaterThanOrEqual,
            _ => Fail(),
        };
        cursor.Next();
        SqlToken rightStart = cursor.Peek();
        ValueExpression right = ParseValue();
        if (value is ConstantValue constant && right is ColumnValue column)
        {
            CheckConstant(column, constant.Value, first);
        }
        else
        {
            CheckConstant(value, right, rightStart);
        }

        return RowPredicate.Compare(comparison, value, right);

        ComparisonOperator Fail() => throw cursor.Expected($"a comparison operator after '{cursor.SourceSince(first)}'", op);
    }

    /// <summary>A value compared with <paramref name="operand"/> (a between bound), checked against its column.</summary>
    private ValueExpression ParseCompared(ValueExpression operand)
    {
        SqlToken start = cursor.Peek();
        ValueExpression value = ParseValue();
        CheckConstant(operand, value, start);
        return value;
    }

    private Literal ParseListValue(ValueExpression operand)
    {
        SqlToken start = cursor.Peek();
        Literal value = ParseLiteral();
        CheckConstant(operand, ValueExpression.Constant(value), start);
        return value;
    }

    /// <summary>A constant compared with a column must be convertible to the column's type.</summary>
    private void CheckConstant(ValueExpression operand, ValueExpression other, SqlToken at)
    {
        if (operand is ColumnValue column && other is ConstantValue constant)
        {
            CheckConstant(column, constant.Value, at);
        }
    }

    private void CheckConstant(ColumnValue column, Literal value, SqlToken at)
    {
        if (schema?.FindField(column.Name)?.Type is not PrimitiveType type || value.IsNull)
        {
            return;
        }

        bool comparable = (IsNumeric(value.TypeId) && IsNumeric(type.TypeId)) || value.TypeId == type.TypeId;
        if (!comparable && LiteralConversion.TryConvert(value, type, out _) == ConversionOutcome.Invalid)
        {
            string found = value.TypeId == TypeId.String ? new ConstantValue(value).ToString() : $"'{value}'";
            throw cursor.Error($"expected a {type} value for column '{column.Name}' but found {found}", at);
        }
    }

    private static bool IsNumeric(TypeId id) => id is TypeId.Int or TypeId.Long or TypeId.Float or TypeId.Double or TypeId.Decimal;

    private ValueExpression ParseTerm()
    {
        ValueExpression left = ParseFactor();
        while (cursor.Peek() is { Kind: SqlTokenKind.Symbol, Text: "*" or "/" or "%" } token)
        {
            cursor.Next();
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
        SqlToken token = cursor.Peek();
        if (token.IsSymbol("-"))
        {
            // A minus before a number is part of the constant (so -2.5 stays one literal).
            if (cursor.Peek(1).Kind == SqlTokenKind.Number)
            {
                return ValueExpression.Constant(ParseLiteral());
            }

            cursor.Next();
            return ValueExpression.Negate(ParseFactor());
        }

        if (token.IsSymbol("("))
        {
            cursor.Next();
            ValueExpression inner = ParseValue();
            cursor.ExpectSymbol(")");
            return inner;
        }

        if (token.Is("cast") && cursor.Peek(1).IsSymbol("("))
        {
            cursor.Next();
            cursor.Next();
            ValueExpression operand = ParseValue();
            cursor.ExpectKeyword("as", "in cast");
            PrimitiveType type = TypeParser.ParsePrimitive(cursor);
            cursor.ExpectSymbol(")");
            return ValueExpression.Cast(operand, type);
        }

        if (token.Is("null"))
        {
            cursor.Next();
            return ValueExpression.Constant(Literal.Null);
        }

        if (token.IsName && !IsTypedLiteral() && !(token.Kind == SqlTokenKind.Identifier && Reserved.Contains(token.Text)))
        {
            cursor.Next();
            CheckColumn(token);
            return ValueExpression.Column(token.Text);
        }

        return ValueExpression.Constant(ParseLiteral());
    }

    private bool IsTypedLiteral() =>
        cursor.Peek() is { Kind: SqlTokenKind.Identifier } name && s_typedLiterals.ContainsKey(name.Text) && cursor.Peek(1).Kind == SqlTokenKind.String;

    /// <summary>A constant: a string, a number (with an optional minus), true, false, or a typed string such as <c>date '2026-01-02'</c>.</summary>
    private Literal ParseLiteral()
    {
        if (IsTypedLiteral())
        {
            PrimitiveType type = s_typedLiterals[cursor.Next().Text];
            SqlToken text = cursor.Next();
            return LiteralConversion.TryConvert(Literal.Of(text.Text), type, out Literal converted) == ConversionOutcome.Exact
                ? converted
                : throw cursor.Error($"expected a {type} value but found {cursor.Describe(text)}", text);
        }

        SqlToken token = cursor.Next();
        switch (token.Kind)
        {
            case SqlTokenKind.String:
                return Literal.Of(token.Text);
            case SqlTokenKind.Number:
                return ParseNumber(token.Text, token);
            case SqlTokenKind.Identifier when token.Is("true"):
                return Literal.Of(true);
            case SqlTokenKind.Identifier when token.Is("false"):
                return Literal.Of(false);
            case SqlTokenKind.Symbol when token.Text == "-" && cursor.Peek().Kind == SqlTokenKind.Number:
                return ParseNumber("-" + cursor.Next().Text, token);
            default:
                throw cursor.Expected("a value", token);
        }
    }

    /// <summary>
    /// A number: with an exponent a double, with a fraction a decimal, otherwise a long. Numbers beyond their type's
    /// range are refused rather than rounded.
    /// </summary>
    private Literal ParseNumber(string text, SqlToken at)
    {
        if (text.Contains('e', StringComparison.OrdinalIgnoreCase))
        {
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
            {
                throw cursor.Error($"'{text}' is not a number", at);
            }

            // A number token is digits, never a spelled-out infinity, so an infinite result is an overflow.
            return double.IsFinite(d) ? Literal.Of(d) : throw cursor.Error($"'{text}' is out of range for a double", at);
        }

        bool digitsOnly = text.AsSpan(text[0] == '-' ? 1 : 0).ContainsAnyExcept("0123456789.") is false;
        if (text.Contains('.', StringComparison.Ordinal))
        {
            return LiteralText.TryParseDecimal(text, out Int128 unscaled, out int scale) ? Literal.OfDecimal(unscaled, scale)
                : throw cursor.Error(digitsOnly && text.Count(c => c == '.') == 1 ? $"'{text}' is out of range for a decimal (38 digits at most)" : $"'{text}' is not a number", at);
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l) ? Literal.Of(l)
            : throw cursor.Error(digitsOnly ? $"'{text}' is out of range for a long" : $"'{text}' is not a number", at);
    }
}
