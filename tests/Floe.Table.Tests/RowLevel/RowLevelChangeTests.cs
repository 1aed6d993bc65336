using Floe.Common.Errors;
using Floe.Core.Manifests;
using Floe.Core.Properties;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Table.RowLevel;
using Floe.Table.Scanning;
using Floe.Table.Tests.Scanning;

namespace Floe.Table.Tests.RowLevel;

public sealed class RowLevelChangeTests
{
    private static ValueExpression Col(string name) => ValueExpression.Column(name);

    private static ValueExpression Lit(long value) => ValueExpression.Constant(Literal.Of(value));

    private static ValueExpression Lit(string value) => ValueExpression.Constant(Literal.Of(value));

    private static RowPredicate Eq(ValueExpression left, ValueExpression right) => RowPredicate.Compare(ComparisonOperator.Equal, left, right);

    private static RowPredicate IdIn(params long[] ids) => RowPredicate.In(Col("id"), [.. ids.Select(Literal.Of)]);

    /// <summary>Partition a holds ids 1-4 in one file, partition b ids 5-8 in one file.</summary>
    private static async Task<ScanTestTable> TableAsync(string? mode = null)
    {
        ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: true);
        if (mode is not null)
        {
            await table.Table.UpdateProperties().Set(RowLevelWriteProperties.DeleteMode.Key, mode).Set(RowLevelWriteProperties.UpdateMode.Key, mode).CommitAsync(TestContext.Current.CancellationToken);
        }

