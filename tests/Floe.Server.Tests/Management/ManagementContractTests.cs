using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Floe.Catalog;
using Floe.Common.Errors;
using Floe.Contracts.Management;
using Floe.Core.Manifests;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Http;
using Floe.Http.Management;
using Floe.Server.Configuration;
using Floe.Server.Tests.Hosting;
using Floe.Server.Tests.Optimizing;
using Floe.Table.Operations;
using Floe.TestKit.Server;
using Floe.TestKit;

namespace Floe.Server.Tests.Management;

/// <summary>
/// Both halves of the management API against each other: <see cref="ManagementClient"/> drives the real server's
/// endpoints through every call, and each answer read into its record writes back the very JSON the server sent.
/// </summary>
public sealed class ManagementContractTests
{
    private static readonly Schema EventSchema = new([
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "data", PrimitiveType.String),
    ]);

    private static readonly ManagementApiJson Json = ManagementApiJson.Wire;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_client_and_the_server_agree_on_health_catalogs_namespaces_and_tables()
    {
        using var lake = new TempDirectory();
        await using RunningServer running = await RunningServer.StartAsync(configure: o => o with { Catalogs = [new ExternalCatalogOptions("lake", lake.Path)] }, openStores: InMemoryStores.OpenNewAsync);
        using var client = new ManagementClient(running.Server.Address);

        HealthResponse health = await client.HealthAsync(Ct);
        Assert.Equal(("ok", 2), (health.Status, health.Catalogs));
        Assert.Null(health.Error);

        CatalogView created = await client.CreateCatalogAsync(
            new CreateCatalogRequest { Name = "sales", Properties = new Dictionary<string, string> { ["owner"] = "finance", ["a"] = "1" } }, Ct);
        Assert.Equal(("sales", "internal", false), (created.Name, created.Kind, created.IsDefault));
        Assert.Equal(["a", "owner"], created.Properties.Keys);
        Assert.Equal(created, await client.GetCatalogAsync("sales", Ct), CatalogComparer.Instance);
        Assert.Equal(["default", "lake", "sales"], (await client.ListCatalogsAsync(Ct)).Select(c => c.Name));
        await AssertRoundTripAsync(running, "catalogs", Json.CatalogList);

        ICatalog catalog = await running.Server.Catalogs.GetAsync("lake", Ct);
        await catalog.CreateNamespaceAsync(Namespace.Of("db"), Ct);
        await catalog.CreateNamespaceAsync(Namespace.Of("db", "eu"), Ct);
        var events = TableIdentifier.Of("db", "events");
        await catalog.CreateTableAsync(events, EventSchema, properties: new Dictionary<string, string> { ["owner"] = "ops" }, cancellationToken: Ct);
        IcebergTable table = await catalog.LoadTableAsync(events, Ct);
        await table.NewFastAppend()
            .AppendFile(new DataFile { FilePath = "/data/a.parquet", Format = FileFormat.Parquet, RecordCount = 7, FileSizeInBytes = 700 })
            .CommitAsync(Ct);

        Assert.Equal(["db", "db.eu"], (await client.ListNamespacesAsync("lake", Ct)).Select(n => string.Join('.', n)));
        TableEntry entry = Assert.Single(await client.ListTablesAsync("lake", "db", Ct));
        Assert.Equal(("events", "iceberg", 7L, 1L), (entry.Name, entry.Format, entry.Summary.TotalRecords, entry.Summary.TotalDataFiles));
        TableDetail detail = await client.GetTableAsync("lake", "db", "events", Ct);
        Assert.Equal(["db"], detail.Namespace);
        Assert.Equal("ops", detail.Properties["owner"]);
        Assert.Equal("append", Assert.Single(detail.Snapshots).Operation);
        Assert.Equal(entry.Summary, detail.Summary);
        await AssertRoundTripAsync(running, "catalogs/lake/namespaces", Json.NamespaceList);
        await AssertRoundTripAsync(running, "catalogs/lake/namespaces/db/tables", Json.TableList);
        await AssertRoundTripAsync(running, "catalogs/lake/namespaces/db/tables/events", Json.TableDetail);

        await client.DropCatalogAsync("sales", Ct);
        var gone = await Assert.ThrowsAsync<FloeException>(() => client.GetCatalogAsync("sales", Ct));
        Assert.Equal(FloeErrorKind.NotFound, gone.Kind);
        Assert.StartsWith("The server answered 404: ", gone.Message, StringComparison.Ordinal);
        Assert.Contains("sales", gone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_and_the_server_agree_on_tokens_and_a_revoked_token_is_refused()
    {
        await using RunningServer running = await RunningServer.StartAsync(auth: AuthMode.Token, openStores: InMemoryStores.OpenNewAsync);
        string admin = (await running.Server.Tokens.CreateAsync("root", isAdmin: true, null, Ct)).Secret;
        using var client = new ManagementClient(running.Server.Address, admin);

        TokenView created = await client.CreateTokenAsync(new CreateTokenRequest { Name = "reader", Catalogs = ["default"] }, Ct);
        Assert.Equal(("reader", false, false), (created.Name, created.Admin, created.Revoked));
        Assert.Equal(["default"], created.Catalogs);
        Assert.False(string.IsNullOrEmpty(created.Secret));
        IReadOnlyList<TokenView> tokens = await client.ListTokensAsync(Ct);
        Assert.Equal(["reader", "root"], tokens.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(tokens, t => Assert.Null(t.Secret));
        Assert.Null(tokens.Single(t => t.Name == "root").Catalogs);

        using var reader = new ManagementClient(running.Server.Address, created.Secret, retry: HttpRetryPolicy.None);
        Assert.Equal(["default"], (await reader.ListCatalogsAsync(Ct)).Select(c => c.Name));
        var notAdmin = await Assert.ThrowsAsync<FloeException>(() => reader.ListTokensAsync(Ct));
        Assert.Equal(FloeErrorKind.Forbidden, notAdmin.Kind);

        await client.RevokeTokenAsync("reader", Ct);
        Assert.True((await client.ListTokensAsync(Ct)).Single(t => t.Name == "reader").Revoked);
        var revoked = await Assert.ThrowsAsync<FloeException>(() => reader.ListCatalogsAsync(Ct));
        Assert.Equal(FloeErrorKind.Unauthorized, revoked.Kind);
        Assert.StartsWith("The server answered 401: ", revoked.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_and_the_server_agree_on_the_optimizing_service()
    {
        await using var server = await OptimizingServer.StartAsync();
        IcebergTable table = await server.CreateTableAsync();
        await server.AppendAsync(table, files: 6, rows: 20);
        using var client = new ManagementClient(server.Server.Address);

        OptimizingTableView refreshed = Assert.Single(await client.RefreshOptimizingAsync(Ct));
        Assert.Equal(("default", "db", "events"), (refreshed.Catalog, refreshed.Namespace, refreshed.Table));
        Assert.NotEqual("idle", refreshed.Status);
        Assert.Equal(JsonValueKind.Object, refreshed.Pending.ValueKind);
        Assert.Null(refreshed.QuotaOccupation);
        Assert.Equal(refreshed.Table, Assert.Single(await client.ListOptimizingTablesAsync(Ct)).Table);

        GroupView group = await client.CreateGroupAsync(new CreateGroupRequest { Name = "etl", Properties = new Dictionary<string, string> { ["tier"] = "gold" } }, Ct);
        Assert.Equal(("etl", 0, 0, "gold"), (group.Name, group.LocalThreads, group.Optimizers, group.Properties["tier"]));
        GroupView resized = await client.ResizeGroupAsync("etl", new ResizeGroupRequest { LocalThreads = 0 }, Ct);
        Assert.Equal("gold", resized.Properties["tier"]);
        Assert.Equal(["default", "etl"], (await client.ListGroupsAsync(Ct)).Select(g => g.Name));
        await AssertRoundTripAsync(server.Running, "optimizer-groups", Json.GroupList);
        await client.DropGroupAsync("etl", Ct);
        Assert.Equal(["default"], (await client.ListGroupsAsync(Ct)).Select(g => g.Name));

        string token = await server.RegisterAsync(threads: 2);
        OptimizerView optimizer = Assert.Single(await client.ListOptimizersAsync(Ct));
        Assert.Equal(("default", 2, false), (optimizer.Group, optimizer.Threads, optimizer.Local));
        Assert.StartsWith(optimizer.Id, token, StringComparison.Ordinal);
        JsonElement task = (await server.PollAsync(token))!.Value;
        long processId = task.GetProperty("process-id").GetInt64();

        TableOptimizing state = await client.GetTableOptimizingAsync("default", "db", "events", Ct);
        Assert.Equal(processId, state.Table.ProcessId);
        Assert.NotNull(state.Table.QuotaOccupation);
        Assert.Equal("running", state.Process!.Status);
        Assert.Equal("iceberg-rewrite", Assert.Single(state.Process.Tasks!).Kind);
        Assert.Equal(processId, Assert.Single(await client.ListProcessesAsync(limit: 5, Ct)).ProcessId);
        Assert.Null(Assert.Single(await client.ListTableProcessesAsync("default", "db", "events", cancellationToken: Ct)).Tasks);
        Assert.Single((await client.GetProcessAsync(processId, Ct)).Tasks!);

        ProcessView cancelled = await client.CancelProcessAsync(processId, Ct);
        Assert.Equal(("closed", processId), (cancelled.Status, cancelled.ProcessId));
        Assert.NotNull(cancelled.EndedMs);
        await AssertRoundTripAsync(server.Running, $"optimizing/processes/{processId}", Json.ProcessView);
        await AssertRoundTripAsync(server.Running, "optimizing/processes", Json.ProcessList);
        var again = await Assert.ThrowsAsync<FloeException>(() => client.CancelProcessAsync(processId, Ct));
        Assert.StartsWith("The server answered 404: ", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_carry_the_kind_of_their_status_and_no_answer_is_an_environment_failure()
    {
        await using RunningServer running = await RunningServer.StartAsync(openStores: InMemoryStores.OpenNewAsync);
        using var client = new ManagementClient(running.Server.Address);

        await client.CreateCatalogAsync(new CreateCatalogRequest { Name = "ops" }, Ct);
        var exists = await Assert.ThrowsAsync<FloeException>(() => client.CreateCatalogAsync(new CreateCatalogRequest { Name = "ops" }, Ct));
        var badName = await Assert.ThrowsAsync<FloeException>(() => client.CreateCatalogAsync(new CreateCatalogRequest { Name = "../up" }, Ct));
        var missing = await Assert.ThrowsAsync<FloeException>(() => client.GetTableAsync("default", "db", "none", Ct));
        var noService = await Assert.ThrowsAsync<FloeException>(() => client.ResizeGroupAsync("none", new ResizeGroupRequest { LocalThreads = 1 }, Ct));

        Assert.Equal((FloeErrorKind.AlreadyExists, FloeErrorKind.InvalidArgument, FloeErrorKind.NotFound), (exists.Kind, badName.Kind, missing.Kind));
        Assert.StartsWith("The server answered 409: ", exists.Message, StringComparison.Ordinal);
        Assert.StartsWith("The server answered 400: ", badName.Message, StringComparison.Ordinal);
        Assert.Equal(FloeErrorKind.Unsupported, noService.Kind);
        Assert.Equal("The server answered 406: This server runs no optimizing service.", noService.Message);

        // Port 9 (discard) has no listener here.
        using var unanswered = new ManagementClient(new Uri("http://127.0.0.1:9/"), retry: HttpRetryPolicy.None);
        var down = await Assert.ThrowsAsync<FloeException>(() => unanswered.ListCatalogsAsync(Ct));
        Assert.Equal(FloeErrorKind.Environment, down.Kind);
        Assert.StartsWith("Cannot reach the server at http://127.0.0.1:9/", down.Message, StringComparison.Ordinal);
        Assert.Throws<FloeException>(() => new ManagementClient(new Uri("ftp://x/")));
    }

    [Fact]
    public void A_request_missing_a_required_member_or_with_a_null_one_does_not_bind()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"warehouse":"/w"}""", Json.CreateCatalogRequest));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"name":null}""", Json.CreateTokenRequest));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"local-threads":1,"local-threads":2}""", Json.ResizeGroupRequest));
        Assert.Equal(
            """{"name":"etl","local-threads":2}""",
            JsonSerializer.Serialize(new CreateGroupRequest { Name = "etl", LocalThreads = 2 }, Json.CreateGroupRequest));
    }

    /// <summary>The server's answer read into its record and written again is the same JSON: the record holds every member.</summary>
    private static async Task AssertRoundTripAsync<T>(RunningServer running, string path, JsonTypeInfo<T> type)
    {
        using HttpResponseMessage response = await running.Client.GetAsync("/api/floe/v1/" + path, Ct);
        string raw = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, raw);
        T record = JsonSerializer.Deserialize(raw, type)!;
        Assert.Equal(raw, JsonSerializer.Serialize(record, type));
    }

    private sealed class CatalogComparer : IEqualityComparer<CatalogView>
    {
        public static CatalogComparer Instance { get; } = new();

        public bool Equals(CatalogView? x, CatalogView? y) =>
            x is not null && y is not null && x with { Properties = y.Properties } == y && x.Properties.SequenceEqual(y.Properties);

        public int GetHashCode(CatalogView obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
