using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Values;
using Floe.PrimaryKeys.ChangeData;
using Floe.PrimaryKeys.Model;
using Floe.PrimaryKeys.Writing;
using Floe.TestKit;

namespace Floe.PrimaryKeys.Tests.ChangeData;

public sealed class ChangeDataScanTests : IDisposable
{
    private readonly TestTable _fixture = TestTable.Create();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Changes_come_out_in_transaction_and_offset_order_with_updates_as_pairs()
    {
        PrimaryKeyTable table = _fixture.Open();
        ChangeCommit first = (await Rows.CommitAsync(table, async w =>
        {
            using var rows = Rows.Of((1, "a", 1), (2, "b", 2), (3, "c", 3));
            await w.InsertAsync(rows, TestContext.Current.CancellationToken);
        }))!;
        ChangeCommit second = (await Rows.CommitAsync(table, async w =>
        {
            using var before = Rows.Of((2, "b", 2));
            using var after = Rows.Of((2, "b2", 20));
            await w.UpdateAsync(before, after, TestContext.Current.CancellationToken);
            using var gone = Rows.Of((1, null, null));
            await w.DeleteAsync(gone, TestContext.Current.CancellationToken);
        }))!;
        ChangeCommit third = (await Rows.UpsertAsync(table, (3, "c3", 30), (4, "d", 4)))!;

        List<ChangeRow> changes = await ChangeRows.ReadAsync(table.NewChangeDataScan());

        Assert.Equal(
            ["I:1:a:1", "I:2:b:2", "I:3:c:3", "UB:2:b:2", "UA:2:b2:20", "D:1:null:null", "D:3:null:null", "I:3:c3:30", "D:4:null:null", "I:4:d:4"],
            changes.Select(c => c.Short));
        Assert.Equal(
            [first.TransactionId, first.TransactionId, first.TransactionId, second.TransactionId, second.TransactionId, second.TransactionId,
             third.TransactionId, third.TransactionId, third.TransactionId, third.TransactionId],
            changes.Select(c => c.Transaction));
        Assert.Equal([0L, 1, 2, 0, 0, 1, 0, 1, 2, 3], changes.Select(c => c.Offset));
    }

    [Fact]
    public async Task A_range_between_snapshots_holds_only_the_transactions_after_the_start()
    {
        PrimaryKeyTable table = _fixture.Open();
        ChangeCommit first = (await Rows.UpsertAsync(table, (1, "a", 1)))!;
        ChangeCommit second = (await Rows.UpsertAsync(table, (2, "b", 2)))!;
        ChangeCommit third = (await Rows.UpsertAsync(table, (3, "c", 3)))!;

        List<ChangeRow> middle = await ChangeRows.ReadAsync(table.NewChangeDataScan().FromSnapshot(first.SnapshotId).ToSnapshot(second.SnapshotId));
        List<ChangeRow> tail = await ChangeRows.ReadAsync(table.NewChangeDataScan().FromSnapshot(second.SnapshotId));
        List<ChangeRow> none = await ChangeRows.ReadAsync(table.NewChangeDataScan().FromSnapshot(third.SnapshotId));

        Assert.Equal(["D:2:null:null", "I:2:b:2"], middle.Select(c => c.Short));
        Assert.Equal(["D:3:null:null", "I:3:c:3"], tail.Select(c => c.Short));
        Assert.Empty(none);
    }

    [Fact]
    public async Task Projection_and_filter_apply_to_change_rows()
    {
        PrimaryKeyTable table = _fixture.Open();
        await Rows.UpsertAsync(table, (1, "a", 1), (2, "b", 2), (3, "c", 3));

        List<ChangeRow> changes = await ChangeRows.ReadAsync(table.NewChangeDataScan()
            .Select("id", "value").Where(Expr.GreaterThanOrEqual("value", Literal.Of(2))));

        Assert.Equal(["I:2:null:2", "I:3:null:3"], changes.Select(c => c.Short));
        await foreach (ChangeBatch batch in table.NewChangeDataScan().Select("id").ReadAsync(TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                Assert.Equal(["id"], batch.Rows.Fields.Select(f => f.Name));
            }
        }
    }

    [Fact]
    public async Task A_consumer_resumes_from_a_stored_position_without_duplicates_or_gaps()
    {
        PrimaryKeyTable table = _fixture.Open();
        await Rows.UpsertAsync(table, (1, "a", 1), (2, "b", 2));
        await Rows.CommitAsync(table, async w =>
        {
            using var before = Rows.Of((1, "a", 1));
            using var after = Rows.Of((1, "a2", 10));
            await w.UpdateAsync(before, after, TestContext.Current.CancellationToken);
        });
        await Rows.DeleteAsync(table, 2);
        List<ChangeRow> all = await ChangeRows.ReadAsync(table.NewChangeDataScan());

        // Stop after every possible row, store the position as text, and resume from it.
        for (int stop = 0; stop < all.Count; stop++)
        {
            ChangePosition stored = await PositionAfterAsync(table.NewChangeDataScan(), stop);
            List<ChangeRow> rest = await ChangeRows.ReadAsync(table.NewChangeDataScan().FromPosition(ChangePosition.Parse(stored.ToString())));
            int delivered = all[stop].Action == ChangeAction.UpdateBefore ? stop : stop + 1;
            Assert.Equal(all.Skip(delivered).Select(c => c.Short), rest.Select(c => c.Short));
        }

        // The end position of a finished read resumes at the next commit.
        ChangeRange range = await table.NewChangeDataScan().PlanRangeAsync(TestContext.Current.CancellationToken);
        await Rows.UpsertAsync(table, (9, "z", 9));
        List<ChangeRow> next = await ChangeRows.ReadAsync(table.NewChangeDataScan().FromPosition(range.EndPosition));
        Assert.Equal(["D:9:null:null", "I:9:z:9"], next.Select(c => c.Short));
    }

