using System.Net;
using Floe.Common.Errors;
using Floe.Server.Catalogs;
using Floe.Server.Configuration;
using Floe.Server.Hosting;
using Floe.Server.Security;
using Floe.Server.Store;
using Floe.TestKit.Server;
using Floe.TestKit;

namespace Floe.Server.Tests.Hosting;

public sealed class FloeServerTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_listens_on_a_free_port_creates_the_default_catalog_and_answers_health()
    {
        await using var running = await RunningServer.StartAsync(openStores: InMemoryStores.OpenNewAsync);

        Assert.Equal("127.0.0.1", running.Server.Address.Host);
        Assert.NotEqual(0, running.Server.Address.Port);
        var (response, body) = await running.SendAsync(HttpMethod.Get, "/api/floe/v1/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("catalogs").GetInt32());
        CatalogDescriptor catalog = Assert.Single(await running.Server.Catalogs.ListAsync(_ct));
        Assert.Equal(("default", CatalogKind.Internal), (catalog.Name, catalog.Kind));
        Assert.Equal(Path.Combine(running.Server.Options.DataDirectory, "warehouse", "default"), catalog.Warehouse);
    }

    [Fact]
    public async Task Start_prints_the_address_the_data_directory_and_warns_when_auth_is_none()
    {
        await using var running = await RunningServer.StartAsync(openStores: InMemoryStores.OpenNewAsync);

        string banner = running.Console.ToString();
        Assert.Contains($"listening on {running.Server.Address}", banner, StringComparison.Ordinal);
        Assert.Contains(running.Server.Options.DataDirectory, banner, StringComparison.Ordinal);
        Assert.Contains("Catalog default (default, created now)", banner, StringComparison.Ordinal);
        Assert.Contains("WARNING: auth is 'none'", banner, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_with_token_auth_prints_no_warning()
    {
        await using var running = await RunningServer.StartAsync(AuthMode.Token, openStores: InMemoryStores.OpenNewAsync);

        Assert.DoesNotContain("WARNING", running.Console.ToString(), StringComparison.Ordinal);
        Assert.Contains("bearer tokens", running.Console.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task External_catalogs_from_the_configuration_are_served()
    {
        using var lake = new TempDirectory();
        await using var running = await RunningServer.StartAsync(configure: o => o with { Catalogs = [new ExternalCatalogOptions("lake", lake.Path)] }, openStores: InMemoryStores.OpenNewAsync);

        IReadOnlyList<CatalogDescriptor> catalogs = await running.Server.Catalogs.ListAsync(_ct);
        Assert.Equal(["default", "lake"], catalogs.Select(c => c.Name));
        Assert.Equal(CatalogKind.FileSystem, catalogs[1].Kind);
        var catalog = await running.Server.Catalogs.GetAsync("lake", _ct);
        await catalog.CreateNamespaceAsync(Floe.Catalog.Namespace.Of("db"), _ct);
        Assert.True(Directory.Exists(Path.Combine(lake.Path, "db")));
    }

    [Fact]
    public async Task An_unknown_route_is_a_json_404()
    {
        await using var running = await RunningServer.StartAsync(openStores: InMemoryStores.OpenNewAsync);

        var (response, body) = await running.SendAsync(HttpMethod.Get, "/nothing/here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, body.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_json_500_and_the_server_keeps_serving()
    {
        var stores = new InMemoryStores();
        await using var running = await RunningServer.StartAsync(
            AuthMode.Token,
            openStores: (_, _) => Task.FromResult(new ServerStores(stores, new ThrowingTokenStore(), "test")));

        var (response, body) = await running.SendAsync(HttpMethod.Get, "/api/floe/v1/catalogs", token: "floe_anything");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("InternalServerError", body.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("token store is down", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var (health, _) = await running.SendAsync(HttpMethod.Get, "/api/floe/v1/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        await using var running = await RunningServer.StartAsync(configure: o => o with { MaxRequestBodyBytes = 1024 }, openStores: InMemoryStores.OpenNewAsync);

        var (response, body) = await running.SendAsync(HttpMethod.Post, "/api/floe/v1/catalogs", json: new { name = "big", properties = new { padding = new string('x', 4096) } });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, body.GetProperty("error").GetProperty("code").GetInt32());
        Assert.DoesNotContain("big", (await running.Server.Catalogs.ListAsync(_ct)).Select(c => c.Name));
    }

    [Fact]
    public async Task Stop_lets_a_request_in_flight_finish_and_then_refuses_connections()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stores = new InMemoryStores();
        await using var running = await RunningServer.StartAsync(openStores: stores.OpenAsync);
        stores.BeforeCreate = () =>
        {
            entered.TrySetResult();
            return release.Task;
        };
        Task<(HttpResponseMessage Response, System.Text.Json.JsonElement Body)> sending =
            running.SendAsync(HttpMethod.Post, "/api/floe/v1/catalogs", json: new { name = "late" });
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10), _ct);

        Task stopping = running.Server.StopAsync(_ct);
        await Task.Delay(200, _ct);
        Assert.False(stopping.IsCompleted, stopping.Exception?.ToString() ?? stopping.Status.ToString());
        release.TrySetResult();

        var (response, body) = await sending.WaitAsync(TimeSpan.FromSeconds(10), _ct);
        await stopping.WaitAsync(TimeSpan.FromSeconds(10), _ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("late", body.GetProperty("name").GetString());
        await Assert.ThrowsAsync<HttpRequestException>(() => running.Client.GetAsync("/api/floe/v1/health", _ct));
    }

    [Fact]
    public async Task A_start_failure_closes_the_stores()
    {
        using var directory = new TempDirectory();
        var tracked = new TrackedDisposable();
        var stores = new InMemoryStores();
        ServerOptions options = RunningServer.Options(directory.Path) with { Host = "not-an-address" };

        var error = await Assert.ThrowsAsync<FloeException>(() =>
            FloeServer.StartAsync(options, (_, _) => Task.FromResult(new ServerStores(stores, stores, "test", tracked)), null, _ct));

        Assert.Contains("not-an-address", error.Message, StringComparison.Ordinal);
        Assert.True(tracked.Disposed);
    }

    private sealed class TrackedDisposable : IAsyncDisposable
    {
        public bool Disposed { get; private set; }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }

    private sealed class ThrowingTokenStore : ITokenStore
    {
        public Task InsertAsync(TokenRecord token, CancellationToken cancellationToken = default) => throw Down();

        public Task<IReadOnlyList<TokenRecord>> ListAsync(CancellationToken cancellationToken = default) => throw Down();

        public Task<TokenRecord?> FindByHashAsync(string secretHash, CancellationToken cancellationToken = default) => throw Down();

        public Task<bool> RevokeAsync(string name, CancellationToken cancellationToken = default) => throw Down();

        private static InvalidOperationException Down() => new("The token store is down.");
    }
}
