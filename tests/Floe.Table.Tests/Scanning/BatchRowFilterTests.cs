using Floe.Common.Columnar;
using Floe.Core.Expressions;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Table.Data.Columns;
using Floe.Table.Scanning;

namespace Floe.Table.Tests.Scanning;

public sealed class BatchRowFilterTests
{
    private static readonly Schema Schema = new([NestedField.Required(1, "qty", PrimitiveType.Int)]);

    private static readonly int[] Values = [int.MinValue, -7, 0, 2, 3, 4, 41, int.MaxValue];

    [Theory]
    [InlineData("<", 3)]
    [InlineData("<=", 3)]
    [InlineData(">", 3)]
    [InlineData(">=", -7)]
    [InlineData("=", 41)]
    [InlineData("!=", 0)]
    [InlineData("<", int.MaxValue)]
    [InlineData(">", int.MinValue)]
    public void Int_column_comparisons_keep_the_rows_the_row_evaluator_keeps(string op, int literal)
    {
        Expression filter = Binder.Bind(Schema, op switch
        {
            "<" => Expr.LessThan("qty", Literal.Of(literal)),
            "<=" => Expr.LessThanOrEqual("qty", Literal.Of(literal)),
            ">" => Expr.GreaterThan("qty", Literal.Of(literal)),
            ">=" => Expr.GreaterThanOrEqual("qty", Literal.Of(literal)),
            "=" => Expr.Equal("qty", Literal.Of(literal)),
            _ => Expr.NotEqual("qty", Literal.Of(literal)),
        });
        using ColumnBatch batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(Schema), Values.Length);
        var column = (PrimitiveVector<int>)batch.Column(0);
        foreach (int value in Values)
        {
            column.Append(value);
        }

        var mask = new bool[Values.Length];
        Array.Fill(mask, true);
        new BatchRowFilter(filter, Schema).Apply(batch, mask);

        var evaluator = new Evaluator(Schema, filter);
        bool[] expected = [.. Values.Select(v => evaluator.Eval(_ => Literal.Of(v)))];
        Assert.Contains(true, expected);
        Assert.Contains(false, expected);
        Assert.Equal(expected, mask);
    }
}
