using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Properties;
using Floe.Table.Maintenance;
using Floe.Table.Operations;
using Floe.Table.Tests.Operations;
using Floe.Table.Tests.Scanning;
using static Floe.Table.Tests.Maintenance.MaintenanceTestSupport;

namespace Floe.Table.Tests.Maintenance;

public sealed class SnapshotExpiryTests
{
    // A delete that fails at any point after the metadata commit leaves the table readable at every kept snapshot;
    // the file it could not delete is counted, and orphan cleaning removes what was left behind, including a data
    // file the kept snapshot's manifest only records as deleted.
    [Fact]
    public async Task A_delete_failing_at_any_step_leaves_every_kept_snapshot_readable_and_orphan_cleaning_clears_what_was_left()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        int deletedWithoutFaults = 0;
        for (int failAt = 1; failAt == 1 || failAt <= deletedWithoutFaults; failAt++)
        {
            await using ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: false);
            var a = await t.WriteDataAsync(Rows("x", 1, 2));
            await t.AppendAsync(a);
            long second = await t.AppendAsync(await t.WriteDataAsync(Rows("x", 3)));
            await t.Table.NewDelete().DeleteFile(a).CommitAsync(ct);
            long third = t.Table.CurrentSnapshot!.SnapshotId;
            var failing = new IcebergTable("t", new RedirectedOperations(t.Table.Operations, new FailingDeleteFileIO(t.Table.Operations.Io, failAtDelete: failAt)));

            ExpireSnapshotsResult result = await failing.ExpireSnapshotsAsync(new ExpireSnapshotsOptions { OlderThan = Later, RetainLast = 1 }, ct);
            deletedWithoutFaults = Math.Max(deletedWithoutFaults, result.Files.Files + result.Files.Failed);

            Assert.Equal(1, result.Files.Failed);
            await t.Table.RefreshAsync(ct);
            Assert.Equal([third], t.Table.Metadata.Snapshots.Select(s => s.SnapshotId));
            Assert.Equal([3L], await IdsAtAsync(t.Table, third));
            Assert.DoesNotContain(second, t.Table.Metadata.Snapshots.Select(s => s.SnapshotId));

