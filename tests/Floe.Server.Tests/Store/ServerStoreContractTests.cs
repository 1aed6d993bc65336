using Floe.Catalog.Metastore;
using Floe.Common.Errors;
using Floe.Server.Store;
using Floe.TestKit;

namespace Floe.Server.Tests.Store;

/// <summary>The tables the server keeps in the metastore (tokens, the optimizing state), on each database engine.</summary>
public abstract class ServerStoreContractTests : MetastoreStoreTests
{
    /// <summary>This test's names: unique, so tests may share one database.</summary>
    protected string Prefix { get; } = "s" + Guid.NewGuid().ToString("N")[..12];

    protected TokenStore Tokens { get; private set; } = null!;

    protected OptimizingStore Optimizing { get; private set; } = null!;

    protected override void Opened(MetastoreDatabase database)
    {
        Tokens = new TokenStore(database);
        Optimizing = new OptimizingStore(database);
    }

    [Fact]
    public async Task Tokens_and_optimizing_state_survive_a_restart()
    {
        await Tokens.CreateAsync(new TokenRecord(Prefix, Prefix + "-hash", IsAdmin: false, [Prefix], 1, Revoked: false), Ct);
        await Optimizing.CreateGroupAsync(new OptimizerGroupRecord(Prefix + "-group", 3, new Dictionary<string, string>(), 5), Ct);

        await ReopenAsync();

        Assert.Equal([Prefix], (await Tokens.FindByHashAsync(Prefix + "-hash", Ct))!.Catalogs);
        Assert.Equal(3, Assert.Single(await Optimizing.ListGroupsAsync(Ct), g => g.Name == Prefix + "-group").LocalThreads);
    }

