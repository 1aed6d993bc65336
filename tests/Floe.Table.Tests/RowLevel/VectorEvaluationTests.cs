using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Table.Data.Columns;
using Floe.Table.RowLevel;

namespace Floe.Table.Tests.RowLevel;

public sealed class VectorEvaluationTests
{
    private static readonly Schema Schema = new([
        NestedField.Required(1, "a", PrimitiveType.Int),
        NestedField.Optional(2, "b", PrimitiveType.Long),
        NestedField.Optional(3, "d", PrimitiveType.Decimal(10, 2)),
        NestedField.Optional(4, "x", PrimitiveType.Double),
    ]);

    private static ValueExpression Col(string name) => ValueExpression.Column(name);

    private static ValueExpression Lit(long value) => ValueExpression.Constant(Literal.Of(value));

    /// <summary>Rows: (1, null, 2.50, NaN), (2, 5, null, 1.5), (int.MaxValue, 3_000_000_000, -1.25, null).</summary>
    private static ColumnBatch Batch()
    {
        var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(Schema), 3);
        var a = (PrimitiveVector<int>)batch.Column(0);
        var b = (PrimitiveVector<long>)batch.Column(1);
        var d = (PrimitiveVector<Int128>)batch.Column(2);
        var x = (PrimitiveVector<double>)batch.Column(3);
        a.Append(1);
        b.AppendNull();
        d.Append(250);
        x.Append(double.NaN);
        a.Append(2);
        b.Append(5);
        d.AppendNull();
        x.Append(1.5);
        a.Append(int.MaxValue);
        b.Append(3_000_000_000);
        d.Append(-125);
        x.AppendNull();
        return batch;
    }

    private static int[] Match(RowPredicate predicate)
    {
        using ColumnBatch batch = Batch();
        return new RowMatcher(Schema, predicate).MatchingRows(batch);
    }

    private static RowPredicate Cmp(ComparisonOperator op, ValueExpression left, ValueExpression right) => RowPredicate.Compare(op, left, right);

    [Fact]
    public void Three_valued_logic_matches_only_true_rows()
    {
        RowPredicate bAboveOne = Cmp(ComparisonOperator.GreaterThan, Col("b"), Lit(1));
        RowPredicate aIsOne = Cmp(ComparisonOperator.Equal, Col("a"), Lit(1));

        Assert.Equal([0, 1, 2], Match(RowPredicate.Or(bAboveOne, aIsOne)));
        Assert.Empty(Match(RowPredicate.And(bAboveOne, aIsOne)));
        Assert.Empty(Match(RowPredicate.Not(bAboveOne)));
        Assert.Equal([0], Match(RowPredicate.Not(RowPredicate.And(bAboveOne, RowPredicate.Not(aIsOne)))));
        Assert.Equal([0], Match(RowPredicate.IsNull(ValueExpression.Arithmetic(ArithmeticOperator.Add, Col("a"), Col("b")))));
        Assert.Equal([1], Match(RowPredicate.In(Col("b"), [Literal.Of(5L), Literal.Of(7L)])));
        Assert.Equal([2], Match(RowPredicate.In(Col("b"), [Literal.Of(5L)], negated: true)));
    }

    [Fact]
    public void Arithmetic_widens_and_decimals_keep_their_scale()
    {
        Assert.Equal([1], Match(RowPredicate.Between(ValueExpression.Arithmetic(ArithmeticOperator.Multiply, Col("a"), Col("b")), Lit(10), Lit(10))));
        Assert.Equal([0], Match(Cmp(ComparisonOperator.Equal,
            ValueExpression.Arithmetic(ArithmeticOperator.Multiply, Col("d"), Lit(2)), ValueExpression.Constant(Literal.OfDecimal(500, 2)))));
        Assert.Equal([0], Match(Cmp(ComparisonOperator.Equal,
            ValueExpression.Arithmetic(ArithmeticOperator.Divide, Col("d"), Lit(4)), ValueExpression.Constant(Literal.OfDecimal(625, 3)))));
        Assert.Equal([2], Match(Cmp(ComparisonOperator.Equal, ValueExpression.Arithmetic(ArithmeticOperator.Modulo, Col("b"), Lit(7)), Lit(3_000_000_000 % 7))));
        Assert.Equal([1], Match(Cmp(ComparisonOperator.Equal, ValueExpression.Negate(Col("x")), ValueExpression.Constant(Literal.Of(-1.5)))));
    }

    [Fact]
    public void NaN_compares_above_every_number_and_equal_to_itself()
    {
        Assert.Equal([0], Match(Cmp(ComparisonOperator.GreaterThan, Col("x"), ValueExpression.Constant(Literal.Of(1e300)))));
        Assert.Equal([0], Match(Cmp(ComparisonOperator.Equal, Col("x"), ValueExpression.Constant(Literal.Of(double.NaN)))));
    }

    [Fact]
    public void Integer_overflow_and_division_by_zero_fail_naming_the_expression()
    {
        var overflow = Assert.Throws<FloeException>(() => Match(Cmp(ComparisonOperator.Equal, ValueExpression.Arithmetic(ArithmeticOperator.Add, Col("a"), Lit(1)), Lit(0))));
        Assert.Equal("Arithmetic overflow in (a + 1): the result does not fit in int.", overflow.Message);

        var zero = Assert.Throws<FloeException>(() => Match(Cmp(ComparisonOperator.Equal, ValueExpression.Arithmetic(ArithmeticOperator.Modulo, Col("d"), Lit(0)), Lit(0))));
        Assert.Equal("Division by zero in (d % 0).", zero.Message);
    }

    [Fact]
    public void Binding_rejects_unknown_columns_and_mistyped_operands()
    {
        Assert.Equal("Column 'nope' does not exist.", Assert.Throws<FloeException>(() => Match(RowPredicate.IsNull(Col("nope")))).Message);
        var text = ValueExpression.Constant(Literal.Of("x"));
        Assert.Contains("arithmetic needs numbers", Assert.Throws<FloeException>(() => Match(
            Cmp(ComparisonOperator.Equal, ValueExpression.Arithmetic(ArithmeticOperator.Add, Col("a"), text), Lit(1)))).Message, StringComparison.Ordinal);
        Assert.Contains("Cannot compare a int value with 'x'", Assert.Throws<FloeException>(() => Match(Cmp(ComparisonOperator.Equal, Col("a"), text))).Message, StringComparison.Ordinal);
        Assert.Contains("Cannot cast a of type int to date", Assert.Throws<FloeException>(() => Match(
            RowPredicate.IsNull(ValueExpression.Cast(Col("a"), PrimitiveType.Date)))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Updates_convert_to_the_column_type_with_range_checks()
    {
        using ColumnBatch batch = Batch();
        var updater = new RowUpdater(Schema, Schema, [new Assignment("a", Col("b")), new Assignment("d", ValueExpression.Arithmetic(ArithmeticOperator.Divide, Col("x"), Lit(3)))]);

        using ColumnBatch updated = updater.Apply(batch, [1]);
        Assert.Equal(5, ((PrimitiveVector<int>)updated.Column(0))[0]);
        Assert.Equal(50, ((PrimitiveVector<Int128>)updated.Column(2))[0]);
        Assert.Equal(5L, ((PrimitiveVector<long>)updated.Column(1))[0]);

        var error = Assert.Throws<FloeException>(() => updater.Apply(batch, [2]));
        Assert.Equal("Value 3000000000 is out of range for int in b.", error.Message);
        Assert.Contains("use cast", Assert.Throws<FloeException>(() => new RowUpdater(Schema, Schema, [new Assignment("a", ValueExpression.Constant(Literal.Of("1")))])).Message, StringComparison.Ordinal);
    }
}
