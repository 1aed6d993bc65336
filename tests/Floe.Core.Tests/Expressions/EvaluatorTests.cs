using Floe.Core.Expressions;
using Floe.Core.Values;

namespace Floe.Core.Tests.Expressions;

public sealed class EvaluatorTests
{
    private static readonly Dictionary<int, Literal> Row = new()
    {
        [1] = Literal.Of(5),
        [2] = Literal.OfTimestampTz(1510871468000000),
        [3] = Literal.Of("iceberg"),
        [4] = Literal.Of(double.NaN),
        [5] = Literal.OfDecimal(14.20m),
        [6] = Literal.Null,
        [8] = Literal.Of("Paris"),
        [9] = Literal.Of(7),
    };

    private static bool Eval(Expression e) => new Evaluator(BinderTests.Table(), e).Eval(id => Row.GetValueOrDefault(id));

    [Theory]
    [InlineData(Operation.LessThan, 6, true)]
    [InlineData(Operation.LessThan, 5, false)]
    [InlineData(Operation.LessThanOrEqual, 5, true)]
    [InlineData(Operation.GreaterThan, 4, true)]
    [InlineData(Operation.GreaterThan, 5, false)]
    [InlineData(Operation.GreaterThanOrEqual, 5, true)]
    [InlineData(Operation.Equal, 5, true)]
    [InlineData(Operation.NotEqual, 5, false)]
    public void Comparisons(Operation op, int value, bool expected) =>
        Assert.Equal(expected, Eval(Expr.Predicate(op, "id", Literal.Of(value))));

    [Fact]
    public void Sets_strings_nulls_nan()
    {
        Assert.True(Eval(Expr.In("id", Literal.Of(1), Literal.Of(5))));
        Assert.False(Eval(Expr.NotIn("id", Literal.Of(1), Literal.Of(5))));
        Assert.True(Eval(Expr.StartsWith("name", "ice")));
        Assert.False(Eval(Expr.StartsWith("name", "Ice")));
        Assert.True(Eval(Expr.NotStartsWith("loc.city", "Lon")));
        Assert.True(Eval(Expr.IsNull("day")));
        Assert.False(Eval(Expr.NotNull("day")));
        Assert.False(Eval(Expr.Equal("day", Literal.Of("2017-11-16"))));
        Assert.True(Eval(Expr.NotEqual("day", Literal.Of("2017-11-16"))));
        Assert.True(Eval(Expr.IsNaN("score")));
        Assert.False(Eval(Expr.NotNaN("score")));
        Assert.True(Eval(Expr.GreaterThan("score", Literal.Of(1e300))));
    }

    [Fact]
    public void Logic_and_or_not()
    {
        var inDay = Expr.And(
            Expr.GreaterThanOrEqual("ts", Literal.Of("2017-11-16T00:00:00+00:00")),
            Expr.LessThan("ts", Literal.Of("2017-11-17T00:00:00+00:00")));

        Assert.True(Eval(inDay));
        Assert.False(Eval(Expr.Not(inDay)));
        Assert.True(Eval(Expr.Or(Expr.Equal("id", Literal.Of(1)), Expr.Equal("price", Literal.Of("14.20")))));
        Assert.True(Eval(Expression.True));
        Assert.False(Eval(Expression.False));
    }

    [Fact]
    public void Promoted_column_compares_int_data_with_long_literal() =>
        Assert.True(Eval(Expr.Equal("big", Literal.Of(7L))));
}
