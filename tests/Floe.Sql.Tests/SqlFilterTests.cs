using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Schemas;
using Floe.Core.Values;
using Floe.Table.RowLevel;

namespace Floe.Sql.Tests;

public sealed class SqlFilterTests
{
    private static readonly Schema s_schema = TestSchemas.Table();

    [Fact]
    public void Parse_builds_the_same_expressions_as_Expr()
    {
        (string Text, Expression Expected)[] cases =
        [
            ("id > 5 and name = 'x'", Expr.And(Expr.GreaterThan("id", Literal.Of(5L)), Expr.Equal("name", Literal.Of("x")))),
            ("not (a < 1 or b >= -2.5)", Expr.Not(Expr.Or(Expr.LessThan("a", Literal.Of(1L)), Expr.GreaterThanOrEqual("b", Literal.OfDecimal(-25, 1))))),
            ("a in (1, 2, 3)", Expr.In("a", Literal.Of(1L), Literal.Of(2L), Literal.Of(3L))),
            ("a not in ('x')", Expr.NotIn("a", Literal.Of("x"))),
            ("name like 'ab%'", Expr.StartsWith("name", "ab")),
            ("name NOT LIKE 'ab%'", Expr.NotStartsWith("name", "ab")),
            ("ts is null or ts is not null", Expr.Or(Expr.IsNull("ts"), Expr.NotNull("ts"))),
            ("flag = true and x <> 1e3 and y != 2", Expr.And(Expr.And(Expr.Equal("flag", Literal.Of(true)), Expr.NotEqual("x", Literal.Of(1000.0))), Expr.NotEqual("y", Literal.Of(2L)))),
            ("a = 1 or b = 2 and c = 3", Expr.Or(Expr.Equal("a", Literal.Of(1L)), Expr.And(Expr.Equal("b", Literal.Of(2L)), Expr.Equal("c", Literal.Of(3L))))),
            ("\"odd name\" <= 'it''s'", Expr.LessThanOrEqual("odd name", Literal.Of("it's"))),
            ("`and` = 1", Expr.Equal("and", Literal.Of(1L))),
        ];
        foreach ((string text, Expression expected) in cases)
        {
            Assert.Equal(expected.ToString(), SqlFilter.Parse(text).ToString());
        }
    }

    [Theory]
    [InlineData("a = 1", "a = 1")]
    [InlineData("a == 1", "a = 1")]
    [InlineData("a != 1", "a != 1")]
    [InlineData("a <> 1", "a != 1")]
    [InlineData("a < 1", "a < 1")]
    [InlineData("a <= 1", "a <= 1")]
    [InlineData("a > 1", "a > 1")]
    [InlineData("a >= 1", "a >= 1")]
    [InlineData("a + b * c - d / e % f > 0", "((a + (b * c)) - ((d / e) % f)) > 0")]
    [InlineData("a - b - c = 0", "((a - b) - c) = 0")]
    [InlineData("-a * b = 1", "(-a * b) = 1")]
    [InlineData("a - -1 = 0", "(a - -1) = 0")]
    [InlineData("-(a + 1) = 0", "-(a + 1) = 0")]
    [InlineData("(a + b) > 3", "(a + b) > 3")]
    [InlineData("((a = 1))", "a = 1")]
    [InlineData("(a = 1 or b = 2) and c = 3", "((a = 1 or b = 2) and c = 3)")]
    [InlineData("not a = 1 and b = 2 or c = 3", "((not (a = 1) and b = 2) or c = 3)")]
    [InlineData("not not a = 1", "not (not (a = 1))")]
    [InlineData("a between 1 and 2 and b = 1", "((a >= 1 and a <= 2) and b = 1)")]
    [InlineData("a NOT BETWEEN 1 AND 2", "not ((a >= 1 and a <= 2))")]
    [InlineData("a IS NOT NULL AND B Is Null", "(a is not null and B is null)")]
    [InlineData("x = null", "x = null")]
    [InlineData("1 < a", "1 < a")]
    [InlineData("a = b", "a = b")]
    [InlineData("cast(a as bigint) + 1 >= cast('2' as integer)", "(cast(a as long) + 1) >= cast('2' as int)")]
    [InlineData("cast(a as REAL) = cast(b as text)", "cast(a as float) = cast(b as string)")]
    [InlineData("a in (-1, 2.5, 'x', true)", "a in (-1, 2.5, 'x', true)")]
    [InlineData("loc.city like 'B%'", "loc.city like 'B%'")]
    public void ParseCondition_follows_precedence_and_nesting(string text, string expected) =>
        Assert.Equal(expected, SqlFilter.ParseCondition(text).ToString());

