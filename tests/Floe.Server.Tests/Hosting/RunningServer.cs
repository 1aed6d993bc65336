using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Floe.Server.Configuration;
using Floe.Server.Hosting;

namespace Floe.Server.Tests.Hosting;

/// <summary>A real server on 127.0.0.1 with a free port and a temporary data directory, and a client for it.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private readonly TempDirectory? _ownedDirectory;

    private RunningServer(FloeServer server, TempDirectory? ownedDirectory, StringWriter console)
    {
        Server = server;
        _ownedDirectory = ownedDirectory;
        Console = console;
        Client = new HttpClient { BaseAddress = server.Address };
    }

    public FloeServer Server { get; }

    public HttpClient Client { get; }

    public StringWriter Console { get; }

    public static ServerOptions Options(string dataDirectory, AuthMode auth = AuthMode.None, IReadOnlyList<ExternalCatalogOptions>? catalogs = null) => new()
    {
        Host = "127.0.0.1",
        Port = 0,
        DataDirectory = dataDirectory,
        Auth = auth,
        Metastore = new MetastoreOptions { SqlitePath = Path.Combine(dataDirectory, "floe.db") },
        Catalogs = catalogs ?? [],
    };

    /// <summary>Starts a server over in-memory stores in a fresh temporary directory.</summary>
    public static async Task<RunningServer> StartAsync(
        AuthMode auth = AuthMode.None,
        InMemoryStores? stores = null,
        Func<ServerOptions, ServerOptions>? configure = null,
        Func<ServerOptions, CancellationToken, Task<ServerStores>>? openStores = null)
    {
        var directory = new TempDirectory();
        ServerOptions options = Options(directory.Path, auth);
        options = configure?.Invoke(options) ?? options;
        openStores ??= (stores ?? new InMemoryStores()).OpenAsync;
        return await StartAsync(options, openStores, directory).ConfigureAwait(false);
    }

    public static async Task<RunningServer> StartAsync(ServerOptions options, Func<ServerOptions, CancellationToken, Task<ServerStores>> openStores, TempDirectory? ownedDirectory = null)
    {
        var console = new StringWriter();
        FloeServer server = await FloeServer.StartAsync(options, openStores, console, TestContext.Current.CancellationToken).ConfigureAwait(false);
        return new RunningServer(server, ownedDirectory, console);
    }

    public HttpRequestMessage Request(HttpMethod method, string path, string? token = null, object? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(json), Encoding.UTF8, "application/json");
        }

        return request;
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpMethod method, string path, string? token = null, object? json = null)
    {
        using HttpRequestMessage request = Request(method, path, token, json);
        HttpResponseMessage response = await Client.SendAsync(request, TestContext.Current.CancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken).ConfigureAwait(false);
        JsonElement body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response, body);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync().ConfigureAwait(false);
        _ownedDirectory?.Dispose();
    }
}
