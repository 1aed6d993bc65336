using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Floe.Server.Configuration;
using Floe.Server.Hosting;

namespace Floe.TestKit.Server;

/// <summary>
/// A real <c>floe server</c> in this process on 127.0.0.1 with a free port, its start banner, and an HTTP client for
/// it. Started in a fresh temporary data directory it deletes on dispose, or in one the caller owns.
/// </summary>
public sealed class RunningServer : IAsyncDisposable
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

    public Uri Address => Server.Address;

    public HttpClient Client { get; }

    /// <summary>What the server printed on start.</summary>
    public StringWriter Console { get; }

    /// <summary>
    /// Options for a server on 127.0.0.1 with a free port and a SQLite metastore in <paramref name="dataDirectory"/>;
    /// everything else as a plain configuration has it.
    /// </summary>
    public static ServerOptions Options(string dataDirectory, AuthMode auth = AuthMode.None, IReadOnlyList<ExternalCatalogOptions>? catalogs = null) => new()
    {
        Host = "127.0.0.1",
        Port = 0,
        DataDirectory = dataDirectory,
        Auth = auth,
        Metastore = new MetastoreOptions { SqlitePath = Path.Combine(dataDirectory, "floe.db") },
        Catalogs = catalogs ?? [],
    };

    /// <summary>Starts a server in a fresh temporary directory, with <see cref="Options"/> changed by <paramref name="configure"/>.</summary>
    public static async Task<RunningServer> StartAsync(AuthMode auth = AuthMode.None, Func<ServerOptions, ServerOptions>? configure = null, Func<ServerOptions, CancellationToken, Task<ServerStores>>? openStores = null)
    {
        var directory = new TempDirectory();
        try
        {
            ServerOptions options = Options(directory.Path, auth);
            return await StartAsync(configure?.Invoke(options) ?? options, openStores, directory).ConfigureAwait(false);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts a server with <paramref name="options"/> over the stores <paramref name="openStores"/> opens (the
    /// configured metastore when null); <paramref name="ownedDirectory"/> is deleted when the server is disposed.
    /// </summary>
    public static async Task<RunningServer> StartAsync(ServerOptions options, Func<ServerOptions, CancellationToken, Task<ServerStores>>? openStores = null, TempDirectory? ownedDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var console = new StringWriter();
        FloeServer server = await FloeServer.StartAsync(options, openStores ?? MetastoreStores.OpenAsync, console, TestContext.Current.CancellationToken).ConfigureAwait(false);
        return new RunningServer(server, ownedDirectory, console);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? token = null, object? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json as string ?? JsonSerializer.Serialize(json), Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <summary>Sends a request (a JSON body when <paramref name="json"/> is given, serialized unless it is a string) and reads the JSON answer.</summary>
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
