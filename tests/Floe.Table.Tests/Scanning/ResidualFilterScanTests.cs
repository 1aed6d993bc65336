using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Values;
using Floe.Table.RowLevel;
using Floe.Table.Scanning;

namespace Floe.Table.Tests.Scanning;

public sealed class ResidualFilterScanTests
{
    private static readonly TestRow[] s_rowsA = [.. Enumerable.Range(0, 6).Select(i => new TestRow(i, "a", i * 1.5, i % 2 == 0 ? null : $"n{i}"))];
    private static readonly TestRow[] s_rowsB = [.. Enumerable.Range(100, 5).Select(i => new TestRow(i, "b", i * 1.5, $"n{i}"))];

    private static ValueExpression Col(string name) => ValueExpression.Column(name);

    private static ValueExpression Num(long value) => ValueExpression.Constant(Literal.Of(value));

    // value > id * 1.2: rows 1..5 of a (1.5i > 1.2i for i > 0) and every row of b.
    private static RowPredicate ValueAboveScaledId() => RowPredicate.Compare(
        ComparisonOperator.GreaterThan, Col("value"), ValueExpression.Arithmetic(ArithmeticOperator.Multiply, Col("id"), ValueExpression.Constant(Literal.Of(1.2))));

    [Fact]
    public async Task A_condition_an_iceberg_filter_expresses_is_pushed_down_without_a_row_pass()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: true);

        ITableScan scan = ((ITableScan)table.Table.NewScan()).Where(RowPredicate.Compare(ComparisonOperator.LessThan, Col("id"), Num(3)));

        Assert.IsType<TableScan>(scan);
    }

    [Fact]
    public async Task Arithmetic_is_evaluated_on_each_row_and_the_columns_it_reads_are_not_returned()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: true);
        await table.AppendAsync(await table.WriteDataAsync(s_rowsA), await table.WriteDataAsync(s_rowsB));

        ITableScan scan = ((ITableScan)table.Table.NewScan()).Where(ValueAboveScaledId()).Select("note");

        Assert.Equal(["note"], scan.Projection.Columns.Select(c => c.Name));
        List<object?[]> rows = await RowsAsync(scan);
        Assert.All(rows, row => Assert.Single(row));
        Assert.Equal(
            s_rowsA.Concat(s_rowsB).Where(r => r.Value > r.Id * 1.2).Select(r => r.Note).Order(StringComparer.Ordinal),
            rows.Select(r => (string?)r[0]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_pushdown_part_still_prunes_files_the_residual_cannot_reach()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: true);
        var b = await table.WriteDataAsync(s_rowsB);
        await table.AppendAsync(await table.WriteDataAsync(s_rowsA), b);

        // The file of partition b is gone: a scan that opened it would fail.
        File.Delete(new Uri(b.FilePath).IsFile ? new Uri(b.FilePath).LocalPath : b.FilePath);
        RowPredicate condition = RowPredicate.And(
            RowPredicate.Compare(ComparisonOperator.Equal, Col("category"), ValueExpression.Constant(Literal.Of("a"))), ValueAboveScaledId());

        List<object?[]> rows = await RowsAsync(((ITableScan)table.Table.NewScan()).Where(condition));

        Assert.Equal([1L, 2L, 3L, 4L, 5L], rows.Select(r => (long)r[0]!).Order());
    }

    [Fact]
    public async Task Conditions_combine_with_later_filters_selections_and_snapshots()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: false);
        long first = await table.AppendAsync(await table.WriteDataAsync(s_rowsA));
        await table.AppendAsync(await table.WriteDataAsync(s_rowsB));

        ITableScan scan = ((ITableScan)table.Table.NewScan())
            .Where(ValueAboveScaledId())
            .Select("id")
            .Where(RowPredicate.Compare(ComparisonOperator.Equal, ValueExpression.Arithmetic(ArithmeticOperator.Modulo, Col("id"), Num(2)), Num(1)))
            .Where(Expr.LessThan("id", Literal.Of(104L)))
            .UseSnapshot(first);

        Assert.Equal(["id"], scan.Projection.Columns.Select(c => c.Name));
        Assert.Equal([1L, 3L, 5L], (await RowsAsync(scan)).Select(r => (long)r[0]!).Order());
        Assert.Equal([1L, 3L, 5L, 101L, 103L], (await RowsAsync(scan.UseSnapshot(table.Table.CurrentSnapshot!.SnapshotId))).Select(r => (long)r[0]!).Order());
    }

    [Fact]
    public async Task A_condition_on_a_missing_column_fails_before_reading()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: false);
        RowPredicate condition = RowPredicate.Compare(ComparisonOperator.GreaterThan, ValueExpression.Arithmetic(ArithmeticOperator.Add, Col("nope"), Num(1)), Num(2));

        var error = Assert.Throws<FloeException>(() => ((ITableScan)table.Table.NewScan()).Where(condition));
        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<object?[]>> RowsAsync(ITableScan scan)
    {
        var rows = new List<object?[]>();
        await foreach (var batch in scan.ReadAsync(TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                Assert.Equal(scan.Projection.Columns.Count, batch.Columns.Count);
                rows.AddRange(ScanFixtures.RowsOf(batch));
            }
        }

        return rows;
    }
}
