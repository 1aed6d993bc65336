using Floe.Table.Maintenance;
using Floe.Table.Operations;
using Floe.Table.Tests.Operations;
using Floe.Table.Tests.Scanning;
using Floe.TestKit;
using static Floe.Table.Tests.Maintenance.MaintenanceTestSupport;

namespace Floe.Table.Tests.Maintenance;

public sealed class OrphanFileTests
{
    [Fact]
    public async Task Unreferenced_files_past_the_window_go_referenced_and_young_ones_stay_and_a_dry_run_deletes_nothing()
    {
        await using ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: true);
        CancellationToken ct = TestContext.Current.CancellationToken;
        long snapshot = await t.AppendAsync(await t.WriteDataAsync(Rows("a", 1, 2)));
        string stray = Path.Combine(t.Table.Metadata.Location, "data", "category=z", "stray.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(stray)!);
        await File.WriteAllTextAsync(stray, "x", ct);
        string strayManifest = Path.Combine(t.Table.Metadata.Location, "metadata", "stray-m0.avro");
        await File.WriteAllTextAsync(strayManifest, "x", ct);

        Assert.Empty((await t.Table.CleanOrphanFilesAsync(cancellationToken: ct)).Files.Deleted);
        var dry = await t.Table.CleanOrphanFilesAsync(new OrphanFilesOptions { OlderThanMinutes = 0, Now = Later, DryRun = true }, ct);
        Assert.Equal([stray, strayManifest], dry.Files.Deleted.Order(StringComparer.Ordinal).Select(Path.GetFullPath));
        Assert.True(File.Exists(stray));

        var result = await t.Table.CleanOrphanFilesAsync(new OrphanFilesOptions { OlderThanMinutes = 0, Now = Later }, ct);

        Assert.Equal(2, result.Files.Files);
        Assert.Equal(1, result.Files.ByKind[TableFileKind.Data].Files);
        Assert.Equal(1, result.Files.ByKind[TableFileKind.Manifest].Files);
        Assert.False(Directory.Exists(Path.GetDirectoryName(stray)));
        Assert.Equal(1, result.RemovedFolders);
        Assert.True(File.Exists(Path.Combine(t.Table.Metadata.Location, "metadata", "version-hint.text")));
        Assert.Equal([1L, 2L], await IdsAtAsync(t.Table, snapshot));
        Assert.Empty((await t.Table.CleanOrphanFilesAsync(new OrphanFilesOptions { OlderThanMinutes = 0, Now = Later }, ct)).Files.Deleted);
    }

    [Fact]
    public async Task A_file_written_but_not_yet_committed_survives_a_scan_inside_the_window_and_commits_afterwards()
    {
        await using ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: false);
        CancellationToken ct = TestContext.Current.CancellationToken;
        await t.AppendAsync(await t.WriteDataAsync(Rows("a", 1)));
        var pending = await t.WriteDataAsync(Rows("a", 7));

        var result = await t.Table.CleanOrphanFilesAsync(new OrphanFilesOptions { OlderThanMinutes = 1 }, ct);

        Assert.DoesNotContain(result.Files.Deleted, f => Path.GetFullPath(f) == pending.FilePath);
        Assert.True(File.Exists(pending.FilePath));
        long committed = await t.AppendAsync(pending);
        Assert.Equal([1L, 7L], await IdsAtAsync(t.Table, committed));