    [Fact]
    public void Typed_literals_are_converted_when_parsed()
    {
        var condition = Assert.IsType<ComparisonPredicate>(SqlFilter.ParseCondition("d = DATE '2026-01-02'", s_schema));
        Assert.True(LiteralText.TryParseDate("2026-01-02", out int days));
        Assert.Equal(ValueExpression.Constant(Literal.OfDate(days)), condition.Right);

        Assert.Equal(ValueExpression.Column("date"), Assert.IsType<ComparisonPredicate>(SqlFilter.ParseCondition("date = 1")).Left);
    }

    [Theory]
    [InlineData("id >", 5, "expected a value but found end of text")]
    [InlineData("id = 'abc", 6, "unterminated string")]
    [InlineData("(id = 1", 8, "expected ')' but found end of text")]
    [InlineData("id = 1 or (name = 'x'", 22, "expected ')' but found end of text")]
    [InlineData("id = 1)", 7, "expected end of text but found ')'")]
    [InlineData("id ~ 1", 4, "unexpected character '~'")]
    [InlineData("name like '%x'", 11, "only LIKE 'prefix%' (starts with) is supported, found '%x'")]
    [InlineData("name like 'a_%'", 11, "only LIKE 'prefix%' (starts with) is supported, found 'a_%'")]
    [InlineData("id = 1 id = 2", 8, "expected end of text but found 'id'")]
    [InlineData("id is 5", 7, "expected 'null' after 'is' but found '5'")]
    [InlineData("score > 1e400", 9, "'1e400' is out of range for a double")]
    [InlineData("score > -1e400", 9, "'-1e400' is out of range for a double")]
    [InlineData("id = 9223372036854775808", 6, "'9223372036854775808' is out of range for a long")]
    [InlineData("id = -9223372036854775809", 6, "'-9223372036854775809' is out of range for a long")]
    [InlineData("price = 1.000000000000000000000000000000000000001", 9, "'1.000000000000000000000000000000000000001' is out of range for a decimal (38 digits at most)")]
    [InlineData("id = 12abc", 6, "'12abc' is not a number")]
    [InlineData("id = 1.2.3", 6, "'1.2.3' is not a number")]
    [InlineData("id = 1 and", 11, "expected a column name but found end of text")]
    [InlineData("and = 1", 1, "expected a column name but found 'and'")]
    [InlineData("", 1, "expected a column name but found end of text")]
    [InlineData("id in (1, 2,", 13, "expected a value but found end of text")]
    [InlineData("id in ()", 8, "expected a value but found ')'")]
    [InlineData("id in (1, null)", 11, "expected a value but found 'null'")]
    [InlineData("id not 5", 8, "expected 'in', 'like' or 'between' after 'not' but found '5'")]
    [InlineData("id between 1 or 2", 14, "expected 'and' after the lower bound of between but found 'or'")]
    [InlineData("id 5", 4, "expected a comparison operator after 'id' but found '5'")]
    [InlineData("id + 1 5", 8, "expected a comparison operator after 'id + 1' but found '5'")]
    [InlineData("cast(id as lng) = 1", 12, "unknown type 'lng'")]
    [InlineData("cast(id long) = 1", 9, "expected 'as' in cast but found 'long'")]
    [InlineData("cast(id as decimal(9, 2) = 1", 26, "expected ')' but found '='")]
    [InlineData("cast(id as decimal(39, 2)) = 1", 20, "decimal(39, 2) needs 1 <= precision <= 38 and 0 <= scale <= precision")]
    [InlineData("d = date '2026-13-01'", 10, "expected a date value but found '2026-13-01'")]
    public void Syntax_errors_name_what_was_expected_what_was_found_and_the_column(string text, int column, string detail)
    {
        SqlTextException error = TestSchemas.SyntaxError(() => SqlFilter.ParseCondition(text, subject: "--where"));
        Assert.Equal((column, detail), (error.Column, error.Detail));
        Assert.Equal($"Invalid --where at position {column}: {detail} in \"{text}\".", error.Message);
    }