            await t.Table.CleanOrphanFilesAsync(new OrphanFilesOptions { OlderThanMinutes = 0, Now = Later }, ct);
            Assert.Equal([3L], await IdsAtAsync(t.Table, third));
            await TestFiles.AssertNoOrphanMetadataAsync(t.Table.Operations.Io, t.Table.Metadata);
            await Floe.TestKit.TableState.AssertNoGarbageAsync(t.Table.Metadata, t.Table.Operations.Io, $"delete {failAt} failed");
            Assert.False(File.Exists(a.FilePath));
        }

        Assert.True(deletedWithoutFaults >= 3, $"expiry deleted {deletedWithoutFaults} files");
    }

    [Fact]
    public async Task A_dry_run_and_orphan_cleaning_count_the_files_at_their_sizes_on_disk()
    {
        await using ScanTestTable t = await ThreeSnapshotsAsync();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await t.Table.UpdateProperties().Set("write.metadata.previous-versions-max", "1").CommitAsync(ct); // earlier metadata files become orphans
        Dictionary<string, long> sizes = SizesOnDisk(t.Table.Metadata.Location);

        ExpireSnapshotsResult dryRun = await t.Table.ExpireSnapshotsAsync(new ExpireSnapshotsOptions { OlderThan = Later, RetainLast = 1, KeepFiles = true }, ct);

        Assert.Equal(2, dryRun.Files.ByKind[TableFileKind.ManifestList].Files);
        Assert.True(dryRun.Files.ByKind[TableFileKind.ManifestList].Bytes > 0);
        Assert.Equal(dryRun.Files.Deleted.Where(IsManifestList).Sum(p => sizes[p]), dryRun.Files.ByKind[TableFileKind.ManifestList].Bytes);
        Assert.Equal(dryRun.Files.Deleted.Sum(p => sizes[p]), dryRun.Files.Bytes);
        Assert.All(dryRun.Files.Deleted, p => Assert.True(File.Exists(p)));

        // Orphan cleaning removes the files the dry run left and the metadata files out of the log, at their sizes on disk.
        Dictionary<string, long> before = SizesOnDisk(t.Table.Metadata.Location);
        OrphanFilesResult orphans = await t.Table.CleanOrphanFilesAsync(new OrphanFilesOptions { OlderThanMinutes = 0, Now = Later }, ct);

        Assert.True(orphans.Files.ByKind[TableFileKind.Metadata].Files >= 3);
        Assert.Equal(orphans.Files.Deleted.Where(p => p.EndsWith(".metadata.json", StringComparison.Ordinal)).Sum(p => before[p]),
            orphans.Files.ByKind[TableFileKind.Metadata].Bytes);
        Assert.Equal(orphans.Files.Deleted.Sum(p => before[p]), orphans.Files.Bytes);
    }

    [Fact]
    public async Task Expiry_counts_each_deleted_file_at_its_size_on_disk()
    {
        await using ScanTestTable t = await ThreeSnapshotsAsync();
        CancellationToken ct = TestContext.Current.CancellationToken;
        Dictionary<string, long> sizes = SizesOnDisk(t.Table.Metadata.Location);

        ExpireSnapshotsResult result = await t.Table.ExpireSnapshotsAsync(new ExpireSnapshotsOptions { OlderThan = Later, RetainLast = 1 }, ct);

        (int files, long bytes) = result.Files.ByKind[TableFileKind.ManifestList];
        Assert.Equal(2, files);
        Assert.True(bytes > 0);
        Assert.Equal(result.Files.Deleted.Where(IsManifestList).Sum(p => sizes[p]), bytes);
        Assert.Equal(result.Files.Deleted.Sum(p => sizes[p]), result.Files.Bytes);
        Assert.All(result.Files.Deleted, p => Assert.False(File.Exists(p)));
    }

    [Fact]
    public async Task Expiry_deletes_data_files_before_the_manifests_naming_them_and_those_before_the_manifest_lists()
    {
        await using ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: false);
        CancellationToken ct = TestContext.Current.CancellationToken;
        var a = await t.WriteDataAsync(Rows("x", 1));
        var b = await t.WriteDataAsync(Rows("x", 2));
        await t.AppendAsync(a);
        await t.AppendAsync(b);
        await t.Table.NewDelete().DeleteFile(a).DeleteFile(b).CommitAsync(ct);
        await t.AppendAsync(await t.WriteDataAsync(Rows("x", 3)));

        ExpireSnapshotsResult result = await t.Table.ExpireSnapshotsAsync(new ExpireSnapshotsOptions { OlderThan = Later, RetainLast = 1 }, ct);

        // Deletes go in batches while the manifests are still being read: nothing is deleted before what names it is read.
        List<TableFileKind> order = [.. result.Files.Deleted.Select(KindOnDisk)];
        Assert.Equal([TableFileKind.Data, TableFileKind.Data], order.Where(k => k == TableFileKind.Data));
        Assert.Equal(order.OrderBy(k => k switch { TableFileKind.Data => 0, TableFileKind.Manifest => 1, _ => 2 }), order);
        Assert.Contains(TableFileKind.Manifest, order);
        Assert.Equal(3, order.Count(k => k == TableFileKind.ManifestList));
    }

    private static TableFileKind KindOnDisk(string location) =>
        location.EndsWith(".parquet", StringComparison.Ordinal) ? TableFileKind.Data
        : IsManifestList(location) ? TableFileKind.ManifestList
        : TableFileKind.Manifest;

    /// <summary>A table of three snapshots: two appends, then the first file deleted.</summary>
    private static async Task<ScanTestTable> ThreeSnapshotsAsync()
    {
        ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: false);
        var a = await t.WriteDataAsync(Rows("x", 1, 2));
        await t.AppendAsync(a);
        await t.AppendAsync(await t.WriteDataAsync(Rows("x", 3)));
        await t.Table.NewDelete().DeleteFile(a).CommitAsync(TestContext.Current.CancellationToken);
        return t;
    }

    private static bool IsManifestList(string location) => Path.GetFileName(location).StartsWith("snap-", StringComparison.Ordinal);

    private static Dictionary<string, long> SizesOnDisk(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(p => p, p => new FileInfo(p).Length, StringComparer.Ordinal);

    [Fact]
    public async Task Expired_snapshots_take_only_the_files_no_kept_snapshot_reads()
    {
        await using ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: false);
        CancellationToken ct = TestContext.Current.CancellationToken;
        var a = await t.WriteDataAsync(Rows("x", 1, 2));
        long first = await t.AppendAsync(a);
        var b = await t.WriteDataAsync(Rows("x", 3));
        long second = await t.AppendAsync(b);
        await t.Table.NewDelete().DeleteFile(a).CommitAsync(ct);
        long third = t.Table.CurrentSnapshot!.SnapshotId;

        Assert.Empty((await t.Table.ExpireSnapshotsAsync(cancellationToken: ct)).ExpiredSnapshotIds);
        ExpireSnapshotsResult result = await t.Table.ExpireSnapshotsAsync(new ExpireSnapshotsOptions { OlderThan = Later, RetainLast = 1 }, ct);

        Assert.Equal(new[] { first, second }.Order(), result.ExpiredSnapshotIds.Order());
        Assert.Equal([third], t.Table.Metadata.Snapshots.Select(s => s.SnapshotId));
        Assert.False(File.Exists(a.FilePath));
        Assert.True(File.Exists(b.FilePath));
        Assert.Equal((1, a.FileSizeInBytes), result.Files.ByKind[TableFileKind.Data]);
        Assert.Equal(2, result.Files.ByKind[TableFileKind.ManifestList].Files);
        Assert.All(result.Files.Deleted, f => Assert.False(File.Exists(f)));
        Assert.Equal([3L], await IdsAtAsync(t.Table, third));
        await TestFiles.AssertNoOrphanMetadataAsync(t.Table.Operations.Io, t.Table.Metadata);
    }

    [Fact]
    public async Task Tags_branches_protected_snapshots_and_retain_last_keep_their_snapshots_and_refs_past_their_age_go()
    {
        await using ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: false);
        CancellationToken ct = TestContext.Current.CancellationToken;
        var a = await t.WriteDataAsync(Rows("x", 1));
        long s1 = await t.AppendAsync(a);
        long s2 = await t.AppendAsync(await t.WriteDataAsync(Rows("x", 2)));
        long s3 = await t.AppendAsync(await t.WriteDataAsync(Rows("x", 3)));
        long s4 = await t.AppendAsync(await t.WriteDataAsync(Rows("x", 4)));
        await t.Table.ManageSnapshots().CreateTag("audit", s1).CommitAsync(ct);
        await t.Table.NewDelete().DeleteFile(a).CommitAsync(ct);

        var result = await t.Table.ExpireSnapshotsAsync(new ExpireSnapshotsOptions { OlderThan = Later, RetainLast = 2, Protected = new HashSet<long> { s2 } }, ct);

        Assert.Equal([s3], result.ExpiredSnapshotIds);
        Assert.Contains(s1, t.Table.Metadata.Snapshots.Select(s => s.SnapshotId));
        Assert.True(File.Exists(a.FilePath));
        Assert.Equal([1L], await IdsAsync(new Floe.Table.Scanning.TableScan(t.Table.Metadata, t.Table.Operations.Io).UseRef("audit")));

        // A tag older than its own max ref age goes, and its snapshot with it.
        await t.Table.Operations.CommitAsync(t.Table.Metadata, TableMetadataBuilder.From(t.Table.Metadata)
            .SetRef("audit", SnapshotRef.Tag(s1) with { MaxRefAgeMs = 1 }).Build(), ct);
        result = await t.Table.ExpireSnapshotsAsync(new ExpireSnapshotsOptions { OlderThan = Later, RetainLast = 1, Now = Later }, ct);

        Assert.Equal(["audit"], result.ExpiredRefs);
        Assert.Contains(s1, result.ExpiredSnapshotIds);
        Assert.False(File.Exists(a.FilePath));
        Assert.Equal([2L, 3L, 4L], await IdsAtAsync(t.Table, t.Table.CurrentSnapshot!.SnapshotId));
        _ = s4;
    }

    [Fact]
    public async Task Defaults_come_from_the_table_properties()
    {
        await using ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: false);
        CancellationToken ct = TestContext.Current.CancellationToken;
        await t.AppendAsync(await t.WriteDataAsync(Rows("x", 1)));
        await t.AppendAsync(await t.WriteDataAsync(Rows("x", 2)));
        await t.AppendAsync(await t.WriteDataAsync(Rows("x", 3)));
        await t.Table.UpdateProperties().Set(MaintenanceProperties.SnapshotKeepDuration.Key, "1min").Set(MaintenanceProperties.SnapshotKeepMinCount.Key, "2").CommitAsync(ct);

        Assert.Empty((await t.Table.ExpireSnapshotsAsync(cancellationToken: ct)).ExpiredSnapshotIds);
        var result = await t.Table.ExpireSnapshotsAsync(new ExpireSnapshotsOptions { Now = DateTimeOffset.UtcNow.AddMinutes(2) }, ct);

        Assert.Single(result.ExpiredSnapshotIds);
        Assert.Equal(2, t.Table.Metadata.Snapshots.Count);
        await Assert.ThrowsAsync<FloeException>(() => t.Table.ExpireSnapshotsAsync(new ExpireSnapshotsOptions { RetainLast = 0 }, ct));
    }

    [Fact]
    public async Task A_failed_delete_leaves_the_table_readable_and_orphan_cleaning_finishes_the_job()
    {
        await using ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: false);
        CancellationToken ct = TestContext.Current.CancellationToken;
        var a = await t.WriteDataAsync(Rows("x", 1));
        await t.AppendAsync(a);
        await t.AppendAsync(await t.WriteDataAsync(Rows("x", 2)));
        await t.Table.NewDelete().DeleteFile(a).CommitAsync(ct);
        var failing = new IcebergTable("t", new RedirectedOperations(t.Table.Operations, new FailingDeleteFileIO(t.Table.Operations.Io, failAtDelete: 2)));

        var result = await failing.ExpireSnapshotsAsync(new ExpireSnapshotsOptions { OlderThan = Later, RetainLast = 1 }, ct);

        Assert.Equal(1, result.Files.Failed);
        Assert.NotNull(result.Files.FirstFailure);
        Assert.Equal([2L], await IdsAtAsync(t.Table, t.Table.CurrentSnapshot!.SnapshotId));
        var orphans = await t.Table.CleanOrphanFilesAsync(new OrphanFilesOptions { OlderThanMinutes = 0, Now = Later }, ct);
        Assert.Equal(1, orphans.Files.Files);
        Assert.False(File.Exists(a.FilePath));
        Assert.Equal([2L], await IdsAtAsync(t.Table, t.Table.CurrentSnapshot!.SnapshotId));
    }
}
