using Floe.Table.Maintenance;
using Floe.Table.Operations;
using Floe.Table.Tests.Operations;
using Floe.Table.Tests.Scanning;
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
}