        await table.AppendAsync(
            await table.WriteDataAsync([.. Enumerable.Range(1, 4).Select(i => new TestRow(i, "a", i * 10, i % 2 == 0 ? null : "n" + i))]),
            await table.WriteDataAsync([.. Enumerable.Range(5, 4).Select(i => new TestRow(i, "b", i * 10, "n" + i))]));
        return table;
    }

    private static async Task<List<object?[]>> RowsAsync(ScanTestTable table) =>
        [.. (await ScanFixtures.RowsAsync(new TableScan(table.Table.Metadata, table.Table.Operations.Io))).OrderBy(r => (long)r[0]!)];

    private static async Task<List<long>> IdsAsync(ScanTestTable table) => [.. (await RowsAsync(table)).Select(r => (long)r[0]!)];

    [Fact]
    public async Task A_file_whose_rows_all_match_is_dropped_without_reading_it()
    {
        await using ScanTestTable table = await TableAsync();
        DataFile a = (await new TableScan(table.Table.Metadata, table.Table.Operations.Io).Where(Core.Expressions.Expr.Equal("category", Literal.Of("a"))).PlanFilesAsync(TestContext.Current.CancellationToken))[0].File;

        // The file is gone from disk: the delete can only succeed by not opening it.
        File.Delete(a.FilePath);
        RowLevelResult result = await table.Table.DeleteWhereAsync(Eq(Col("category"), Lit("a")), TestContext.Current.CancellationToken);

        Assert.Equal((4L, 1, 0, 0), (result.Rows, result.DataFilesRemoved, result.DeleteFilesAdded, result.DataFilesAdded));
        Assert.Equal([5L, 6, 7, 8], await IdsAsync(table));
    }

    [Fact]
    public async Task Merge_on_read_writes_one_position_delete_file_per_partition()
    {
        await using ScanTestTable table = await TableAsync();
        RowPredicate even = Eq(ValueExpression.Arithmetic(ArithmeticOperator.Modulo, Col("id"), Lit(2)), Lit(0));

        RowLevelResult result = await table.Table.DeleteWhereAsync(even, TestContext.Current.CancellationToken);

        Assert.Equal((RowLevelMode.MergeOnRead, 4L, 0, 0, 2), (result.Mode, result.Rows, result.DataFilesRemoved, result.DataFilesAdded, result.DeleteFilesAdded));
        Assert.Equal([1L, 3, 5, 7], await IdsAsync(table));
        Assert.Equal("2", table.Table.CurrentSnapshot!.Summary["total-data-files"]);
        Assert.Equal("2", table.Table.CurrentSnapshot!.Summary["total-delete-files"]);

        // A second delete over rows already deleted counts only live rows.
        RowLevelResult again = await table.Table.DeleteWhereAsync(IdIn(1, 2), TestContext.Current.CancellationToken);
        Assert.Equal(1L, again.Rows);
        Assert.Equal([3L, 5, 7], await IdsAsync(table));
    }

    [Fact]
    public async Task Copy_on_write_rewrites_partly_matched_files_without_delete_files()
    {
        await using ScanTestTable table = await TableAsync("copy-on-write");

        RowLevelResult result = await table.Table.DeleteWhereAsync(IdIn(2, 3), TestContext.Current.CancellationToken);

        Assert.Equal((RowLevelMode.CopyOnWrite, 2L, 1, 1, 0), (result.Mode, result.Rows, result.DataFilesRewritten, result.DataFilesAdded, result.DeleteFilesAdded));
        Assert.Equal([1L, 4, 5, 6, 7, 8], await IdsAsync(table));
        Assert.Equal("0", table.Table.CurrentSnapshot!.Summary["total-delete-files"]);
        Assert.Equal("2", table.Table.CurrentSnapshot!.Summary["total-data-files"]);
    }

    [Fact]
    public async Task Nothing_matching_commits_nothing()
    {
        await using ScanTestTable table = await TableAsync();
        long before = table.Table.CurrentSnapshot!.SnapshotId;

        RowLevelResult result = await table.Table.DeleteWhereAsync(IdIn(99), TestContext.Current.CancellationToken);

        Assert.Null(result.SnapshotId);
        Assert.Equal(before, table.Table.CurrentSnapshot!.SnapshotId);
    }

    [Theory]
    [InlineData("merge-on-read")]
    [InlineData("copy-on-write")]
    public async Task Update_sets_values_computed_from_the_old_row(string mode)
    {
        await using ScanTestTable table = await TableAsync(mode);
        Assignment doubled = new("value", ValueExpression.Arithmetic(ArithmeticOperator.Multiply, Col("value"), Lit(2)));
        Assignment note = new("note", ValueExpression.Cast(Col("id"), PrimitiveType.String));

        RowLevelResult result = await table.Table.UpdateWhereAsync([doubled, note], RowPredicate.Between(Col("id"), Lit(3), Lit(6)), TestContext.Current.CancellationToken);

        Assert.Equal(4L, result.Rows);
        List<object?[]> rows = await RowsAsync(table);
        Assert.Equal(8, rows.Count);
        Assert.Equal([10.0, 20, 60, 80, 100, 120, 70, 80], rows.Select(r => (double)r[2]!));
        Assert.Equal(["n1", null, "3", "4", "5", "6", "n7", "n8"], rows.Select(r => (string?)r[3]));
        Assert.Equal(mode == "merge-on-read" ? "2" : "0", table.Table.CurrentSnapshot!.Summary["total-delete-files"]);
    }

    [Theory]
    [InlineData("merge-on-read")]
    [InlineData("copy-on-write")]
    public async Task Updating_the_partition_column_moves_the_row(string mode)
    {
        await using ScanTestTable table = await TableAsync(mode);

        await table.Table.UpdateWhereAsync([new Assignment("category", Lit("c"))], IdIn(1), TestContext.Current.CancellationToken);

        var scan = new TableScan(table.Table.Metadata, table.Table.Operations.Io).Where(Core.Expressions.Expr.Equal("category", Literal.Of("c")));
        IReadOnlyList<FileScanTask> files = await scan.PlanFilesAsync(TestContext.Current.CancellationToken);
        Assert.Equal(PartitionData.Of(Literal.Of("c")), Assert.Single(files).File.Partition);
        Assert.Equal([1L], (await ScanFixtures.RowsAsync(scan)).Select(r => (long)r[0]!));
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8], await IdsAsync(table));
    }

    [Fact]
    public async Task A_comparison_with_null_does_not_match_even_when_negated()
    {
        await using ScanTestTable table = await TableAsync();

        // Notes of ids 2 and 4 are null: neither "note != 'n1'" nor "not (note = 'n1')" holds for them.
        await table.Table.DeleteWhereAsync(RowPredicate.And(RowPredicate.Not(Eq(Col("note"), Lit("n1"))), Eq(Col("category"), Lit("a"))), TestContext.Current.CancellationToken);

        Assert.Equal([1L, 2, 4, 5, 6, 7, 8], await IdsAsync(table));
    }

    [Fact]
    public async Task Arithmetic_with_null_gives_null()
    {
        await using ScanTestTable table = await TableAsync();
        var plusNull = ValueExpression.Arithmetic(ArithmeticOperator.Add, Col("value"), ValueExpression.Constant(Literal.Null));

        RowLevelResult result = await table.Table.UpdateWhereAsync([new Assignment("value", plusNull)], IdIn(5), TestContext.Current.CancellationToken);

        Assert.Equal(1L, result.Rows);
        Assert.Null((await RowsAsync(table)).Single(r => (long)r[0]! == 5)[2]);
        await Assert.ThrowsAsync<FloeException>(() => table.Table.UpdateWhereAsync([new Assignment("id", plusNull)], IdIn(6), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Division_by_zero_fails_with_a_clear_error_and_commits_nothing()
    {
        await using ScanTestTable table = await TableAsync();
        long before = table.Table.CurrentSnapshot!.SnapshotId;

        var error = await Assert.ThrowsAsync<FloeException>(() => table.Table.DeleteWhereAsync(
            Eq(ValueExpression.Arithmetic(ArithmeticOperator.Divide, Col("id"), Lit(0)), Lit(1)), TestContext.Current.CancellationToken));

        Assert.Contains("Division by zero in (id / 0)", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, table.Table.CurrentSnapshot!.SnapshotId);
    }

    [Fact]
    public async Task Casts_convert_strings_and_fail_on_values_they_cannot_read()
    {
        await using ScanTestTable table = await TableAsync();
        var idText = ValueExpression.Cast(Col("id"), PrimitiveType.String);

        await table.Table.DeleteWhereAsync(Eq(ValueExpression.Cast(idText, PrimitiveType.Long), Lit(7)), TestContext.Current.CancellationToken);
        Assert.Equal([1L, 2, 3, 4, 5, 6, 8], await IdsAsync(table));

        var error = await Assert.ThrowsAsync<FloeException>(() => table.Table.DeleteWhereAsync(
            Eq(ValueExpression.Cast(Col("note"), PrimitiveType.Long), Lit(7)), TestContext.Current.CancellationToken));
        Assert.Matches("Cannot cast 'n[0-9]' to long in cast\\(note as long\\)", error.Message);
    }

    [Fact]
    public async Task Overlapping_concurrent_deletes_fail_one_with_a_commit_conflict()
    {
        await using ScanTestTable table = await TableAsync();
        RowLevelPlan first = await table.Table.NewRowLevelDelete(IdIn(1, 2)).PlanAsync(TestContext.Current.CancellationToken);
        RowLevelPlan second = await table.Table.NewRowLevelDelete(IdIn(2, 3)).PlanAsync(TestContext.Current.CancellationToken);

        await first.CommitAsync(TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAnyAsync<FloeException>(() => second.CommitAsync(TestContext.Current.CancellationToken));

        Assert.Equal(FloeErrorKind.CommitConflict, error.Kind);
        Assert.Equal([3L, 4, 5, 6, 7, 8], await IdsAsync(table));
        Assert.All(second.WrittenFiles, path => Assert.False(File.Exists(path)));
    }

    [Fact]
    public async Task Copy_on_write_and_merge_on_read_deletes_of_the_same_file_conflict()
    {
        await using ScanTestTable table = await TableAsync();
        RowLevelPlan byDeletes = await table.Table.NewRowLevelDelete(IdIn(1)).PlanAsync(TestContext.Current.CancellationToken);
        await table.Table.UpdateProperties().Set(RowLevelWriteProperties.DeleteMode.Key, "copy-on-write").CommitAsync(TestContext.Current.CancellationToken);
        RowLevelPlan byRewrite = await table.Table.NewRowLevelDelete(IdIn(2)).PlanAsync(TestContext.Current.CancellationToken);

        await byRewrite.CommitAsync(TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAnyAsync<FloeException>(() => byDeletes.CommitAsync(TestContext.Current.CancellationToken));

        Assert.Equal(FloeErrorKind.CommitConflict, error.Kind);
        Assert.Equal([1L, 3, 4, 5, 6, 7, 8], await IdsAsync(table));
    }

    [Fact]
    public async Task Concurrent_deletes_in_different_partitions_both_land()
    {
        await using ScanTestTable table = await TableAsync();
        RowPredicate inA = RowPredicate.And(Eq(Col("category"), Lit("a")), IdIn(1));
        RowPredicate inB = RowPredicate.And(Eq(Col("category"), Lit("b")), IdIn(6));
        RowLevelPlan first = await table.Table.NewRowLevelDelete(inA).PlanAsync(TestContext.Current.CancellationToken);
        RowLevelPlan second = await table.Table.NewRowLevelDelete(inB).PlanAsync(TestContext.Current.CancellationToken);

        await first.CommitAsync(TestContext.Current.CancellationToken);
        await second.CommitAsync(TestContext.Current.CancellationToken);

        Assert.Equal([2L, 3, 4, 5, 7, 8], await IdsAsync(table));
    }

    [Fact]
    public async Task A_bad_mode_property_is_refused_naming_the_key()
    {
        await using ScanTestTable table = await TableAsync();

        var error = await Assert.ThrowsAsync<FloeException>(() =>
            table.Table.UpdateProperties().Set(RowLevelWriteProperties.DeleteMode.Key, "sometimes").CommitAsync(TestContext.Current.CancellationToken));

        Assert.Contains("write.delete.mode", error.Message, StringComparison.Ordinal);
    }
}