    [Fact]
    public async Task Unknown_snapshots_and_a_start_after_the_end_are_clear_errors()
    {
        PrimaryKeyTable table = _fixture.Open();
        var empty = await Assert.ThrowsAsync<FloeException>(() => ChangeRows.ReadAsync(table.NewChangeDataScan()));
        Assert.Equal(FloeErrorKind.NotFound, empty.Kind);

        ChangeCommit first = (await Rows.UpsertAsync(table, (1, "a", 1)))!;
        ChangeCommit second = (await Rows.UpsertAsync(table, (2, "b", 2)))!;

        var unknownStart = await Assert.ThrowsAsync<FloeException>(() => ChangeRows.ReadAsync(table.NewChangeDataScan().FromSnapshot(12345)));
        Assert.Equal(FloeErrorKind.NotFound, unknownStart.Kind);
        Assert.Contains("12345", unknownStart.Message, StringComparison.Ordinal);

        var unknownEnd = await Assert.ThrowsAsync<FloeException>(() => ChangeRows.ReadAsync(table.NewChangeDataScan().ToSnapshot(777)));
        Assert.Equal(FloeErrorKind.NotFound, unknownEnd.Kind);

        var backwards = await Assert.ThrowsAsync<FloeException>(() => ChangeRows.ReadAsync(table.NewChangeDataScan().FromSnapshot(second.SnapshotId).ToSnapshot(first.SnapshotId)));
        Assert.Equal(FloeErrorKind.InvalidArgument, backwards.Kind);
        Assert.Contains("starts after its end", backwards.Message, StringComparison.Ordinal);

        var beyond = await Assert.ThrowsAsync<FloeException>(() => ChangeRows.ReadAsync(table.NewChangeDataScan().FromPosition(new ChangePosition(0, second.TransactionId + 5, 0))));
        Assert.Equal(FloeErrorKind.InvalidArgument, beyond.Kind);

        Assert.Throws<FloeException>(() => ChangePosition.Parse("1:2"));
        Assert.Throws<FloeException>(() => ChangePosition.Parse("1:x:end"));
        Assert.Equal(new ChangePosition(-4, 2, ChangePosition.EndOfTransaction), ChangePosition.Parse("-4:2:end"));
        Assert.Equal(new ChangePosition(4, 2, 7), ChangePosition.Parse(new ChangePosition(4, 2, 7).ToString()));
    }

    [Fact]
    public async Task Expired_change_files_before_the_start_are_not_needed_and_inside_the_range_are_reported()
    {
        PrimaryKeyTable table = _fixture.Open();
        ChangeCommit first = (await Rows.UpsertAsync(table, (1, "a", 1)))!;
        await Rows.UpsertAsync(table, (2, "b", 2));
        await Rows.UpsertAsync(table, (3, "c", 3));

        // Expire the first transaction's files: remove them from the change store and from storage.
        var expired = new List<string>();
        var delete = table.ChangeTable.NewDelete();
        foreach (var task in await new Floe.Table.Scanning.TableScan(table.ChangeTable.Metadata, table.ChangeTable.Operations.Io).PlanFilesAsync(TestContext.Current.CancellationToken))
        {
            if (task.DataSequenceNumber == first.TransactionId)
            {
                delete.DeleteFile(task.File.FilePath);
                expired.Add(task.File.FilePath);
            }
        }

        Assert.NotEmpty(expired);
        await delete.CommitAsync(TestContext.Current.CancellationToken);
        expired.ForEach(File.Delete);

        List<ChangeRow> after = await ChangeRows.ReadAsync(table.NewChangeDataScan().FromSnapshot(first.SnapshotId));
        Assert.Equal(["D:2:null:null", "I:2:b:2", "D:3:null:null", "I:3:c:3"], after.Select(c => c.Short));

        var gap = await Assert.ThrowsAsync<FloeException>(() => ChangeRows.ReadAsync(table.NewChangeDataScan()));
        Assert.Equal(FloeErrorKind.NotFound, gap.Kind);
        Assert.Contains("were removed", gap.Message, StringComparison.Ordinal);
    }

    private static async Task<ChangePosition> PositionAfterAsync(ChangeDataScan scan, int index)
    {
        int seen = 0;
        await foreach (ChangeBatch batch in scan.ReadAsync(TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                if (index < seen + batch.RowCount)
                {
                    return batch.PositionAfter(index - seen);
                }

                seen += batch.RowCount;
            }
        }

        throw new InvalidOperationException("index out of range");
    }
}
