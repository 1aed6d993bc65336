using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Tests.Expressions;

public sealed class BinderTests
{
    internal static Schema Table() => new(
    [
        NestedField.Required(1, "id", PrimitiveType.Int),
        NestedField.Optional(2, "ts", PrimitiveType.TimestampTz),
        NestedField.Optional(3, "name", PrimitiveType.String),
        NestedField.Optional(4, "score", PrimitiveType.Double),
        NestedField.Optional(5, "price", PrimitiveType.Decimal(9, 2)),
        NestedField.Optional(6, "day", PrimitiveType.Date),
        NestedField.Optional(7, "loc", StructType.Of(NestedField.Required(8, "city", PrimitiveType.String))),
        NestedField.Optional(9, "big", PrimitiveType.Long),
    ]);

    private static BoundPredicate BindOne(Expression e) => Assert.IsType<BoundPredicate>(Binder.Bind(Table(), e));

    [Fact]
    public void Bind_resolves_id_and_converts_literal()
    {
        var bound = BindOne(Expr.LessThan("ts", Literal.Of("2017-11-16T22:31:08+00:00")));

        Assert.Equal(2, bound.Ref.FieldId);
        Assert.Equal(Literal.OfTimestampTz(1510871468000000), bound.Literal);
        Assert.Equal(Literal.Of(5L), BindOne(Expr.Equal("big", Literal.Of(5))).Literal);
        Assert.Equal(Literal.OfDecimal(14.20m), BindOne(Expr.Equal("price", Literal.Of("14.2"))).Literal);
        Assert.Equal(Literal.OfDecimal(3.00m), BindOne(Expr.Equal("price", Literal.Of(3))).Literal);
        Assert.Equal(Literal.Of(new DateOnly(2017, 11, 16)), BindOne(Expr.Equal("day", Literal.Of("2017-11-16"))).Literal);
        Assert.Equal(Literal.Of(2.5), BindOne(Expr.GreaterThan("score", Literal.Of(2.5f))).Literal);
    }

    [Fact]
    public void Bind_nested_column_case_insensitive()
    {
        var bound = Assert.IsType<BoundPredicate>(Binder.Bind(Table(), Expr.Equal("LOC.City", Literal.Of("x")), caseSensitive: false));

        Assert.Equal(8, bound.Ref.FieldId);
        Assert.False(bound.Ref.IsRequired);
        Assert.Throws<FloeException>(() => Binder.Bind(Table(), Expr.Equal("LOC.City", Literal.Of("x"))));
    }

    [Fact]
    public void Bind_out_of_range_literal_folds()
    {
        Assert.Same(Expression.True, Binder.Bind(Table(), Expr.LessThan("id", Literal.Of(1L << 40))));
        Assert.Same(Expression.False, Binder.Bind(Table(), Expr.GreaterThan("id", Literal.Of(1L << 40))));
        Assert.Same(Expression.False, Binder.Bind(Table(), Expr.Equal("id", Literal.Of(-(1L << 40)))));
        Assert.Same(Expression.True, Binder.Bind(Table(), Expr.NotEqual("id", Literal.Of(-(1L << 40)))));
    }

    [Fact]
    public void Bind_null_checks_on_required_column_fold()
    {
        Assert.Same(Expression.False, Binder.Bind(Table(), Expr.IsNull("id")));
        Assert.Same(Expression.True, Binder.Bind(Table(), Expr.NotNull("id")));
        Assert.IsType<BoundPredicate>(Binder.Bind(Table(), Expr.IsNull("loc.city")));
    }

    [Fact]
    public void Bind_in_lists_simplify()
    {
        Assert.Equal(Operation.Equal, BindOne(Expr.In("id", Literal.Of(1), Literal.Of(1L))).Op);
        Assert.Same(Expression.False, Binder.Bind(Table(), Expr.In("id", Literal.Of(1L << 40))));
        Assert.Same(Expression.True, Binder.Bind(Table(), Expr.NotIn("id", Literal.Of(1L << 40))));
        Assert.Equal(2, BindOne(Expr.In("id", Literal.Of(1), Literal.Of(2))).Literals.Count);
    }

    [Theory]
    [InlineData("nope", "Cannot find column 'nope'")]
    [InlineData("loc", "not a primitive")]
    public void Bind_bad_column_fails(string column, string expected) =>
        Assert.Contains(expected, Assert.Throws<FloeException>(() => Binder.Bind(Table(), Expr.Equal(column, Literal.Of(1)))).Message);

    [Fact]
    public void Bind_wrong_literal_type_fails()
    {
        var error = Assert.Throws<FloeException>(() => Binder.Bind(Table(), Expr.Equal("id", Literal.Of("abc"))));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("Invalid value for conversion to type int: abc (string)", error.Message);
    }

    [Fact]
    public void Bind_operation_type_checks()
    {
        Assert.Contains("float and double", Assert.Throws<FloeException>(() => Binder.Bind(Table(), Expr.IsNaN("id"))).Message);
        Assert.Contains("string columns", Assert.Throws<FloeException>(() => Binder.Bind(Table(), Expr.StartsWith("id", "1"))).Message);
        Assert.Contains("IsNaN", Assert.Throws<FloeException>(() => Binder.Bind(Table(), Expr.Equal("score", Literal.Of(double.NaN)))).Message);
        Assert.Throws<FloeException>(() => Expr.Equal("id", Literal.Null));
    }

    [Fact]
    public void Bind_twice_fails() =>
        Assert.Contains("already bound", Assert.Throws<FloeException>(() => Binder.Bind(Table(), Binder.Bind(Table(), Expr.Equal("name", Literal.Of("a"))))).Message);

    [Fact]
    public void Rewrite_not_pushes_negation_to_predicates()
    {
        var e = Expr.Not(Expr.And(Expr.LessThan("id", Literal.Of(5)), Expr.Or(Expr.IsNull("name"), Expr.Not(Expr.StartsWith("name", "a")))));

        var rewritten = RewriteNot.Rewrite(e);

        Assert.Equal("(id >= 5 or (name is not null and name startsWith \"a\"))", rewritten.ToString());
    }

    [Fact]
    public void Factory_simplifies_constants()
    {
        var p = Expr.IsNull("name");

        Assert.Same(p, Expr.And(Expression.True, p));
        Assert.Same(Expression.False, Expr.And(p, Expression.False));
        Assert.Same(Expression.True, Expr.Or(p, Expression.True));
        Assert.Same(p, Expr.Not(Expr.Not(p)));
        Assert.Same(Expression.False, Expr.Not(Expression.True));
    }
}