    [Theory]
    [InlineData("colour = 'red'", 1, "unknown column 'colour'")]
    [InlineData("id = 1 and nope is null", 12, "unknown column 'nope'")]
    [InlineData("ID = 1", 1, "unknown column 'ID'")]
    [InlineData("loc = 'x'", 1, "column 'loc' is a struct")]
    [InlineData("loc.town = 'x'", 1, "unknown column 'loc.town'")]
    [InlineData("id = 'abc'", 6, "expected a long value for column 'id' but found 'abc'")]
    [InlineData("'abc' = id", 1, "expected a long value for column 'id' but found 'abc'")]
    [InlineData("id in (1, 'x')", 11, "expected a long value for column 'id' but found 'x'")]
    [InlineData("id between 'a' and 5", 12, "expected a long value for column 'id' but found 'a'")]
    [InlineData("d < 'soon'", 5, "expected a date value for column 'd' but found 'soon'")]
    [InlineData("name = true", 8, "expected a string value for column 'name' but found 'true'")]
    public void With_a_schema_columns_and_constants_are_checked_where_written(string text, int column, string detail)
    {
        foreach (Action parse in (Action[])[() => SqlFilter.Parse(text, s_schema), () => SqlFilter.ParseCondition(text, s_schema)])
        {
            SqlTextException error = TestSchemas.SyntaxError(parse);
            Assert.Equal(column, error.Column);
            Assert.StartsWith(detail, error.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void With_a_schema_valid_filters_bind()
    {
        Assert.NotNull(SqlFilter.Parse("d >= '2026-01-02' and \"Breed Name\" like 'a%' and loc.city = 'x' and `and` in (1, 2) and n = 3000000000", s_schema));
        Assert.NotNull(SqlFilter.ParseCondition("price * 2 > score + 1 and cast(id as string) = name", s_schema));
    }

    [Fact]
    public void What_only_the_binder_refuses_is_reported_for_the_whole_text()
    {
        var scan = Assert.Throws<FloeException>(() => SqlFilter.Parse("id like 'a%'", s_schema, "--where"));
        Assert.Equal(FloeErrorKind.InvalidArgument, scan.Kind);
        Assert.StartsWith("Invalid --where \"id like 'a%'\": ", scan.Message, StringComparison.Ordinal);

        var rows = Assert.Throws<FloeException>(() => SqlFilter.ParseCondition("name + 1 > 2", s_schema));
        Assert.StartsWith("Invalid filter \"name + 1 > 2\": Cannot apply '+'", rows.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_refuses_what_a_scan_filter_cannot_express()
    {
        foreach (string text in (string[])["id + 1 = 2", "cast(id as string) = 'x'", "id = n", "-id = 1"])
        {
            var error = Assert.Throws<FloeException>(() => SqlFilter.Parse(text));
            Assert.Contains("which a scan filter cannot express", error.Message, StringComparison.Ordinal);
            Assert.NotNull(SqlFilter.ParseCondition(text));
        }
    }
}