        // Without the window the same file would have been taken: the window is what protects it.
        var later = await t.WriteDataAsync(Rows("a", 8));
        var unsafeRun = await t.Table.CleanOrphanFilesAsync(new OrphanFilesOptions { OlderThanMinutes = 0, Now = Later, DryRun = true }, ct);
        Assert.Contains(unsafeRun.Files.Deleted, f => Path.GetFullPath(f) == later.FilePath);
    }

    [Fact]
    public async Task A_failed_listing_or_delete_leaves_the_table_readable_and_a_rerun_finishes()
    {
        await using ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: false);
        CancellationToken ct = TestContext.Current.CancellationToken;
        long snapshot = await t.AppendAsync(await t.WriteDataAsync(Rows("a", 1)));
        for (int i = 0; i < 3; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(t.Table.Metadata.Location, "data", $"stray-{i}.parquet"), "x", ct);
        }

        var options = new OrphanFilesOptions { OlderThanMinutes = 0, Now = Later };
        var listFails = new IcebergTable("t", new RedirectedOperations(t.Table.Operations, new FailingDeleteFileIO(t.Table.Operations.Io, 0, failAtList: 2)));
        await Assert.ThrowsAsync<IOException>(() => listFails.CleanOrphanFilesAsync(options, ct));
        var deleteFails = new IcebergTable("t", new RedirectedOperations(t.Table.Operations, new FailingDeleteFileIO(t.Table.Operations.Io, failAtDelete: 2)));
        var partial = await deleteFails.CleanOrphanFilesAsync(options, ct);
        Assert.Equal((2, 1), (partial.Files.Files, partial.Files.Failed));
        Assert.Equal([1L], await IdsAtAsync(t.Table, snapshot));

        var rerun = await t.Table.CleanOrphanFilesAsync(options, ct);

        Assert.Equal(1, rerun.Files.Files);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(t.Table.Metadata.Location, "data"), "stray-*"));
        Assert.Equal([1L], await IdsAtAsync(t.Table, snapshot));
    }

    // An expiry that committed and then did not delete (the process died, or files were kept) leaves a data file that
    // only a DELETED entry of a kept snapshot's manifest names: no snapshot can read it, so orphan cleaning takes it
    // once it is past the window. A file the same manifest records as deleted but an older kept snapshot still holds
    // as live stays.
    [Fact]
    public async Task A_file_only_a_deleted_manifest_entry_names_goes_and_one_an_older_kept_snapshot_reads_stays()
    {
        await using ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: false);
        CancellationToken ct = TestContext.Current.CancellationToken;
        var kept = await t.WriteDataAsync(Rows("a", 1));
        long tagged = await t.AppendAsync(kept);
        await t.Table.CreateTagAsync("audit", tagged, cancellationToken: ct);
        var dropped = await t.WriteDataAsync(Rows("a", 2));
        await t.AppendAsync(dropped, await t.WriteDataAsync(Rows("a", 3)));
        await t.Table.NewDelete().DeleteFile(kept).DeleteFile(dropped).CommitAsync(ct);
        long current = t.Table.CurrentSnapshot!.SnapshotId;
        var expiry = await t.Table.ExpireSnapshotsAsync(new ExpireSnapshotsOptions { OlderThan = Later, RetainLast = 1, KeepFiles = true }, ct);
        Assert.Contains(dropped.FilePath, expiry.Files.Deleted.Select(Path.GetFullPath));
        Assert.Equal(new[] { tagged, current }.Order(), t.Table.Metadata.Snapshots.Select(s => s.SnapshotId).Order());
        Assert.Contains(dropped.FilePath, (await ReachableFiles.ListAsync(t.Table.Operations.Io, t.Table.Metadata, ct)).Select(Path.GetFullPath));
        Assert.DoesNotContain(dropped.FilePath, (await ReachableFiles.ListReadableAsync(t.Table.Operations.Io, t.Table.Metadata, ct)).Select(Path.GetFullPath));

        Assert.Empty((await t.Table.CleanOrphanFilesAsync(cancellationToken: ct)).Files.Deleted);
        var result = await t.Table.CleanOrphanFilesAsync(new OrphanFilesOptions { OlderThanMinutes = 0, Now = Later }, ct);

        // The data file and the expired snapshots' manifest list and manifests that the expiry kept.
        Assert.Equal(1, result.Files.ByKind[TableFileKind.Data].Files);
        Assert.Contains(dropped.FilePath, result.Files.Deleted.Select(Path.GetFullPath));
        Assert.False(File.Exists(dropped.FilePath));
        Assert.True(File.Exists(kept.FilePath));
        Assert.Equal([1L], await IdsAsync(new Floe.Table.Scanning.TableScan(t.Table.Metadata, t.Table.Operations.Io).UseRef("audit")));
        Assert.Equal([3L], await IdsAtAsync(t.Table, current));
        await TableState.AssertNoGarbageAsync(t.Table.Metadata, t.Table.Operations.Io, "after orphan cleaning");
    }
}
