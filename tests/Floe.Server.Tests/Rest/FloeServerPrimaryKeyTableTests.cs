using System.Net;
using Floe.Catalog;
using Floe.Catalog.Metastore;
using Floe.Core.Metadata;

namespace Floe.Server.Tests.Rest;

/// <summary>A primary-key (mixed) table of an internal catalog shows its base store through the REST catalog.</summary>
public sealed class FloeServerPrimaryKeyTableTests(SqliteFloeServer backend) : ConformanceBase<SqliteFloeServer>(backend), IClassFixture<SqliteFloeServer>
{
    [Fact]
    public async Task Rest_loads_and_commits_the_base_store_and_leaves_the_change_store_alone()
    {
        var ct = TestContext.Current.CancellationToken;
        string ns = await CreateNamespaceAsync(UniqueName());
        var catalog = (MetastoreCatalog)await Backend.OpenCatalogAsync(Backend.DefaultCatalog);
        var identifier = TableIdentifier.Of(ns, "keyed");
        string location = await catalog.DefaultTableLocationAsync(identifier, ct);
        var schema = Core.Schemas.SchemaJson.Parse(SchemaJson);
        var baseStore = NewTable.Create(schema, null, null, MetastoreCatalog.StoreLocation(location, TableStore.Base));
        var changeStore = NewTable.Create(schema, null, null, MetastoreCatalog.StoreLocation(location, TableStore.Change));
        await catalog.CreatePrimaryKeyTableAsync(identifier, location, baseStore, changeStore, ct);

        string path = $"namespaces/{ns}/tables/keyed";
        var loaded = await LoadMetadataAsync(path);
        Assert.Equal(baseStore.TableUuid.ToString(), loaded.GetProperty("table-uuid").GetString());
        Assert.Equal(baseStore.Location, loaded.GetProperty("location").GetString());

        (await CommitAsync(path, "", """{"action":"set-properties","updates":{"through":"rest"}}""")).Is(HttpStatusCode.OK);
        Assert.Equal("rest", (await catalog.LoadStoreAsync(identifier, TableStore.Base, ct)).Property("through"));
        Assert.Null((await catalog.LoadStoreAsync(identifier, TableStore.Change, ct)).Property("through"));
        Assert.Contains("keyed", (await Client.GetAsync($"v1/namespaces/{ns}/tables")).Text, StringComparison.Ordinal);
    }
}
