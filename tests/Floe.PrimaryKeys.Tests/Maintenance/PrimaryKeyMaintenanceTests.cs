using Floe.Core.Metadata;
using Floe.Core.Properties;
using Floe.PrimaryKeys.Maintenance;
using Floe.PrimaryKeys.Model;
using Floe.PrimaryKeys.Optimizing;
using Floe.Table.Maintenance;
using Floe.Table.Operations;
using Floe.TestKit;

namespace Floe.PrimaryKeys.Tests.Maintenance;

public sealed class PrimaryKeyMaintenanceTests
{
    private static DateTimeOffset Later => DateTimeOffset.UtcNow.AddDays(30);

    [Fact]
    public async Task Expiry_applies_the_change_ttl_deletes_the_removed_change_files_and_keeps_the_optimized_point()
    {
        using TestTable fixture = TestTable.Create();
        PrimaryKeyTable table = fixture.Open();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await Rows.UpsertAsync(table, (1, "a", 1), (2, "b", 1));
        await Rows.UpsertAsync(table, (2, "b", 2), (3, "c", 2));
        await table.OptimizeAsync(cancellationToken: ct);
        await Rows.UpsertAsync(table, (4, "d", 3));
        await table.OptimizeAsync(cancellationToken: ct);
        await Rows.UpsertAsync(table, (1, "z", 4));
        string[] changeFilesBefore = fixture.DataFiles("change");
        var before = await Rows.ReadAsync(table.NewScan());
        await table.RefreshAsync(ct);
        OptimizedSequence point = OptimizedSequence.Of(table.BaseTable.Metadata, table.BaseTable.CurrentSnapshot);

        PrimaryKeyExpireResult result = await table.ExpireSnapshotsAsync(new ExpireSnapshotsOptions { Now = Later, RetainLast = 1 }, ct);

        Assert.True(result.ChangeTtl.RemovedFiles >= 3);
        Assert.NotEmpty(result.Change.ExpiredSnapshotIds);
        Assert.True(result.Change.Files.ByKind[TableFileKind.Data].Files >= 3);
        Assert.True(fixture.DataFiles("change").Length < changeFilesBefore.Length);
        Assert.Equal(before, await Rows.ReadAsync(table.NewScan()));
        await table.RefreshAsync(ct);
        Assert.Equal(point.ToJson(), OptimizedSequence.Of(table.BaseTable.Metadata, table.BaseTable.CurrentSnapshot).ToJson());
        Assert.Equal(before, await Rows.ReadAsync(fixture.Open().NewScan()));
    }

