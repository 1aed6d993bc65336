using System.Text.Json;
using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Http;

namespace Floe.Catalog.Rest;

/// <summary>
/// A client of an Iceberg REST catalog (Floe's server or any server of the spec) as an <see cref="ICatalog"/>:
/// configuration and prefix from <c>/v1/config</c>, namespaces, tables and commits over HTTP through
/// <see cref="FloeHttpClient"/>, whose error table maps the spec's errors to Floe's kinds. Data files are read and
/// written through <see cref="RestCatalogOptions.FileIO"/> (local paths by default).
/// </summary>
public sealed partial class RestCatalog : ICatalog, IDisposable
{
    private readonly FloeHttpClient _http;
    private readonly RestConfig _config;
    private readonly RestPaths _paths;
    private readonly int? _pageSize;

    private RestCatalog(string name, FloeHttpClient http, RestConfig config, IFileIO io, int? pageSize)
    {
        Name = name;
        _http = http;
        _config = config;
        _paths = new RestPaths(config.Prefix);
        Io = io;
        _pageSize = pageSize;
    }

    public string Name { get; }

    /// <summary>The merged configuration (server defaults, client properties, server overrides).</summary>
    public IReadOnlyDictionary<string, string> Properties => _config.Properties;

    /// <summary>The route prefix the server assigned, or null.</summary>
    public string? Prefix => _config.Prefix;

    public IFileIO Io { get; }

    public bool SupportsMultiTableCommit => _config.Serves(RestPaths.Endpoint("POST", "transactions/commit"));

    /// <summary>Asks the server for its configuration and returns the catalog it describes.</summary>
    public static async Task<RestCatalog> OpenAsync(RestCatalogOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var http = new FloeHttpClient(options.Uri, options.Auth, options.Retry, options.HttpClient) { Timeout = options.Timeout };
        try
        {
            var call = new HttpCall(HttpMethod.Get, RestPaths.WithQuery("v1/config", ("warehouse", options.Warehouse))) { What = "catalog configuration" };
            var reply = await http.SendAsync(call, cancellationToken).ConfigureAwait(false);
            using var json = reply.Json();
            var config = RestConfig.Parse(json.RootElement, options.Properties);
            string name = options.Name ?? options.Warehouse ?? "rest";
            return new RestCatalog(name, http, config, options.FileIO ?? new LocalFileIO(), options.PageSize);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    public void Dispose() => _http.Dispose();

    private void Require(string method, string route, string what)
    {
        if (!_config.Serves(RestPaths.Endpoint(method, route)))
        {
            throw new FloeException(FloeErrorKind.Unsupported, $"The REST catalog '{Name}' does not serve {what} ({method} /v1/{{prefix}}/{route}).");
        }
    }

    private async Task<JsonDocument> SendJsonAsync(HttpCall call, CancellationToken cancellationToken)
    {
        var reply = await _http.SendAsync(call, cancellationToken).ConfigureAwait(false);
        return reply.Json();
    }

    /// <summary>Sends a call whose 404 means "not there": true on success, false on 404.</summary>
    private async Task<bool> SendFoundAsync(HttpCall call, CancellationToken cancellationToken)
    {
        var reply = await _http.TrySendAsync(call, cancellationToken).ConfigureAwait(false);
        return reply.IsSuccess || (reply.Status == 404 ? false : throw FloeHttpClient.ToException(call, reply));
    }

    /// <summary>Every page of a listing: follows <c>next-page-token</c> until the server gives none.</summary>
    private async Task<List<T>> ListAllAsync<T>(string path, string? parent, string field, Func<JsonElement, T> read, string what, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        string? token = null;
        string? size = _pageSize?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        do
        {
            var call = new HttpCall(HttpMethod.Get, RestPaths.WithQuery(path, ("parent", parent), ("pageToken", token), ("pageSize", size))) { What = what };
            using var json = await SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
            var root = json.RootElement;
            items.AddRange(RestJson.Field(root, field).EnumerateArray().Select(read));
            token = root.TryGetProperty("next-page-token", out var next) && next.ValueKind == JsonValueKind.String && next.GetString() is { Length: > 0 } t ? t : null;
        }
        while (token is not null);
        return items;
    }
}
