using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Values;

namespace Floe.Core.Tests.Expressions;

public sealed class ExpressionJsonTests
{
    [Fact]
    public void Write_uses_rest_shapes()
    {
        var e = Expr.And(
            Expr.Or(Expr.LessThan("id", Literal.Of(5)), Expr.IsNull("name")),
            Expr.Not(Expr.In("name", Literal.Of("a"), Literal.Of("b"))));

        Assert.Equal(
            """{"type":"and","left":{"type":"or","left":{"type":"lt","term":"id","value":5},"right":{"type":"is-null","term":"name"}},"right":{"type":"not","child":{"type":"in","term":"name","values":["a","b"]}}}""",
            ExpressionJson.ToJson(e));
        Assert.Equal("true", ExpressionJson.ToJson(Expression.True));
    }

    [Fact]
    public void Parse_then_bind_converts_values_to_column_types()
    {
        var e = ExpressionJson.Parse(
            """{"type":"and","left":{"type":"gt-eq","term":"ts","value":"2017-11-16T00:00:00+00:00"},"right":{"type":"eq","term":{"type":"reference","term":"price"},"value":14.20}}""");

        var bound = Binder.Bind(BinderTests.Table(), e);

        Assert.Equal("(ref(id=2, name=ts) >= 2017-11-16T00:00:00+00:00 and ref(id=5, name=price) == 14.20)", bound.ToString());
    }

    [Fact]
    public void Bound_expression_round_trips_through_json()
    {
        var bound = Binder.Bind(BinderTests.Table(), Expr.And(Expr.Equal("day", Literal.Of("2017-11-16")), Expr.NotStartsWith("name", "x")));

        var reparsed = Binder.Bind(BinderTests.Table(), ExpressionJson.Parse(ExpressionJson.ToJson(bound)));

        Assert.Equal(bound.ToString(), reparsed.ToString());
    }

    [Theory]
    [InlineData("""{"type":"between","term":"id"}""", "Unknown expression type 'between'")]
    [InlineData("""{"type":"lt","term":"id"}""", "'value'")]
    [InlineData("""{"type":"and","left":true}""", "'right'")]
    [InlineData("""{"type":"eq","term":"id","value":[1]}""", "string, number or boolean")]
    public void Parse_invalid_is_invalid_data(string json, string expected)
    {
        var error = Assert.Throws<FloeException>(() => ExpressionJson.Parse(json));

        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Transform_terms_are_unsupported() =>
        Assert.Equal(FloeErrorKind.Unsupported, Assert.Throws<FloeException>(() =>
            ExpressionJson.Parse("""{"type":"eq","term":{"type":"transform","transform":"day","term":"ts"},"value":1}""")).Kind);
}
