using System.Net;

namespace Floe.Server.Tests.Rest;

/// <summary><c>GET /v1/config</c>: prefix by warehouse, the endpoints list, unknown warehouses.</summary>
public abstract class ConfigConformance<TBackend>(TBackend backend) : ConformanceBase<TBackend>(backend)
    where TBackend : RestBackend
{
    private static readonly string[] s_expectedEndpoints =
    [
        "GET /v1/{prefix}/namespaces",
        "POST /v1/{prefix}/namespaces",
        "GET /v1/{prefix}/namespaces/{namespace}",
        "HEAD /v1/{prefix}/namespaces/{namespace}",
        "DELETE /v1/{prefix}/namespaces/{namespace}",
        "POST /v1/{prefix}/namespaces/{namespace}/properties",
        "GET /v1/{prefix}/namespaces/{namespace}/tables",
        "POST /v1/{prefix}/namespaces/{namespace}/tables",
        "GET /v1/{prefix}/namespaces/{namespace}/tables/{table}",
        "HEAD /v1/{prefix}/namespaces/{namespace}/tables/{table}",
        "POST /v1/{prefix}/namespaces/{namespace}/tables/{table}",
        "DELETE /v1/{prefix}/namespaces/{namespace}/tables/{table}",
        "POST /v1/{prefix}/namespaces/{namespace}/register",
        "POST /v1/{prefix}/tables/rename",
        "POST /v1/{prefix}/namespaces/{namespace}/tables/{table}/metrics",
        "POST /v1/{prefix}/transactions/commit",
    ];

    [Fact]
    public async Task Config_without_warehouse_lists_endpoints_and_sets_no_prefix()
    {
        var config = (await Client.GetAsync("v1/config")).Is(HttpStatusCode.OK);
        Assert.Equal("application/json", config.ContentType);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, config.Json.GetProperty("defaults").ValueKind);
        Assert.False(config.Json.GetProperty("overrides").TryGetProperty("prefix", out _));
        Assert.Equal(
            s_expectedEndpoints.Order(StringComparer.Ordinal),
            config.Json.GetProperty("endpoints").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Config_with_a_catalog_name_as_warehouse_overrides_the_prefix()
    {
        var config = (await Client.GetAsync($"v1/config?warehouse={Backend.OtherCatalog}")).Is(HttpStatusCode.OK);
        Assert.Equal(Backend.OtherCatalog, config.Json.GetProperty("overrides").GetProperty("prefix").GetString());
    }

    [Fact]
    public async Task Config_with_a_warehouse_location_finds_its_catalog()
    {
        string location = await Backend.WarehouseAsync(Backend.OtherCatalog);
        var config = (await Client.GetAsync($"v1/config?warehouse={Uri.EscapeDataString(location)}")).Is(HttpStatusCode.OK);
        Assert.Equal(Backend.OtherCatalog, config.Json.GetProperty("overrides").GetProperty("prefix").GetString());
    }

    [Fact]
    public async Task Config_with_an_unknown_warehouse_is_404_NoSuchWarehouse()
    {
        (await Client.GetAsync("v1/config?warehouse=nowhere")).IsError(HttpStatusCode.NotFound, "NoSuchWarehouseException");
    }

    [Fact]
    public async Task Every_advertised_endpoint_is_routed_with_and_without_prefix()
    {
        var endpoints = (await Client.GetAsync("v1/config")).Json.GetProperty("endpoints").EnumerateArray().Select(e => e.GetString()!);
        foreach (string endpoint in endpoints)
        {
            string[] parts = endpoint.Split(' ');
            foreach (string prefix in new[] { Backend.DefaultCatalog + "/", "" })
            {
                string path = parts[1].Replace("/v1/", "v1/", StringComparison.Ordinal)
                    .Replace("{prefix}/", prefix, StringComparison.Ordinal)
                    .Replace("{namespace}", UniqueName("missing"), StringComparison.Ordinal)
                    .Replace("{table}", "t", StringComparison.Ordinal);
                string? body = parts[0] is "POST" ? "{" : null;
                var reply = await Client.SendAsync(new HttpMethod(parts[0]), path, body);
                // Routed: the catalog answered (an Iceberg error or success), never the framework's bare 404/405.
                Assert.True(reply.Status != HttpStatusCode.MethodNotAllowed, $"{endpoint} ({path}) is not routed.");
                Assert.True(parts[0] == "HEAD" || reply.ContentType == "application/json" || reply.Status == HttpStatusCode.NoContent,
                    $"{endpoint} ({path}) answered {(int)reply.Status} without JSON: {reply.Text}");
            }
        }
    }
}
