using Floe.Core.Partitioning;
using Floe.Core.Properties;
using Floe.PrimaryKeys.ChangeData;
using Floe.PrimaryKeys.Maintenance;
using Floe.PrimaryKeys.Model;
using Floe.PrimaryKeys.Optimizing;
using Floe.PrimaryKeys.Tests.ChangeData;
using Floe.PrimaryKeys.Writing;
using Floe.TestKit;

namespace Floe.PrimaryKeys.Tests.Writing;

public sealed class ChangeLayoutTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_mask_is_the_coarsest_whose_files_stay_under_the_file_size()
    {
        var layout = new ChangeLayout(Buckets: 8, RowBytes: 100, FileBytes: 1_000);

        Assert.Equal(0, layout.MaskFor(0));
        Assert.Equal(0, layout.MaskFor(10));
        Assert.Equal(1, layout.MaskFor(11));
        Assert.Equal(1, layout.MaskFor(20));
        Assert.Equal(3, layout.MaskFor(21));
        Assert.Equal(7, layout.MaskFor(81));
        Assert.Equal(7, layout.MaskFor(1_000_000));
        Assert.Equal(40, layout.HeldRows); // a partition holding them all fits 4 nodes

        // Of the masks allowed, the one writing the fewest files, the finest on a tie.
        Assert.Equal(0, layout.MaskFor(10, [0, 1, 2, 7]));
        Assert.Equal(7, layout.MaskFor(10, [5]));
        Assert.Equal(3, layout.MaskFor(10, [1, 5]));
        Assert.Equal(1, layout.MaskFor(11, [0, 1, 2, 7]));
        Assert.Equal(7, layout.MaskFor(81, [0, 1, 2, 7]));
        Assert.Equal(ChangeLayout.MaxHeldRows, new ChangeLayout(Buckets: 8, RowBytes: 1, FileBytes: 1L << 30).HeldRows);
    }

    [Fact]
    public async Task A_small_transaction_writes_one_insert_and_one_delete_file_per_partition_at_the_root()
    {
        using var fixture = TestTable.Create(spec: s => new PartitionSpecBuilder(s).Identity("value").Build());
        PrimaryKeyTable table = fixture.Open();
        var model = new Dictionary<long, (string? Name, int? Value)>();
        await UpsertAsync(table, model, [.. Enumerable.Range(0, 300).Select(i => ((long)i, (string?)$"n{i}", (int?)(i % 3)))]);
        // The first transaction has no earlier commit to size by: it goes to the change buckets.
        Assert.All(ChangeNames(fixture, 1), n => Assert.Equal(3, n.Node.Mask));

        ChangeCommit second = (await Rows.CommitAsync(table, async w =>
        {
            using var upserts = Rows.Of([.. Enumerable.Range(0, 30).Select(i => ((long)i * 7, (string?)$"u{i}", (int?)(i % 3)))]);
            await w.UpsertAsync(upserts, Ct);
            using var before = Rows.Of((1, "n1", 1));
            using var after = Rows.Of((1, "one", 1));
            await w.UpdateAsync(before, after, Ct);
            using var deletes = Rows.Of((2, null, 2), (5, null, 2));
            await w.DeleteAsync(deletes, Ct);
        }))!;
        foreach (int i in Enumerable.Range(0, 30))
        {
            model[i * 7] = ($"u{i}", i % 3);
        }

        model[1] = ("one", 1);
        model.Remove(2);
        model.Remove(5);

        List<PrimaryKeyFileName> names = ChangeNames(fixture, second.TransactionId);
        Assert.Equal(6, second.FileCount); // 3 partitions x (I, ED) instead of 3 x 4 nodes x 2
        Assert.Equal(6, names.Count);
        Assert.All(names, n => Assert.Equal(DataTreeNode.Root, n.Node));
        Assert.Equal(3, names.Count(n => n.Kind == PrimaryKeyFileKind.Insert));
        Assert.Equal(Expected(model), await Rows.ReadAsync(table.NewScan()));

        // The change log replays to the same state, updates still paired.
        List<ChangeRow> changes = await ChangeRows.ReadAsync(table.NewChangeDataScan());
        var replayed = new Dictionary<long, (string? Name, int? Value)>();
        ChangeRows.Replay(replayed, changes);
        Assert.Equal(Expected(model), Expected(replayed));
        Assert.Contains(changes, c => c.Action == ChangeAction.UpdateBefore && c.Id == 1 && c.Transaction == second.TransactionId);

        // Optimizing merges root change files with bucketed ones; later small transactions read over the new base.
        Assert.True((await table.OptimizeAsync(cancellationToken: Ct)).Committed);
        await table.RefreshAsync(Ct);
        Assert.Equal(Expected(model), await Rows.ReadAsync(table.NewScan()));
        await UpsertAsync(table, model, [(7, "late", 1), .. Enumerable.Range(1000, 12).Select(i => ((long)i, (string?)"new", (int?)1))]);
        Assert.All(ChangeNames(fixture, table.ChangeTable.Metadata.LastSequenceNumber), n => Assert.Equal(DataTreeNode.Root, n.Node));
        Assert.Equal(Expected(model), await Rows.ReadAsync(table.NewScan()));

        // The change store TTL removes root files like any other once they are merged.
        ChangeExpiryResult expired = await table.ExpireChangesAsync(new ChangeExpiryOptions { TtlMinutes = 0, Now = DateTimeOffset.UtcNow.AddSeconds(1) }, Ct);
        Assert.True(expired.RemovedFiles >= 24 + 6);
        await table.RefreshAsync(Ct);
        Assert.Equal(Expected(model), await Rows.ReadAsync(table.NewScan()));
    }

    [Fact]
    public async Task After_change_expiry_removed_every_change_file_a_small_transaction_is_sized_by_the_last_commit_that_added_rows()
    {
        using var fixture = TestTable.Create();
        PrimaryKeyTable table = fixture.Open();
        var model = new Dictionary<long, (string? Name, int? Value)>();
        await UpsertAsync(table, model, [.. Enumerable.Range(0, 300).Select(i => ((long)i, (string?)$"n{i}", (int?)i))]);
        await UpsertAsync(table, model, (1, "one", 1), (2, "two", 2));
        Assert.True((await table.OptimizeAsync(cancellationToken: Ct)).Committed);
        ChangeExpiryResult expired = await table.ExpireChangesAsync(new ChangeExpiryOptions { TtlMinutes = 0, Now = DateTimeOffset.UtcNow.AddSeconds(1) }, Ct);
        Assert.True(expired.RemovedFiles > 0);
        await table.RefreshAsync(Ct);
        Assert.Equal("0", table.ChangeTable.Metadata.CurrentSnapshot!.Summary["total-records"]);

        // The expiry commit added no rows and the store holds none: the commits before it tell the row size.
        await UpsertAsync(table, model, [.. Enumerable.Range(500, 12).Select(i => ((long)i, (string?)"new", (int?)i))]);

        List<PrimaryKeyFileName> names = ChangeNames(fixture, table.ChangeTable.Metadata.LastSequenceNumber);
        Assert.Equal(2, names.Count);
        Assert.All(names, n => Assert.Equal(DataTreeNode.Root, n.Node));
        Assert.Equal(Expected(model), await Rows.ReadAsync(table.NewScan()));
    }

    [Fact]
    public async Task A_transaction_outgrowing_the_held_rows_goes_to_the_change_buckets_whole()
    {
        // Fragments of 4 KiB: a few hundred change rows at most are held.
        using var fixture = TestTable.Create(properties: new Dictionary<string, string>
        {
            [SelfOptimizingProperties.TargetSize.Key] = "4096",
            [SelfOptimizingProperties.FragmentRatio.Key] = "1",
        });
        PrimaryKeyTable table = fixture.Open();
        var model = new Dictionary<long, (string? Name, int? Value)>();
        await UpsertAsync(table, model, [.. Enumerable.Range(0, 100).Select(i => ((long)i, (string?)$"n{i}", (int?)i))]);
        await UpsertAsync(table, model, [.. Enumerable.Range(1, 8).Select(i => ((long)i, (string?)"small", (int?)i))]);
        Assert.All(ChangeNames(fixture, 2), n => Assert.Equal(DataTreeNode.Root, n.Node));

        // A transaction within one change bucket stays at that bucket's node.
        await UpsertAsync(table, model, (1, "one", 1));
        Assert.All(ChangeNames(fixture, 3), n => Assert.Equal(3, n.Node.Mask));

        // A first batch small enough to hold, then one that is not: both end at the change buckets.
        ChangeCommit large = (await Rows.CommitAsync(table, async w =>
        {
            using var first = Rows.Of((3, "held", 3));
            await w.UpsertAsync(first, Ct);
            using var second = Rows.Of([.. Enumerable.Range(0, 5_000).Select(i => ((long)i + 50, (string?)$"big{i}", (int?)i))]);
            await w.UpsertAsync(second, Ct);
        }))!;
        model[3] = ("held", 3);
        foreach (int i in Enumerable.Range(0, 5_000))
        {
            model[i + 50] = ($"big{i}", i);
        }

        List<PrimaryKeyFileName> names = ChangeNames(fixture, large.TransactionId);
        Assert.Equal(4, large.TransactionId);
        Assert.Equal(8, names.Count);
        Assert.All(names, n => Assert.Equal(3, n.Node.Mask));
        Assert.Equal(Expected(model), await Rows.ReadAsync(table.NewScan()));
    }

    private static async Task UpsertAsync(PrimaryKeyTable table, Dictionary<long, (string? Name, int? Value)> model, params (long Id, string? Name, int? Value)[] rows)
    {
        await Rows.UpsertAsync(table, rows);
        foreach ((long id, string? name, int? value) in rows)
        {
            model[id] = (name, value);
        }
    }

    private static List<(long Id, string? Name, int? Value)> Expected(Dictionary<long, (string? Name, int? Value)> model) =>
        [.. model.OrderBy(p => p.Key).Select(p => (p.Key, p.Value.Name, p.Value.Value))];

    private static List<PrimaryKeyFileName> ChangeNames(TestTable fixture, long transaction) =>
        [.. fixture.DataFiles("change").Select(f => PrimaryKeyFileName.TryParse(f)!).Where(n => n.TransactionId == transaction)];
}
