using Floe.Cli.Commands.Table;
using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Cli.Tests;

public sealed class TableTextParsingTests
{
    [Fact]
    public void SchemaTextParsesPrimitivesAndNestedTypesWithFreshIds()
    {
        Schema schema = SchemaText.Parse("id long not null, price decimal(9, 2), point struct<x: double not null, y: double>, tags list<string>, attrs map<string, int>");
        Assert.Equal(["id", "price", "point", "tags", "attrs"], schema.Columns.Select(c => c.Name));
        Assert.True(schema.Columns[0].IsRequired);
        Assert.Equal(PrimitiveType.Decimal(9, 2), schema.Columns[1].Type);
        var point = Assert.IsType<StructType>(schema.Columns[2].Type);
        Assert.True(point.Fields[0].IsRequired);
        Assert.Equal(PrimitiveType.String, Assert.IsType<ListType>(schema.Columns[3].Type).ElementType);
        var map = Assert.IsType<MapType>(schema.Columns[4].Type);
        Assert.Equal(PrimitiveType.Int, map.ValueType);
        Assert.Equal(schema.HighestFieldId, schema.FieldsById.Count);
    }

    [Theory]
    [InlineData("id lng", "unknown type 'lng'")]
    [InlineData("m map<string>", "needs a key and a value type")]
    [InlineData("s struct<a int", "unclosed bracket")]
    [InlineData("", "no columns")]
    public void SchemaTextRejectsBadText(string text, string message)
    {
        var error = Assert.Throws<FloeException>(() => SchemaText.Parse(text));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WhereParserBuildsTheSameExpressionsAsExpr()
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
        ];
        foreach ((string text, Expression expected) in cases)
        {
            Assert.Equal(expected.ToString(), WhereParser.Parse(text).ToString());
        }
    }

    [Theory]
    [InlineData("id >", "expected a value")]
    [InlineData("id = 'abc", "unterminated string")]
    [InlineData("(id = 1", "expected ')'")]
    [InlineData("id ~ 1", "unexpected character '~'")]
    [InlineData("name like '%x'", "only LIKE 'prefix%'")]
    [InlineData("id = 1 id = 2", "unexpected 'id'")]
    [InlineData("id is 5", "expected 'null'")]
    [InlineData("score > 1e400", "'1e400' is out of range for a double")]
    [InlineData("score > -1e400", "'-1e400' is out of range for a double")]
    [InlineData("id = 9223372036854775808", "is not a long")]
    public void WhereParserRejectsBadFilters(string text, string message)
    {
        var error = Assert.Throws<FloeException>(() => WhereParser.Parse(text));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("position", error.Message, StringComparison.Ordinal);
    }
}
