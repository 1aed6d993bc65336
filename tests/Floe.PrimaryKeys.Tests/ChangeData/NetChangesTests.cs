using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Values;
using Floe.PrimaryKeys.ChangeData;
using Floe.PrimaryKeys.Writing;
using Floe.TestKit;

namespace Floe.PrimaryKeys.Tests.ChangeData;

public sealed class NetChangesTests : IDisposable
{
    private readonly TestTable _fixture = TestTable.Create();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Net_changes_are_the_difference_between_the_two_points_per_key()
    {
        PrimaryKeyTable table = _fixture.Open();
        ChangeCommit start = (await Rows.UpsertAsync(table, (1, "keep", 1), (2, "update", 2), (3, "delete", 3), (4, "same", 4), (5, "delete-insert", 5)))!;
        await Rows.UpsertAsync(table, (2, "updated", 20), (6, "new", 6), (7, "short-lived", 7));
        await Rows.DeleteAsync(table, 3, 7, 99);
        await Rows.UpsertAsync(table, (4, "same", 4));
        await Rows.DeleteAsync(table, 5);
        await Rows.UpsertAsync(table, (5, "back", 50));

        List<ChangeRow> net = await ChangeRows.ReadAsync(table.NewChangeDataScan().FromSnapshot(start.SnapshotId).NetChanges());

        Assert.Equal(
            ["UB:2:update:2", "UA:2:updated:20", "I:6:new:6", "D:3:delete:3", "UB:5:delete-insert:5", "UA:5:back:50"],
            net.Select(c => c.Short));
    }

    [Fact]
    public async Task Net_changes_from_the_beginning_are_the_current_rows_as_inserts()
    {
        PrimaryKeyTable table = _fixture.Open();
        await Rows.UpsertAsync(table, (1, "a", 1), (2, "b", 2));
        await Rows.DeleteAsync(table, 1);
        await Rows.UpsertAsync(table, (2, "b2", 3));

        List<ChangeRow> net = await ChangeRows.ReadAsync(table.NewChangeDataScan().NetChanges());

        Assert.Equal(["I:2:b2:3"], net.Select(c => c.Short));
    }

    [Fact]
    public async Task Net_changes_with_a_filter_compare_the_filtered_views()
    {
        PrimaryKeyTable table = _fixture.Open();
        ChangeCommit start = (await Rows.UpsertAsync(table, (1, "a", 10), (2, "b", 1)))!;
        await Rows.UpsertAsync(table, (1, "a", 1), (2, "b", 10));

        List<ChangeRow> net = await ChangeRows.ReadAsync(
            table.NewChangeDataScan().FromSnapshot(start.SnapshotId).Where(Expr.GreaterThan("value", Literal.Of(5))).NetChanges());

        // Key 1 leaves the filtered view, key 2 enters it.
        Assert.Equal(["D:1:a:10", "I:2:b:10"], net.Select(c => c.Short));
    }

    [Fact]
    public async Task Net_changes_need_a_transaction_boundary()
    {
        PrimaryKeyTable table = _fixture.Open();
        ChangeCommit commit = (await Rows.UpsertAsync(table, (1, "a", 1)))!;

        var error = await Assert.ThrowsAsync<FloeException>(() =>
            ChangeRows.ReadAsync(table.NewChangeDataScan().FromPosition(new ChangePosition(commit.SnapshotId, commit.TransactionId, 0)).NetChanges()));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
    }
}
