using System.Net;
using Floe.Catalog;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Server.Configuration;
using Floe.TestKit.Server;
using Floe.TestKit;

namespace Floe.Server.Tests.Hosting;

/// <summary>The server over its real SQLite metastore.</summary>
public sealed class RestartTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_restart_keeps_catalogs_tokens_namespaces_and_tables()
    {
        using var directory = new TempDirectory();
        ServerOptions options = RunningServer.Options(directory.Path, AuthMode.Token);
        string secret;
        await using (var first = await RunningServer.StartAsync(options))
        {
            Assert.Contains("sqlite:", first.Console.ToString(), StringComparison.Ordinal);
            secret = (await first.Server.Tokens.CreateAsync("admin", isAdmin: true, null, _ct)).Secret;
            var (created, _) = await first.SendAsync(HttpMethod.Post, "/api/floe/v1/catalogs", secret, new { name = "sales" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            ICatalog sales = await first.Server.Catalogs.GetAsync("sales", _ct);
            await sales.CreateNamespaceAsync(Namespace.Of("db"), _ct);
            await sales.CreateTableAsync(
                TableIdentifier.Of("db", "orders"),
                new Schema([NestedField.Required(1, "id", PrimitiveType.Long)]),
                cancellationToken: _ct);
            await first.Server.StopAsync(_ct);
        }

        Assert.True(File.Exists(Path.Combine(directory.Path, "floe.db")));
        await using var second = await RunningServer.StartAsync(options);
        var (catalogs, body) = await second.SendAsync(HttpMethod.Get, "/api/floe/v1/catalogs", secret);
        var (tables, tableBody) = await second.SendAsync(HttpMethod.Get, "/api/floe/v1/catalogs/sales/namespaces/db/tables", secret);

        Assert.Equal(HttpStatusCode.OK, catalogs.StatusCode);
        Assert.Equal(["default", "sales"], body.GetProperty("catalogs").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.OK, tables.StatusCode);
        var table = Assert.Single(tableBody.GetProperty("tables").EnumerateArray());
        Assert.Equal("orders", table.GetProperty("name").GetString());
        Assert.Equal("iceberg", table.GetProperty("format").GetString());
        Assert.DoesNotContain("created now", second.Console.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rest_catalog_serves_the_default_catalog_of_the_metastore()
    {
        using var directory = new TempDirectory();
        await using var running = await RunningServer.StartAsync(RunningServer.Options(directory.Path));

        var (config, configBody) = await running.SendAsync(HttpMethod.Get, "/api/iceberg/rest/v1/config?warehouse=default");
        var (created, _) = await running.SendAsync(HttpMethod.Post, "/api/iceberg/rest/v1/default/namespaces", json: new { @namespace = new[] { "db" } });
        var (_, namespaces) = await running.SendAsync(HttpMethod.Get, "/api/floe/v1/catalogs/default/namespaces");

        Assert.Equal(HttpStatusCode.OK, config.StatusCode);
        Assert.Equal("default", configBody.GetProperty("overrides").GetProperty("prefix").GetString());
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("db", Assert.Single(namespaces.GetProperty("namespaces").EnumerateArray())[0].GetString());
    }

    [Fact]
    public async Task Dropping_a_catalog_that_holds_namespaces_is_a_conflict()
    {
        using var directory = new TempDirectory();
        await using var running = await RunningServer.StartAsync(RunningServer.Options(directory.Path));
        ICatalog catalog = await running.Server.Catalogs.GetAsync("default", _ct);
        await catalog.CreateNamespaceAsync(Namespace.Of("db"), _ct);

        var (response, body) = await running.SendAsync(HttpMethod.Delete, "/api/floe/v1/catalogs/default");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("namespaces", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
