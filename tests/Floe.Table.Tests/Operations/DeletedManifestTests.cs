using Floe.Core.Manifests;
using Floe.Core.Properties;
using Floe.Table.Maintenance;
using Floe.Table.Operations;
using Floe.Table.Tests.Scanning;
using static Floe.Table.Tests.Maintenance.MaintenanceTestSupport;

namespace Floe.Table.Tests.Operations;

/// <summary>
/// A DELETED entry records a removal only in the snapshot that made it: manifests holding nothing else are not carried
/// into later snapshots, and rewritten or merged manifests drop the DELETED entries of earlier snapshots.
/// </summary>
public sealed class DeletedManifestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<ManifestFile>> ManifestsAsync(IcebergTable table, long? snapshotId = null)
    {
        var snapshot = snapshotId is long id ? table.Metadata.SnapshotById(id)! : table.CurrentSnapshot!;
        return await TestFiles.ManifestListAsync(table.Operations.Io, snapshot.ManifestList!);
    }

    private static async Task<List<ManifestEntry>> EntriesAsync(IcebergTable table) =>
        [.. (await Task.WhenAll((await ManifestsAsync(table)).Select(m => TestFiles.EntriesAsync(table.Operations.Io, m)))).SelectMany(e => e)];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_manifest_of_only_deleted_entries_is_listed_by_its_snapshot_and_not_by_the_next(bool mergingAppend)
    {
        await using ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: false);
        await t.Table.UpdateProperties().Set(ManifestProperties.MinCountToMerge.Key, "2").CommitAsync(Ct);
        var a = await t.WriteDataAsync(Rows("x", 1, 2));
        long first = await t.AppendAsync(a);
        long second = await t.AppendAsync(await t.WriteDataAsync(Rows("x", 3)));
        await t.Table.NewDelete().DeleteFile(a).CommitAsync(Ct);
        long deleting = t.Table.CurrentSnapshot!.SnapshotId;
        var deletedOnly = Assert.Single(await ManifestsAsync(t.Table), m => m is { AddedFilesCount: 0, ExistingFilesCount: 0 });
        Assert.Equal(deleting, deletedOnly.AddedSnapshotId);

        var c = await t.WriteDataAsync(Rows("x", 4));
        AppendFiles append = mergingAppend ? t.Table.NewAppend() : t.Table.NewFastAppend();
        await append.AppendFile(c).CommitAsync(Ct);
        long fourth = t.Table.CurrentSnapshot!.SnapshotId;

        var manifests = await ManifestsAsync(t.Table);
        Assert.DoesNotContain(manifests, m => m.Path == deletedOnly.Path);
        Assert.All(manifests, m => Assert.True(m.HasAddedFiles || m.HasExistingFiles, m.Path));
        Assert.DoesNotContain(await EntriesAsync(t.Table), e => e.Status == EntryStatus.Deleted);
        Assert.Contains(await ManifestsAsync(t.Table, deleting), m => m.Path == deletedOnly.Path);
        Assert.Equal([1L, 2L], await IdsAtAsync(t.Table, first));
        Assert.Equal([1L, 2L, 3L], await IdsAtAsync(t.Table, second));
        Assert.Equal([3L], await IdsAtAsync(t.Table, deleting));
        Assert.Equal([3L, 4L], await IdsAtAsync(t.Table, fourth));
    }

    [Fact]
    public async Task A_rewritten_manifest_keeps_only_the_deletes_of_its_own_snapshot()
    {
        await using ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: false);
        var a = await t.WriteDataAsync(Rows("x", 1));
        var b = await t.WriteDataAsync(Rows("x", 2));
        var c = await t.WriteDataAsync(Rows("x", 3));
        await t.AppendAsync(a, b, c);
        await t.Table.NewDelete().DeleteFile(a).CommitAsync(Ct);
        await t.Table.NewDelete().DeleteFile(b).CommitAsync(Ct);

        var entries = await EntriesAsync(t.Table);
        var deleted = Assert.Single(entries, e => e.Status == EntryStatus.Deleted);
        Assert.Equal(b.FilePath, deleted.File.FilePath);
        Assert.Equal(t.Table.CurrentSnapshot!.SnapshotId, deleted.SnapshotId);
        Assert.Equal(c.FilePath, Assert.Single(entries, e => e.IsLive).File.FilePath);
        Assert.Equal([3L], await IdsAtAsync(t.Table, t.Table.CurrentSnapshot.SnapshotId));
    }

    [Fact]
    public async Task A_delete_manifest_of_only_deleted_entries_is_not_carried()
    {
        await using ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: false);
        var a = await t.WriteDataAsync(Rows("x", 1, 2, 3));
        await t.AppendAsync(a);
        var deletes = await t.WritePositionDeletesAsync("x", (a, 1));
        await t.RowDeltaAsync([], [deletes]);
        Assert.Equal([1L, 3L], await IdsAtAsync(t.Table, t.Table.CurrentSnapshot!.SnapshotId));
        await t.Table.NewDelete().DeleteFile(deletes.FilePath).CommitAsync(Ct);
        long dropped = t.Table.CurrentSnapshot!.SnapshotId;
        var deletedOnly = Assert.Single(await ManifestsAsync(t.Table), m => m.Content == ManifestContent.Deletes);
        Assert.Equal(0, deletedOnly.ExistingFilesCount);

        long next = await t.AppendAsync(await t.WriteDataAsync(Rows("x", 4)));

        Assert.DoesNotContain(await ManifestsAsync(t.Table), m => m.Content == ManifestContent.Deletes);
        Assert.Equal([1L, 2L, 3L], await IdsAtAsync(t.Table, dropped));
        Assert.Equal([1L, 2L, 3L, 4L], await IdsAtAsync(t.Table, next));
    }

    [Fact]
    public async Task Fifty_overwrites_keep_the_manifest_list_bounded_and_every_snapshot_readable()
    {
        await using ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: false);
        var current = await t.WriteDataAsync(Rows("x", 0));
        var expected = new Dictionary<long, long> { [await t.AppendAsync(current)] = 0 };
        for (long i = 1; i <= 50; i++)
        {
            var next = await t.WriteDataAsync(Rows("x", i));
            await t.Table.NewOverwrite().DeleteFile(current).AddFile(next).CommitAsync(Ct);
            current = next;
            expected[t.Table.CurrentSnapshot!.SnapshotId] = i;
            Assert.True((await ManifestsAsync(t.Table)).Count <= 2, $"overwrite {i} lists {(await ManifestsAsync(t.Table)).Count} manifests");
        }

        foreach (var (snapshotId, id) in expected)
        {
            Assert.Equal([id], await IdsAtAsync(t.Table, snapshotId));
        }
    }

    [Fact]
    public async Task Expiry_still_deletes_the_files_only_expired_snapshots_reached()
    {
        await using ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: false);
        var a = await t.WriteDataAsync(Rows("x", 1, 2));
        await t.AppendAsync(a);
        var b = await t.WriteDataAsync(Rows("x", 3));
        await t.AppendAsync(b);
        await t.Table.NewDelete().DeleteFile(a).CommitAsync(Ct);
        var deletedOnly = Assert.Single(await ManifestsAsync(t.Table), m => m is { AddedFilesCount: 0, ExistingFilesCount: 0 });
        long last = await t.AppendAsync(await t.WriteDataAsync(Rows("x", 4)));

        ExpireSnapshotsResult result = await t.Table.ExpireSnapshotsAsync(new ExpireSnapshotsOptions { OlderThan = Later, RetainLast = 1 }, Ct);

        Assert.Equal(3, result.ExpiredSnapshotIds.Count);
        Assert.False(File.Exists(a.FilePath));
        Assert.False(File.Exists(deletedOnly.Path));
        Assert.True(File.Exists(b.FilePath));
        Assert.Equal([3L, 4L], await IdsAtAsync(t.Table, last));
        await TestFiles.AssertNoOrphanMetadataAsync(t.Table.Operations.Io, t.Table.Metadata);
        await t.Table.CleanOrphanFilesAsync(new OrphanFilesOptions { OlderThanMinutes = 0, Now = Later }, Ct);
        Assert.Equal([3L, 4L], await IdsAtAsync(t.Table, last));
        await Floe.TestKit.TableState.AssertNoGarbageAsync(t.Table.Metadata, t.Table.Operations.Io, "after expiry and orphan cleaning");
    }
}
