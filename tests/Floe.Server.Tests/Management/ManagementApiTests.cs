using System.Net;
using System.Text.Json;
using Floe.Catalog;
using Floe.Core.Manifests;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Server.Configuration;
using Floe.Server.Tests.Hosting;
using Floe.TestKit.Server;
using Floe.TestKit;

namespace Floe.Server.Tests.Management;

public sealed class ManagementApiTests : IAsyncLifetime
{
    private static readonly Schema EventSchema = new([
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "data", PrimitiveType.String),
    ]);

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly TempDirectory _lake = new();
    private RunningServer _running = null!;

    public async ValueTask InitializeAsync() =>
        _running = await RunningServer.StartAsync(configure: o => o with { Catalogs = [new ExternalCatalogOptions("lake", _lake.Path)] }, openStores: InMemoryStores.OpenNewAsync);

    public async ValueTask DisposeAsync()
    {
        await _running.DisposeAsync();
        _lake.Dispose();
    }

    private static string[] Names(JsonElement body, string array) =>
        [.. body.GetProperty(array).EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    [Fact]
    public async Task Catalogs_list_internal_and_external_ones()
    {
        var (response, body) = await _running.SendAsync(HttpMethod.Get, "/api/floe/v1/catalogs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement[] catalogs = [.. body.GetProperty("catalogs").EnumerateArray()];
        Assert.Equal(["default", "lake"], Names(body, "catalogs"));
        Assert.Equal("internal", catalogs[0].GetProperty("kind").GetString());
        Assert.True(catalogs[0].GetProperty("default").GetBoolean());
        Assert.Equal("filesystem", catalogs[1].GetProperty("kind").GetString());
        Assert.Equal(_lake.Path, catalogs[1].GetProperty("warehouse").GetString());
    }

    [Fact]
    public async Task Create_get_and_drop_an_internal_catalog()
    {
        var (created, body) = await _running.SendAsync(HttpMethod.Post, "/api/floe/v1/catalogs", json: new { name = "sales", properties = new { owner = "finance" } });
        var (fetched, fetchedBody) = await _running.SendAsync(HttpMethod.Get, "/api/floe/v1/catalogs/sales");
        var (duplicate, duplicateBody) = await _running.SendAsync(HttpMethod.Post, "/api/floe/v1/catalogs", json: new { name = "sales" });
        var (dropped, _) = await _running.SendAsync(HttpMethod.Delete, "/api/floe/v1/catalogs/sales");
        var (gone, goneBody) = await _running.SendAsync(HttpMethod.Get, "/api/floe/v1/catalogs/sales");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/floe/v1/catalogs/sales", created.Headers.Location?.OriginalString);
        Assert.Equal(Path.Combine(_running.Server.Options.DataDirectory, "warehouse", "sales"), body.GetProperty("warehouse").GetString());
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal("finance", fetchedBody.GetProperty("properties").GetProperty("owner").GetString());
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("AlreadyExistsException", duplicateBody.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NoContent, dropped.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains("sales", goneBody.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_catalog_with_an_explicit_warehouse_keeps_it()
    {
        string warehouse = Path.Combine(_running.Server.Options.DataDirectory, "elsewhere");

        var (_, body) = await _running.SendAsync(HttpMethod.Post, "/api/floe/v1/catalogs", json: new { name = "ops", warehouse });

        Assert.Equal(warehouse, body.GetProperty("warehouse").GetString());
    }

    [Theory]
    [InlineData("""{"name":"../escape"}""", "not a catalog name")]
    [InlineData("""{"warehouse":"/w"}""", "'name' is required")]
    [InlineData("""{"name":5}""", "'name' must be a string")]
    [InlineData("""[1]""", "must be a JSON object")]
    [InlineData("""{"name":""", "not valid JSON")]
    public async Task A_bad_create_request_is_400(string json, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/floe/v1/catalogs") { Content = new StringContent(json) };
        using HttpResponseMessage response = await _running.Client.SendAsync(request, _ct);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(_ct));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dropping_an_external_or_unknown_catalog_is_refused()
    {
        var (external, _) = await _running.SendAsync(HttpMethod.Delete, "/api/floe/v1/catalogs/lake");
        var (unknown, _) = await _running.SendAsync(HttpMethod.Delete, "/api/floe/v1/catalogs/nope");
        var (clash, _) = await _running.SendAsync(HttpMethod.Post, "/api/floe/v1/catalogs", json: new { name = "lake" });

        Assert.Equal(HttpStatusCode.NotAcceptable, external.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
    }

    [Fact]
    public async Task Namespaces_and_tables_come_with_format_and_summary()
    {
        ICatalog catalog = await _running.Server.Catalogs.GetAsync("lake", _ct);
        await catalog.CreateNamespaceAsync(Namespace.Of("db"), _ct);
        await catalog.CreateNamespaceAsync(Namespace.Of("db", "eu"), _ct);
        await catalog.CreateNamespaceAsync(Namespace.Of("ops"), _ct);
        var events = TableIdentifier.Of("db", "events");
        await catalog.CreateTableAsync(events, EventSchema, cancellationToken: _ct);
        await catalog.CreateTableAsync(TableIdentifier.Of("db", "keyed"), EventSchema, properties: new Dictionary<string, string> { ["mixed-format.primary-key-fields"] = "id" }, cancellationToken: _ct);
        var table = await catalog.LoadTableAsync(events, _ct);
        await table.NewFastAppend()
            .AppendFile(new DataFile { FilePath = "/data/a.parquet", Format = FileFormat.Parquet, RecordCount = 7, FileSizeInBytes = 700 })
            .AppendFile(new DataFile { FilePath = "/data/b.parquet", Format = FileFormat.Parquet, RecordCount = 5, FileSizeInBytes = 500 })
            .CommitAsync(_ct);
        var current = (await catalog.LoadTableAsync(events, _ct)).Metadata.CurrentSnapshot!;

        var (_, namespaces) = await _running.SendAsync(HttpMethod.Get, "/api/floe/v1/catalogs/lake/namespaces");
        var (_, tables) = await _running.SendAsync(HttpMethod.Get, "/api/floe/v1/catalogs/lake/namespaces/db/tables");
        var (detailResponse, detail) = await _running.SendAsync(HttpMethod.Get, "/api/floe/v1/catalogs/lake/namespaces/db/tables/events");

        Assert.Equal(
            ["db", "db.eu", "ops"],
            namespaces.GetProperty("namespaces").EnumerateArray().Select(n => string.Join('.', n.EnumerateArray().Select(l => l.GetString()))));
        Assert.Equal(["events", "keyed"], Names(tables, "tables"));
        JsonElement[] rows = [.. tables.GetProperty("tables").EnumerateArray()];
        Assert.Equal("iceberg", rows[0].GetProperty("format").GetString());
        Assert.Equal("mixed", rows[1].GetProperty("format").GetString());
        JsonElement summary = rows[0].GetProperty("summary");
        Assert.Equal(current.SnapshotId, summary.GetProperty("current-snapshot-id").GetInt64());
        Assert.Equal(12, summary.GetProperty("total-records").GetInt64());
        Assert.Equal(2, summary.GetProperty("total-data-files").GetInt64());
        Assert.Equal(0, summary.GetProperty("total-delete-files").GetInt64());
        Assert.Equal(current.TimestampMs, summary.GetProperty("last-commit-ms").GetInt64());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("summary").GetProperty("current-snapshot-id").ValueKind);
        Assert.Equal(HttpStatusCode.OK, detailResponse.StatusCode);
        Assert.Equal("append", Assert.Single(detail.GetProperty("snapshots").EnumerateArray()).GetProperty("operation").GetString());
        Assert.EndsWith(".metadata.json", detail.GetProperty("metadata-location").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_table_or_namespace_is_404()
    {
        var (table, _) = await _running.SendAsync(HttpMethod.Get, "/api/floe/v1/catalogs/lake/namespaces/db/tables/none");
        var (catalog, _) = await _running.SendAsync(HttpMethod.Get, "/api/floe/v1/catalogs/none/namespaces");

        Assert.Equal(HttpStatusCode.NotFound, table.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, catalog.StatusCode);
    }
}