    [Fact]
    public async Task Orphans_of_both_stores_go_and_dangling_cleaning_leaves_reads_alone()
    {
        using TestTable fixture = TestTable.Create();
        PrimaryKeyTable table = fixture.Open();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await Rows.UpsertAsync(table, (1, "a", 1), (2, "b", 1));
        await table.OptimizeAsync(cancellationToken: ct);
        await Rows.DeleteAsync(table, 2);
        var before = await Rows.ReadAsync(table.NewScan());
        string[] strays = [Path.Combine(fixture.Folder, "base", "data", "stray.parquet"), Path.Combine(fixture.Folder, "change", "metadata", "stray.avro")];
        foreach (string stray in strays)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(stray)!);
            await File.WriteAllTextAsync(stray, "x", ct);
        }

        Assert.Equal(0, (await table.CleanOrphanFilesAsync(cancellationToken: ct)).Base.Files.Files);
        PrimaryKeyOrphanFilesResult result = await table.CleanOrphanFilesAsync(new OrphanFilesOptions { OlderThanMinutes = 0, Now = Later }, ct);
        await table.CleanDanglingDeletesAsync(ct);

        Assert.Equal(1, result.Base.Files.Files);
        Assert.Equal(1, result.Change.Files.Files);
        Assert.All(strays, s => Assert.False(File.Exists(s)));
        Assert.Equal(before, await Rows.ReadAsync(table.NewScan()));
    }

    [Fact]
    public async Task Expired_keys_leave_the_merged_view_whichever_store_holds_them()
    {
        using TestTable fixture = TestTable.Create(properties: new Dictionary<string, string>
        {
            [MaintenanceProperties.DataExpireField.Key] = "id",
            [MaintenanceProperties.DataExpireRetentionTime.Key] = "1s",
            [MaintenanceProperties.DataExpireBaseOnRule.Key] = "current_time",
        });
        PrimaryKeyTable table = fixture.Open();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await Rows.UpsertAsync(table, (1, "a", 1), (300, "c", 1));
        await table.OptimizeAsync(cancellationToken: ct);
        await Rows.UpsertAsync(table, (50, "b", 2), (400, "d", 2));

        PrimaryKeyDataExpirationResult result = await table.ExpireDataAsync(DateTimeOffset.FromUnixTimeMilliseconds(1100), ct);

        Assert.Equal(2, result.Rows);
        Assert.NotNull(result.TransactionId);
        Assert.Equal([300L, 400L], (await Rows.ReadAsync(table.NewScan())).Select(r => r.Id));
        await table.OptimizeAsync(cancellationToken: ct);
        Assert.Equal([300L, 400L], (await Rows.ReadAsync(fixture.Open().NewScan())).Select(r => r.Id));
        Assert.Null((await table.ExpireDataAsync(DateTimeOffset.FromUnixTimeMilliseconds(1100), ct)).TransactionId);
    }

    [Fact]
    public async Task Date_string_keys_expire_by_their_parsed_date_and_unparseable_ones_are_kept_and_counted()
    {
        using TestTable fixture = TestTable.Create(properties: new Dictionary<string, string>
        {
            [MaintenanceProperties.DataExpireField.Key] = "name",
            [MaintenanceProperties.DataExpireRetentionTime.Key] = "1d",
            [MaintenanceProperties.DataExpireBaseOnRule.Key] = "current_time",
            [MaintenanceProperties.DataExpireDatetimeStringPattern.Key] = "dd-MM-yyyy",
        });
        PrimaryKeyTable table = fixture.Open();
        CancellationToken ct = TestContext.Current.CancellationToken;
        // Expire point 2024-01-09 12:00 UTC: "31-12-2023" sorts after "09-01-2024" as text but is older; "05-02-2024" sorts before it but is newer.
        await Rows.UpsertAsync(table, (1, "31-12-2023", 1), (2, "05-02-2024", 1), (3, "08-01-2024", 1), (4, "not a date", 1), (5, null, 1), (6, "2024-01-01", 1));

        PrimaryKeyDataExpirationResult result = await table.ExpireDataAsync(new DateTimeOffset(2024, 1, 10, 12, 0, 0, TimeSpan.Zero), ct);

        Assert.Equal((2L, 2L), (result.Rows, result.UnparseableValues));
        Assert.Equal([2L, 4L, 5L, 6L], (await Rows.ReadAsync(table.NewScan())).Select(r => r.Id));
    }

    // The change writer's files are on disk and the catalog commit is next when orphan cleaning of both stores runs
    // with the default window: none of them goes, the commit lands and every row reads. A zero window would have taken
    // them, which is what the window is for.
    [Fact]
    public async Task Orphan_cleaning_between_a_change_writers_files_and_its_commit_keeps_them_with_the_default_window()
    {
        using TestTable fixture = TestTable.Create();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await Rows.UpsertAsync(fixture.Open(), (1, "a", 1));
        await fixture.Open().OptimizeAsync(cancellationToken: ct);
        var pending = new List<string>();
        var wouldTake = new List<string>();
        int cleaned = 0;
        var changeOperations = new BeforeCommitOperations(new StoreOperations(fixture.Change), async () =>
        {
            pending.AddRange(fixture.DataFiles("change").Except(await CommittedChangeFilesAsync(fixture)));
            PrimaryKeyTable cleaner = fixture.Open();
            var unsafeRun = await cleaner.CleanOrphanFilesAsync(new OrphanFilesOptions { OlderThanMinutes = 0, Now = Later, DryRun = true }, ct);
            wouldTake.AddRange(unsafeRun.Change.Files.Deleted.Select(Path.GetFullPath));
            var result = await cleaner.CleanOrphanFilesAsync(cancellationToken: ct);
            cleaned += result.Change.Files.Files + result.Base.Files.Files;
        });
        var writer = new PrimaryKeyTable("db.t", new StoreOperations(fixture.Base), changeOperations);

        await Rows.UpsertAsync(writer, (1, "b", 2), (2, "c", 2));
        await Rows.DeleteAsync(writer, 1);

        Assert.True(pending.Count >= 2, $"{pending.Count} pending files");
        Assert.Equal(0, cleaned);
        Assert.All(pending, f => Assert.Contains(Path.GetFullPath(f), wouldTake));
        Assert.All(pending, f => Assert.True(File.Exists(f)));
        Assert.Equal([(2L, "c", 2)], await Rows.ReadAsync(fixture.Open().NewScan()));
        Assert.Equal(2, changeOperations.Commits);
    }

    private static async Task<string[]> CommittedChangeFilesAsync(TestTable fixture)
    {
        PrimaryKeyTable table = fixture.Open();
        await table.RefreshAsync(TestContext.Current.CancellationToken);
        return [.. (await ReachableFiles.ListAsync(table.ChangeTable.Operations.Io, table.ChangeTable.Metadata, TestContext.Current.CancellationToken)).Select(Path.GetFullPath)];
    }

    /// <summary>Table operations that run an action just before each catalog commit.</summary>
    private sealed class BeforeCommitOperations(ITableOperations inner, Func<Task> beforeCommit) : ITableOperations
    {
        public int Commits { get; private set; }

        public Floe.Core.IO.IFileIO Io => inner.Io;

        public TableMetadata Current => inner.Current;

        public Task<TableMetadata> RefreshAsync(CancellationToken cancellationToken = default) => inner.RefreshAsync(cancellationToken);

        public async Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default)
        {
            await beforeCommit();
            Commits++;
            return await inner.CommitAsync(baseMetadata, updated, cancellationToken);
        }
    }
}
