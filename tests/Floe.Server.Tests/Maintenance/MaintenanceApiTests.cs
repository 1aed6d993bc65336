using Floe.Common.Errors;
using Floe.Contracts.Management;
using Floe.Http.Management;
using Floe.Server.Configuration;
using Floe.Server.Tests.Optimizing;
using Floe.Table.Operations;

namespace Floe.Server.Tests.Maintenance;

/// <summary>The maintenance routes through <see cref="ManagementClient"/> against a real server, and the scheduler of a real server.</summary>
public sealed class MaintenanceApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Snapshots older than a second may expire; the newest stays.</summary>
    private static readonly Dictionary<string, string> ShortKeep = new() { ["snapshot.keep.duration"] = "1ms" };

    [Fact]
    public async Task Run_and_history_round_trip_through_the_client()
    {
        await using OptimizingServer server = await OptimizingServer.StartAsync();
        IcebergTable table = await server.CreateTableAsync(ShortKeep);
        await server.AppendAsync(table, files: 4, rows: 2);
        using var client = new ManagementClient(server.Server.Address);

        MaintenanceRunView run = await client.RunMaintenanceAsync("default", "db", "events", "expire-snapshots", Ct);
        MaintenanceRunView tags = await client.RunMaintenanceAsync("default", "db", "events", "auto-create-tags", Ct);
        IReadOnlyList<MaintenanceRunView> tableHistory = await client.ListTableMaintenanceAsync("default", "db", "events", cancellationToken: Ct);
        IReadOnlyList<MaintenanceRunView> limited = await client.ListMaintenanceAsync(limit: 1, cancellationToken: Ct);
        var unknownAction = await Assert.ThrowsAsync<FloeException>(() => client.RunMaintenanceAsync("default", "db", "events", "vacuum", Ct));
        var unknownTable = await Assert.ThrowsAsync<FloeException>(() => client.RunMaintenanceAsync("default", "db", "nothing", "expire-snapshots", Ct));
        var badLimit = await Assert.ThrowsAsync<FloeException>(() => client.ListMaintenanceAsync(limit: 0, cancellationToken: Ct));

        Assert.Equal(("default", "db", "events", "expire-snapshots", "manual", 3L, null), (run.Catalog, run.Namespace, run.Table, run.Action, run.Trigger, run.SnapshotsExpired, run.Error));
        Assert.True(run.FilesRemoved >= 3, $"the expired snapshots' manifest lists are deleted, not {run.FilesRemoved} files");
        Assert.Equal("auto-create-tags", tags.Action);
        Assert.Equal([tags.RunId, run.RunId], tableHistory.Select(r => r.RunId));
        Assert.Equal(tags.RunId, Assert.Single(limited).RunId);
        Assert.Equal(FloeErrorKind.InvalidArgument, unknownAction.Kind);
        Assert.Contains("not a maintenance action", unknownAction.Message, StringComparison.Ordinal);
        Assert.Equal(FloeErrorKind.NotFound, unknownTable.Kind);
        Assert.Equal(FloeErrorKind.InvalidArgument, badLimit.Kind);
        await table.RefreshAsync(Ct);
        Assert.Single(table.Metadata.Snapshots);
    }

    [Fact]
    public async Task Running_needs_an_admin_and_the_history_shows_only_the_catalogs_a_token_may_use()
    {
        await using OptimizingServer server = await OptimizingServer.StartAsync(auth: AuthMode.Token);
        await server.CreateTableAsync();
        string admin = (await server.Server.Tokens.CreateAsync("admin", isAdmin: true, catalogs: null, Ct)).Secret;
        string reader = (await server.Server.Tokens.CreateAsync("reader", isAdmin: false, catalogs: ["default"], Ct)).Secret;
        string other = (await server.Server.Tokens.CreateAsync("other", isAdmin: false, catalogs: ["elsewhere"], Ct)).Secret;
        using var adminClient = new ManagementClient(server.Server.Address, admin);
        using var readerClient = new ManagementClient(server.Server.Address, reader);
        using var otherClient = new ManagementClient(server.Server.Address, other);

        await adminClient.RunMaintenanceAsync("default", "db", "events", "clean-dangling-delete-files", Ct);
        var refused = await Assert.ThrowsAsync<FloeException>(() => readerClient.RunMaintenanceAsync("default", "db", "events", "expire-snapshots", Ct));
        IReadOnlyList<MaintenanceRunView> readable = await readerClient.ListTableMaintenanceAsync("default", "db", "events", cancellationToken: Ct);
        IReadOnlyList<MaintenanceRunView> hidden = await otherClient.ListMaintenanceAsync(cancellationToken: Ct);
        var forbidden = await Assert.ThrowsAsync<FloeException>(() => otherClient.ListTableMaintenanceAsync("default", "db", "events", cancellationToken: Ct));

        Assert.Equal(FloeErrorKind.Forbidden, refused.Kind);
        Assert.Single(readable);
        Assert.Empty(hidden);
        Assert.Equal(FloeErrorKind.Forbidden, forbidden.Kind);
    }

    [Fact]
    public async Task A_server_with_a_short_interval_expires_old_snapshots_by_itself()
    {
        var maintenance = new MaintenanceOptions
        {
            ExpireSnapshots = new(true, TimeSpan.FromMilliseconds(1000)),
            AutoCreateTags = new(false, TimeSpan.FromMinutes(1)),
        };
        await using OptimizingServer server = await OptimizingServer.StartAsync(maintenance: maintenance);
        IcebergTable table = await server.CreateTableAsync(ShortKeep);
        await server.AppendAsync(table, files: 12, rows: 1);

        // No fixed sleep: wait for the condition, with a generous bound. The run is recorded once its deletes are done.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        IReadOnlyList<Floe.Server.Store.MaintenanceRunRecord> history = [];
        while (DateTime.UtcNow < deadline)
        {
            await table.RefreshAsync(Ct);
            history = await server.Server.Maintenance!.HistoryAsync(null, 100, Ct);
            if (table.Metadata.Snapshots.Count == 1 && history.Sum(r => r.SnapshotsExpired) == 11)
            {
                break;
            }

            await Task.Delay(50, Ct);
        }

        Assert.Single(table.Metadata.Snapshots);
        // Every action never run on the new table was due at once; only snapshot expiry had anything to do.
        Assert.All(history, r => Assert.Equal(("scheduled", null), (r.Trigger, r.Error)));
        Assert.All(history.Where(r => r.Action != "expire-snapshots"), r => Assert.Equal(0, r.SnapshotsExpired));
        Assert.Equal(11, history.Sum(r => r.SnapshotsExpired));
        Assert.Equal(12, (await server.IdsAsync(table)).Count);
    }
}
