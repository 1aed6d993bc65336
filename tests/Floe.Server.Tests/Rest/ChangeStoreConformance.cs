using System.Net;
using System.Text.Json;
using Floe.Catalog;
using Floe.PrimaryKeys;

namespace Floe.Server.Tests.Rest;

/// <summary>
/// Primary-key tables over REST: a create request naming <c>mixed-format.primary-key-fields</c> creates both stores,
/// <c>t</c> is the base store and <c>t@change</c> the change store (load, exists, commit), never listed, 404 for a plain
/// table; drop with purge and rename act on both stores; change-store names cannot be created, dropped or renamed.
/// </summary>
public abstract class ChangeStoreConformance<TBackend>(TBackend backend) : ConformanceBase<TBackend>(backend)
    where TBackend : RestBackend
{
    private const string KeyProperties = "\"properties\":{\"mixed-format.primary-key-fields\":\"id\",\"base.file-index.hash-bucket\":\"2\"}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Ns, string TablePath, JsonElement Result)> CreateKeyedAsync() => await CreateTableAsync(KeyProperties);

    private Task<ICatalog> LibraryAsync() => Backend.OpenCatalogAsync(Backend.DefaultCatalog);

    private static string Property(JsonElement metadata, string name) => metadata.GetProperty("properties").GetProperty(name).GetString()!;

    private static string RenameJson(string ns, string from, string to) =>
        $$"""{"source":{"namespace":{{NamespaceJson(ns)}},"name":{{Quote(from)}}},"destination":{"namespace":{{NamespaceJson(ns)}},"name":{{Quote(to)}}}""" + "}";

    private static bool HoldsFiles(string location) =>
        Directory.Exists(location) && Directory.EnumerateFiles(location, "*", SearchOption.AllDirectories).Any();

    [Fact]
    public async Task Create_with_the_key_property_creates_both_stores_and_answers_with_the_base_store()
    {
        var (ns, path, created) = await CreateKeyedAsync();
        JsonElement answered = created.GetProperty("metadata");
        Assert.Equal("base", Property(answered, "mixed-format.table-store"));
        Assert.Equal("id", Property(answered, "mixed-format.primary-key-fields"));

        PrimaryKeyTable keyed = await (await LibraryAsync()).LoadPrimaryKeyTableAsync(TableIdentifier.Of(ns, "t"), Ct);
        Assert.Equal(keyed.BaseTable.Metadata.TableUuid.ToString(), answered.GetProperty("table-uuid").GetString());
        Assert.Equal(2, keyed.BaseBuckets);

        JsonElement change = await LoadMetadataAsync(path + "@change");
        Assert.Equal(keyed.ChangeTable.Metadata.TableUuid.ToString(), change.GetProperty("table-uuid").GetString());
        Assert.Equal("change", Property(change, "mixed-format.table-store"));
        (await Client.HeadAsync($"v1/{path}@change")).Is(HttpStatusCode.NoContent);

        var listed = (await Client.GetAsync($"v1/namespaces/{ns}/tables")).Is(HttpStatusCode.OK).Json.GetProperty("identifiers");
        Assert.Equal(["t"], listed.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_commit_to_the_change_store_changes_it_and_not_the_base_store()
    {
        var (ns, path, _) = await CreateKeyedAsync();
        JsonElement change = await LoadMetadataAsync(path + "@change");
        string uuid = change.GetProperty("table-uuid").GetString()!;
        string assertUuid = $$"""{"type":"assert-table-uuid","uuid":"{{uuid}}"}""";

        var committed = (await CommitAsync(path + "@change", assertUuid, """{"action":"set-properties","updates":{"through":"change"}}""")).Is(HttpStatusCode.OK);
        Assert.Equal("change", Property(committed.Json.GetProperty("metadata"), "through"));
        PrimaryKeyTable keyed = await (await LibraryAsync()).LoadPrimaryKeyTableAsync(TableIdentifier.Of(ns, "t"), Ct);
        Assert.Equal("change", keyed.ChangeTable.Metadata.Property("through"));
        Assert.Null(keyed.BaseTable.Metadata.Property("through"));

        string baseUuid = $"{keyed.BaseTable.Metadata.TableUuid}";
        (await CommitAsync(path + "@change", $$"""{"type":"assert-table-uuid","uuid":"{{baseUuid}}"}""", """{"action":"set-properties","updates":{"x":"y"}}"""))
            .IsError(HttpStatusCode.Conflict, "CommitFailedException");
    }

    [Fact]
    public async Task A_plain_table_has_no_change_store()
    {
        var (_, path, _) = await CreateTableAsync();
        (await Client.GetAsync($"v1/{path}@change")).IsError(HttpStatusCode.NotFound, "NoSuchTableException");
        (await Client.HeadAsync($"v1/{path}@change")).Is(HttpStatusCode.NotFound);
        (await CommitAsync(path + "@change", "", """{"action":"set-properties","updates":{"x":"y"}}""")).IsError(HttpStatusCode.NotFound, "NoSuchTableException");
    }

    [Fact]
    public async Task Change_store_names_cannot_be_created_dropped_renamed_or_committed_in_transactions()
    {
        var (ns, path, _) = await CreateKeyedAsync();
        (await Client.PostAsync($"v1/namespaces/{ns}/tables", "{\"name\":\"u@change\",\"schema\":" + SchemaJson + "}")).IsError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client.DeleteAsync($"v1/{path}@change")).IsError(HttpStatusCode.BadRequest, "BadRequestException");
        string rename = RenameJson(ns, "t", "u@change");
        (await Client.PostAsync("v1/tables/rename", rename)).IsError(HttpStatusCode.BadRequest, "BadRequestException");
        string transaction = $$"""{"table-changes":[{"identifier":{"namespace":{{NamespaceJson(ns)}},"name":"t@change"},"requirements":[],"updates":[]}]}""";
        (await Client.PostAsync("v1/transactions/commit", transaction)).IsError(HttpStatusCode.BadRequest, "BadRequestException");
        string inside = Path.Combine(await Backend.WarehouseAsync(Backend.DefaultCatalog), "placed");
        var located = await Client.PostAsync($"v1/namespaces/{ns}/tables", "{\"name\":\"v\",\"location\":" + Quote(inside) + ",\"schema\":" + SchemaJson + "," + KeyProperties + "}");
        located.IsError(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Contains("take no location", located.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drop_with_purge_removes_both_stores_and_their_files()
    {
        var (ns, path, _) = await CreateKeyedAsync();
        PrimaryKeyTable keyed = await (await LibraryAsync()).LoadPrimaryKeyTableAsync(TableIdentifier.Of(ns, "t"), Ct);
        Assert.True(HoldsFiles(keyed.BaseTable.Metadata.Location));
        Assert.True(HoldsFiles(keyed.ChangeTable.Metadata.Location));

        (await Client.DeleteAsync($"v1/{path}?purgeRequested=true")).Is(HttpStatusCode.NoContent);
        Assert.False(await (await LibraryAsync()).TableExistsAsync(TableIdentifier.Of(ns, "t"), Ct));
        Assert.False(HoldsFiles(keyed.BaseTable.Metadata.Location));
        Assert.False(HoldsFiles(keyed.ChangeTable.Metadata.Location));
        (await Client.GetAsync($"v1/{path}@change")).IsError(HttpStatusCode.NotFound, "NoSuchTableException");
    }

    [Fact]
    public async Task Rename_moves_both_stores()
    {
        var (ns, path, _) = await CreateKeyedAsync();
        string changeUuid = (await LoadMetadataAsync(path + "@change")).GetProperty("table-uuid").GetString()!;
        string rename = RenameJson(ns, "t", "u");
        (await Client.PostAsync("v1/tables/rename", rename)).Is(HttpStatusCode.NoContent);

        Assert.Equal(changeUuid, (await LoadMetadataAsync($"namespaces/{ns}/tables/u@change")).GetProperty("table-uuid").GetString());
        (await Client.GetAsync($"v1/{path}@change")).IsError(HttpStatusCode.NotFound, "NoSuchTableException");
        Assert.True(await (await LibraryAsync()).IsPrimaryKeyTableAsync(TableIdentifier.Of(ns, "u"), Ct));
    }
}
