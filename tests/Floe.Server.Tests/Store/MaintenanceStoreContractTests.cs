using Floe.Catalog.Metastore;
using Floe.Server.Store;
using Floe.TestKit;

namespace Floe.Server.Tests.Store;

/// <summary>The maintenance history (<c>maintenance_runs</c>) on each database engine, each test on a fresh database.</summary>
public abstract class MaintenanceStoreContractTests : MetastoreStoreTests
{
    private static readonly TableKey Events = new("lake", "db.eu", "events");
    private static readonly TableKey Clicks = new("lake", "db.eu", "clicks");

    private MaintenanceStore Store { get; set; } = null!;

    protected override void Opened(MetastoreDatabase database) => Store = new MaintenanceStore(database);

    private static MaintenanceRunRecord Run(long id, TableKey table, string action, long startedMs, long durationMs = 10, string? error = null) => new()
    {
        RunId = id,
        Table = table,
        Action = action,
        Trigger = "scheduled",
        StartedMs = startedMs,
        DurationMs = durationMs,
        Error = error,
    };

    [Fact]
    public async Task Runs_survive_a_restart_with_every_field_and_are_listed_newest_first_by_table()
    {
        var full = new MaintenanceRunRecord
        {
            RunId = 7,
            Table = Events,
            Action = "clean-orphan-files",
            Trigger = "manual",
            StartedMs = 1_800_000_000_000,
            DurationMs = 1234,
            FilesRemoved = 3_000_000_000,
            BytesRemoved = 5_000_000_000_000,
            SnapshotsExpired = 4,
            RowsExpired = 9_000_000_000,
            Summary = "2 delete(s) failed: the disk is away",
        };
        long emptyStore = await Store.LastRunIdAsync(Ct);
        await Store.InsertAsync(full, Ct);
        await Store.InsertAsync(Run(8, Clicks, "expire-snapshots", 1_800_000_001_000, error: "Loading the table failed: gone"), Ct);
        await Store.InsertAsync(Run(9, Events, "expire-snapshots", 1_800_000_002_000), Ct);

        await ReopenAsync();

        Assert.Equal((0L, 9L), (emptyStore, await Store.LastRunIdAsync(Ct)));
        Assert.Equal([9L, 8L, 7L], (await Store.ListAsync(null, 10, Ct)).Select(r => r.RunId));
        Assert.Equal([9L], (await Store.ListAsync(Events, 1, Ct)).Select(r => r.RunId));
        List<MaintenanceRunRecord> events = await Store.ListAsync(Events, 10, Ct);
        Assert.Equal(full, events[1]);
        MaintenanceRunRecord failed = Assert.Single(await Store.ListAsync(Clicks, 10, Ct));
        Assert.Equal(("Loading the table failed: gone", ""), (failed.Error, failed.Summary));
        Assert.Null(events[0].Error);
    }

    [Fact]
    public async Task The_last_finish_of_each_table_and_action_counts_failed_runs_too()
    {
        await Store.InsertAsync(Run(1, Events, "expire-snapshots", 1_000, durationMs: 50), Ct);
        await Store.InsertAsync(Run(2, Events, "expire-snapshots", 5_000, durationMs: 70, error: "The disk is away."), Ct);
        await Store.InsertAsync(Run(3, Events, "clean-orphan-files", 2_000, durationMs: 0), Ct);
        await Store.InsertAsync(Run(4, Clicks, "expire-snapshots", 3_000, durationMs: 5), Ct);

        Dictionary<(TableKey Table, string Action), long> last = await Store.LastFinishedAsync(Ct);

        Assert.Equal(3, last.Count);
        Assert.Equal(5_070, last[(Events, "expire-snapshots")]);
        Assert.Equal(2_000, last[(Events, "clean-orphan-files")]);
        Assert.Equal(3_005, last[(Clicks, "expire-snapshots")]);
    }

    [Fact]
    public async Task Runs_started_before_a_time_are_deleted_and_counted()
    {
        await Store.InsertAsync(Run(1, Events, "expire-snapshots", 1_000), Ct);
        await Store.InsertAsync(Run(2, Clicks, "expire-snapshots", 2_000), Ct);
        await Store.InsertAsync(Run(3, Events, "expire-snapshots", 3_000), Ct);

        int deleted = await Store.DeleteStartedBeforeAsync(3_000, Ct);
        int again = await Store.DeleteStartedBeforeAsync(3_000, Ct);

        Assert.Equal((2, 0), (deleted, again));
        Assert.Equal([3L], (await Store.ListAsync(null, 10, Ct)).Select(r => r.RunId));
        Assert.Equal(3, await Store.LastRunIdAsync(Ct));
    }
}

public sealed class SqliteMaintenanceStoreContractTests : MaintenanceStoreContractTests, IDisposable
{
    private readonly TempDirectory _folder = new();

    protected override Task<MetastoreSettings> CreateSettingsAsync() => Task.FromResult(MetastoreSettings.Sqlite(_folder.Combine("floe.db")));

    public void Dispose() => _folder.Dispose();
}

public sealed class PostgresMaintenanceStoreContractTests(PostgresServer server) : MaintenanceStoreContractTests
{
    public override async ValueTask InitializeAsync()
    {
        server.RequireAvailable();
        await base.InitializeAsync();
    }

    protected override async Task<MetastoreSettings> CreateSettingsAsync() => MetastoreSettings.Postgres(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken));
}