    [Fact]
    public async Task Tokens_are_stored_found_listed_and_revoked()
    {
        string admin = Prefix + "-admin";
        string reader = Prefix + "-reader";
        await Tokens.CreateAsync(new TokenRecord(admin, admin + "-hash", IsAdmin: true, null, 10, Revoked: false), Ct);
        await Tokens.CreateAsync(new TokenRecord(reader, reader + "-hash", IsAdmin: false, ["main", "lake"], 20, Revoked: false), Ct);

        Assert.Equal(new TokenRecord(admin, admin + "-hash", true, null, 10, false), await Tokens.FindByHashAsync(admin + "-hash", Ct));
        Assert.Equal(["main", "lake"], (await Tokens.FindByHashAsync(reader + "-hash", Ct))!.Catalogs);
        Assert.Null(await Tokens.FindByHashAsync("unknown", Ct));
        Assert.Equal([admin, reader], (await Tokens.ListAsync(Ct)).Select(t => t.Name).Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)));
        Assert.Equal(FloeErrorKind.AlreadyExists,
            (await Assert.ThrowsAsync<FloeException>(() => Tokens.CreateAsync(new TokenRecord(admin, "h-other", false, null, 0, false), Ct))).Kind);

        Assert.True(await Tokens.RevokeAsync(reader, Ct));
        Assert.False(await Tokens.RevokeAsync(Prefix + "-nobody", Ct));
        Assert.True((await Tokens.FindByHashAsync(reader + "-hash", Ct))!.Revoked);
        Assert.False((await Tokens.FindByHashAsync(admin + "-hash", Ct))!.Revoked);
    }

    [Fact]
    public async Task Optimizer_groups_are_created_updated_listed_and_dropped()
    {
        OptimizingStore store = Optimizing;
        string name = Prefix + "-group";
        await store.CreateGroupAsync(new OptimizerGroupRecord(name, 2, new Dictionary<string, string> { ["memory"] = "1024" }, 5), Ct);

        var duplicate = await Assert.ThrowsAsync<FloeException>(() => store.CreateGroupAsync(new OptimizerGroupRecord(name, 1, new Dictionary<string, string>(), 6), Ct));
        Assert.Equal(FloeErrorKind.AlreadyExists, duplicate.Kind);
        Assert.True(await store.UpdateGroupAsync(new OptimizerGroupRecord(name, 4, new Dictionary<string, string>(), 5), Ct));
        OptimizerGroupRecord group = Assert.Single(await store.ListGroupsAsync(Ct), g => g.Name == name);
        Assert.Equal((4, 0), (group.LocalThreads, group.Properties.Count));
        Assert.True(await store.DropGroupAsync(name, Ct));
        Assert.False(await store.DropGroupAsync(name, Ct));
        Assert.False(await store.UpdateGroupAsync(group, Ct));
    }

    [Fact]
    public async Task Table_runtimes_are_upserted_and_forgotten()
    {
        OptimizingStore store = Optimizing;
        var key = new TableKey(Prefix, "db.eu", "events");
        var runtime = new TableRuntimeRecord
        {
            Key = key,
            Format = "iceberg",
            Group = "default",
            Status = 600,
            StatusSinceMs = 10,
            OptimizingType = "minor",
            Reason = "12 fragment files",
            Pending = """{"fragments":12}""",
            HealthScore = 61.5,
            StateKey = "42",
            LastMinorMs = 1,
            LastMajorMs = 2,
            LastFullMs = 3,
            LastPlanMs = 4,
        };

        await store.SaveRuntimeAsync(runtime, Ct);
        await store.SaveRuntimeAsync(runtime with { Status = 300, ProcessId = 77, LastError = "x" }, Ct);

        TableRuntimeRecord stored = Assert.Single(await store.ListRuntimesAsync(Ct), r => r.Key == key);
        Assert.Equal(runtime with { Status = 300, ProcessId = 77, LastError = "x" }, stored);
        await store.DeleteRuntimeAsync(key, Ct);
        Assert.DoesNotContain(await store.ListRuntimesAsync(Ct), r => r.Key == key);
    }

    [Fact]
    public async Task Processes_and_their_tasks_are_stored_updated_and_listed_newest_first()
    {
        OptimizingStore store = Optimizing;
        var table = new TableKey(Prefix, "db", "t");
        long first = Random.Shared.NextInt64(1L << 40, 1L << 50);
        foreach (long id in new[] { first, first + 1 })
        {
            var process = new OptimizingProcessRecord
            {
                ProcessId = id,
                Table = table,
                Group = "default",
                Format = "mixed",
                OptimizingType = "minor",
                Status = "running",
                Plan = "{}",
                StartedMs = 100,
                TaskCount = 2,
                InputFiles = 9,
                InputBytes = 900,
            };
            await store.InsertProcessAsync(process,
            [
                new OptimizingTaskRecord { ProcessId = id, TaskId = 1, Kind = "mixed-merge", Input = "{\"a\":1}", Status = "planned", InputFiles = 4, InputBytes = 400 },
                new OptimizingTaskRecord { ProcessId = id, TaskId = 2, Kind = "mixed-merge", Input = "{\"a\":2}", Status = "planned", InputFiles = 5, InputBytes = 500 },
            ], Ct);
        }

        OptimizingTaskRecord task = (await store.ListTasksAsync(first, Ct))[1];
        await store.SaveTaskAsync(task with { Status = "success", Attempt = 2, Retries = 1, Optimizer = "abc", Thread = 0, Output = "{}", OutputFiles = 1, OutputBytes = 10, StartedMs = 5, EndedMs = 6 }, Ct);
        OptimizingProcessRecord stored = (await store.GetProcessAsync(first, Ct))!;
        await store.SaveProcessAsync(stored with { Status = "success", EndedMs = 200, OutputFiles = 1, OutputBytes = 10, SnapshotId = 7 }, Ct);

        List<OptimizingTaskRecord> tasks = await store.ListTasksAsync(first, Ct);
        Assert.Equal([1, 2], tasks.Select(t => t.TaskId));
        Assert.Equal(("success", 2, 1, "abc", 0), (tasks[1].Status, tasks[1].Attempt, tasks[1].Retries, tasks[1].Optimizer, tasks[1].Thread!.Value));
        Assert.Equal((7L, "success", 200L), ((await store.GetProcessAsync(first, Ct))!.SnapshotId!.Value, (await store.GetProcessAsync(first, Ct))!.Status, (await store.GetProcessAsync(first, Ct))!.EndedMs!.Value));
        Assert.Equal([first + 1, first], (await store.ListProcessesAsync(table, null, 10, Ct)).Select(p => p.ProcessId));
        Assert.Equal([first + 1], (await store.ListProcessesAsync(table, "running", 10, Ct)).Select(p => p.ProcessId));
        Assert.Single(await store.ListProcessesAsync(table, null, 1, Ct));
        Assert.True(await store.MaxProcessIdAsync(Ct) >= first + 1);
        Assert.Null(await store.GetProcessAsync(first + 2, Ct));

        Assert.True(await store.DeleteProcessesEndedBeforeAsync(201, Ct) >= 1);
        Assert.Null(await store.GetProcessAsync(first, Ct));
        Assert.Empty(await store.ListTasksAsync(first, Ct));
        Assert.NotNull(await store.GetProcessAsync(first + 1, Ct));
    }
}

public sealed class SqliteServerStoreContractTests : ServerStoreContractTests, IDisposable
{
    private readonly Floe.TestKit.TempDirectory _folder = new();

    protected override Task<MetastoreSettings> CreateSettingsAsync() => Task.FromResult(MetastoreSettings.Sqlite(_folder.Combine("floe.db")));

    public void Dispose() => _folder.Dispose();
}

public sealed class PostgresServerStoreContractTests(PostgresServer server) : ServerStoreContractTests
{
    public override async ValueTask InitializeAsync()
    {
        server.RequireAvailable();
        await base.InitializeAsync();
    }

    protected override async Task<MetastoreSettings> CreateSettingsAsync() => MetastoreSettings.Postgres(await server.SharedDatabaseAsync());
}
