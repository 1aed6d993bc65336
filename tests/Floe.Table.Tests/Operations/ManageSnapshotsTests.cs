using Floe.Core.Metadata;
using Floe.Table.Operations;

namespace Floe.Table.Tests.Operations;

public sealed class ManageSnapshotsTests : IDisposable
{
    private readonly TableFixture _fixture = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _fixture.Dispose();

    /// <summary>A table whose main branch went 1 → 2 → 3, plus snapshot 4 on a side line from 1.</summary>
    private async Task<IcebergTable> WithHistoryAsync()
    {
        var table = await _fixture.CreateAsync();
        var m = table.Metadata;
        var builder = TableMetadataBuilder.From(m);
        for (long id = 1; id <= 3; id++)
        {
            builder.AddSnapshot(Snap(id, id, id == 1 ? null : id - 1)).SetBranchSnapshot(id);
        }

        builder.AddSnapshot(Snap(4, 4, 1));
        await table.Operations.CommitAsync(m, builder.Build(), _ct);
        return table;
    }

    private static Snapshot Snap(long id, long sequence, long? parent) => new()
    {
        SnapshotId = id,
        ParentSnapshotId = parent,
        SequenceNumber = sequence,
        TimestampMs = 1_700_000_000_000 + (id * 1000),
        ManifestList = $"/nowhere/snap-{id}.avro",
        Operation = SnapshotOperations.Append,
    };

    [Fact]
    public async Task Rollback_to_an_ancestor()
    {
        var table = await WithHistoryAsync();

        var stored = await table.ManageSnapshots().RollbackTo(2).CommitAsync(_ct);

        Assert.Equal(2, stored.CurrentSnapshotId);
        Assert.Equal(2, (await _fixture.LoadAsync()).CurrentSnapshotId);
    }

    [Fact]
    public async Task Rollback_to_a_non_ancestor_fails_validation()
    {
        var table = await WithHistoryAsync();

        await Assert.ThrowsAsync<ValidationException>(() => table.ManageSnapshots().RollbackTo(4).CommitAsync(_ct));

        Assert.Equal(3, (await _fixture.LoadAsync()).CurrentSnapshotId);
    }

    [Fact]
    public async Task Rollback_to_time_picks_the_newest_ancestor_not_after_it()
    {
        var table = await WithHistoryAsync();

        var stored = await table.ManageSnapshots().RollbackToTime(1_700_000_002_500).CommitAsync(_ct);

        Assert.Equal(2, stored.CurrentSnapshotId);
    }

    [Fact]
    public async Task Set_current_snapshot_accepts_any_snapshot()
    {
        var table = await WithHistoryAsync();

        var stored = await table.ManageSnapshots().SetCurrentSnapshot(4).CommitAsync(_ct);

        Assert.Equal(4, stored.CurrentSnapshotId);
        await Assert.ThrowsAsync<ValidationException>(() => table.ManageSnapshots().SetCurrentSnapshot(99).CommitAsync(_ct));
    }

    [Fact]
    public async Task Branches_and_tags()
    {
        var table = await WithHistoryAsync();

        var stored = await table.ManageSnapshots().CreateBranch("dev", 4).CreateTag("v1", 2).CommitAsync(_ct);

        Assert.Equal(SnapshotRef.Branch(4), stored.Ref("dev"));
        Assert.Equal(SnapshotRef.Tag(2), stored.Ref("v1"));
        Assert.Equal(3, stored.CurrentSnapshotId);
        await Assert.ThrowsAsync<ValidationException>(() => table.ManageSnapshots().CreateTag("v1", 3).CommitAsync(_ct));

        var removed = await table.ManageSnapshots().RemoveRef("v1").CommitAsync(_ct);
        Assert.Null(removed.Ref("v1"));
        await Assert.ThrowsAnyAsync<Floe.Common.Errors.FloeException>(() => table.ManageSnapshots().RemoveRef("main").CommitAsync(_ct));
    }
}
