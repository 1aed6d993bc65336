using Floe.Common.Errors;
using Floe.Core.Properties;
using Floe.PrimaryKeys.ChangeData;
using Floe.PrimaryKeys.Maintenance;
using Floe.PrimaryKeys.Model;
using Floe.PrimaryKeys.Optimizing;
using Floe.PrimaryKeys.Tests.ChangeData;
using Floe.PrimaryKeys.Writing;
using Floe.Table.Scanning;
using Floe.TestKit;

namespace Floe.PrimaryKeys.Tests.Maintenance;

public sealed class ChangeExpiryTests
{
    private static readonly ChangeExpiryOptions AfterTheTtl = new() { Now = DateTimeOffset.UtcNow.AddMinutes(PrimaryKeyProperties.ChangeDataTtlMinutes.Default + 60) };

    [Fact]
    public async Task Merged_change_files_past_the_ttl_leave_the_change_store_and_pending_ones_stay()
    {
        using TestTable fixture = TestTable.Create();
        PrimaryKeyTable table = fixture.Open();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await Rows.UpsertAsync(table, (1, "a", 1), (2, "b", 1));
        await Rows.UpsertAsync(table, (2, "b", 2), (3, "c", 2));
        ChangeCommit merged = (await Rows.UpsertAsync(table, (4, "d", 3)))!;
        await table.OptimizeAsync(cancellationToken: ct);
        ChangeCommit pending = (await Rows.UpsertAsync(table, (1, "z", 4)))!;
        var before = await Rows.ReadAsync(table.NewScan());

        Assert.Null((await table.ExpireChangesAsync(cancellationToken: ct)).SnapshotId);

        ChangeExpiryResult result = await table.ExpireChangesAsync(AfterTheTtl, ct);

        Assert.NotNull(result.SnapshotId);
        Assert.True(result.RemovedFiles >= 3);
        Assert.Equal(10, result.RemovedRows);
        await table.RefreshAsync(ct);
        IReadOnlyList<FileScanTask> left = await new TableScan(table.ChangeTable.Metadata, table.ChangeTable.Operations.Io).PlanFilesAsync(ct);
        Assert.All(left, f => Assert.Equal(pending.TransactionId, f.DataSequenceNumber));
        Assert.Equal(before, await Rows.ReadAsync(table.NewScan()));

        // Reads from after the removed transactions go on; reads that would need them fail naming a transaction.
        List<ChangeRow> tail = await ChangeRows.ReadAsync(table.NewChangeDataScan().FromSnapshot(merged.SnapshotId));
        Assert.Equal(["D:1:null:null", "I:1:z:4"], tail.Select(r => r.Short));
        var error = await Assert.ThrowsAsync<FloeException>(() => ChangeRows.ReadAsync(table.NewChangeDataScan()));
        Assert.Equal(FloeErrorKind.NotFound, error.Kind);
        Assert.Contains("transaction", error.Message, StringComparison.Ordinal);

        Assert.Null((await table.ExpireChangesAsync(AfterTheTtl, ct)).SnapshotId);
    }

    [Fact]
    public async Task A_ttl_given_for_one_run_overrides_the_property_and_must_not_be_negative()
    {
        using TestTable fixture = TestTable.Create();
        PrimaryKeyTable table = fixture.Open();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await Rows.UpsertAsync(table, (1, "a", 1));
        await table.OptimizeAsync(cancellationToken: ct);

        Assert.Null((await table.ExpireChangesAsync(cancellationToken: ct)).SnapshotId);
        var negative = await Assert.ThrowsAsync<FloeException>(() => table.ExpireChangesAsync(new ChangeExpiryOptions { TtlMinutes = -5 }, ct));
        Assert.Equal(FloeErrorKind.InvalidArgument, negative.Kind);
        ChangeExpiryResult result = await table.ExpireChangesAsync(new ChangeExpiryOptions { TtlMinutes = 0, Now = DateTimeOffset.UtcNow.AddSeconds(1) }, ct);
        Assert.Equal(2, result.RemovedRows);
    }

    [Fact]
    public async Task A_ttl_of_zero_expires_merged_changes_at_once_and_a_writer_committing_after_takes_the_next_id()
    {
        using TestTable fixture = TestTable.Create(properties: new Dictionary<string, string> { [PrimaryKeyProperties.ChangeDataTtlMinutes.Key] = "0" });
        PrimaryKeyTable table = fixture.Open();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await Rows.UpsertAsync(table, (1, "a", 1));
        await table.OptimizeAsync(cancellationToken: ct);
        await using ChangeWriter writer = table.NewChangeWriter();
        using (var batch = Rows.Of((2, "b", 2)))
        {
            await writer.UpsertAsync(batch, ct);
        }

        ChangeExpiryResult result = await fixture.Open().ExpireChangesAsync(new ChangeExpiryOptions { Now = DateTimeOffset.UtcNow.AddSeconds(1) }, ct);
        ChangeCommit committed = (await writer.CommitAsync(ct))!;

        Assert.Equal(2, result.RemovedRows);
        Assert.Equal(3, committed.TransactionId);
        Assert.Equal([(1L, "a", 1), (2L, "b", 2)], await Rows.ReadAsync(fixture.Open().NewScan()));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("a week")]
    public void A_bad_ttl_is_refused_by_name(string value)
    {
        var error = Assert.Throws<FloeException>(() => PrimaryKeyTableMetadata.Create(
            TestTable.DefaultSchema, null, ["id"], "/tables/t", new Dictionary<string, string> { [PrimaryKeyProperties.ChangeDataTtlMinutes.Key] = value }));
        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(PrimaryKeyProperties.ChangeDataTtlMinutes.Key, error.Message, StringComparison.Ordinal);
    }
}
