using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Floe.Common.Errors;
using Floe.Contracts.Management;

namespace Floe.Http.Management;

/// <summary>
/// Typed calls of a Floe server's management API (<c>/api/floe/v1</c>, <c>docs/server.md</c>) with the
/// <c>Floe.Contracts.Management</c> records, on <see cref="FloeHttpClient"/> (bearer token, retries of idempotent
/// calls). A refusal is a <see cref="FloeException"/> of the kind <see cref="HttpErrorTable"/> gives its status and type,
/// saying <c>The server answered &lt;status&gt;: &lt;message&gt;</c>; no answer is one of kind <c>Environment</c>.
/// </summary>
public sealed class ManagementClient : IDisposable
{
    private static readonly ManagementApiJson Json = ManagementApiJson.Wire;
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    private readonly FloeHttpClient _http;

    /// <param name="server">The server's address (<c>http://localhost:1630</c>); the API's path is added to it.</param>
    /// <param name="bearerToken">A token secret, for a server with <c>auth: token</c>; null sends none.</param>
    /// <param name="httpClient">The client to send with (not disposed here); null for a new one.</param>
    /// <param name="retry">When idempotent calls are repeated; null for <see cref="FloeHttpClient"/>'s default.</param>
    public ManagementClient(Uri server, string? bearerToken = null, HttpClient? httpClient = null, HttpRetryPolicy? retry = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (!server.IsAbsoluteUri || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"'{server}' is not an http:// or https:// address.");
        }

        Server = server;
        _http = new FloeHttpClient(
            new Uri(server, ManagementApiPaths.BasePath.TrimStart('/') + "/"),
            string.IsNullOrEmpty(bearerToken) ? null : new BearerTokenAuth(bearerToken),
            retry,
            httpClient);
    }

    public Uri Server { get; }

    /// <summary>The health probe: its answer with 200 (the metastore answers) or 503 (it does not).</summary>
    public async Task<HealthResponse> HealthAsync(CancellationToken cancellationToken = default)
    {
        HttpReply reply = await SendAsync(new HttpCall(HttpMethod.Get, "health"), acceptUnavailable: true, cancellationToken).ConfigureAwait(false);
        return Read(reply, Json.HealthResponse);
    }

    public async Task<IReadOnlyList<CatalogView>> ListCatalogsAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync("catalogs", Json.CatalogList, cancellationToken).ConfigureAwait(false)).Catalogs;

    public Task<CatalogView> GetCatalogAsync(string catalog, CancellationToken cancellationToken = default) =>
        GetAsync("catalogs/" + Segment(catalog), Json.CatalogView, cancellationToken);

    public Task<CatalogView> CreateCatalogAsync(CreateCatalogRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "catalogs", request, Json.CreateCatalogRequest, Json.CatalogView, cancellationToken);

    public Task DropCatalogAsync(string catalog, CancellationToken cancellationToken = default) =>
        DeleteAsync("catalogs/" + Segment(catalog), cancellationToken);

    /// <summary>Every namespace of the catalog, depth first, as its levels.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<string>>> ListNamespacesAsync(string catalog, CancellationToken cancellationToken = default) =>
        (await GetAsync($"catalogs/{Segment(catalog)}/namespaces", Json.NamespaceList, cancellationToken).ConfigureAwait(false)).Namespaces;

    /// <summary>The namespace's tables (<paramref name="namespace"/> in its dotted form, <c>sales.eu</c>) with their totals.</summary>
    public async Task<IReadOnlyList<TableEntry>> ListTablesAsync(string catalog, string @namespace, CancellationToken cancellationToken = default) =>
        (await GetAsync($"catalogs/{Segment(catalog)}/namespaces/{Segment(@namespace)}/tables", Json.TableList, cancellationToken).ConfigureAwait(false)).Tables;

    public Task<TableDetail> GetTableAsync(string catalog, string @namespace, string table, CancellationToken cancellationToken = default) =>
        GetAsync(TablePath(catalog, @namespace, table), Json.TableDetail, cancellationToken);

    /// <summary>One table's optimizing state with its running process and that process's tasks.</summary>
    public Task<TableOptimizing> GetTableOptimizingAsync(string catalog, string @namespace, string table, CancellationToken cancellationToken = default) =>
        GetAsync(TablePath(catalog, @namespace, table) + "/optimizing", Json.TableOptimizing, cancellationToken);

    /// <summary>One table's optimizing processes, newest first; <paramref name="limit"/> from 1 to 1000 (the server's default: 50).</summary>
    public async Task<IReadOnlyList<ProcessView>> ListTableProcessesAsync(
        string catalog, string @namespace, string table, int? limit = null, CancellationToken cancellationToken = default) =>
        (await GetAsync(TablePath(catalog, @namespace, table) + "/optimizing/processes" + Limit(limit), Json.ProcessList, cancellationToken).ConfigureAwait(false)).Processes;

    public async Task<IReadOnlyList<OptimizingTableView>> ListOptimizingTablesAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync("optimizing/tables", Json.OptimizingTableList, cancellationToken).ConfigureAwait(false)).Tables;

    /// <summary>Evaluates every table now; the tables' states after it.</summary>
    public async Task<IReadOnlyList<OptimizingTableView>> RefreshOptimizingAsync(CancellationToken cancellationToken = default) =>
        (await PostEmptyAsync("optimizing/refresh", Json.OptimizingTableList, cancellationToken).ConfigureAwait(false)).Tables;

    /// <summary>Every table's optimizing processes, newest first; <paramref name="limit"/> from 1 to 1000 (the server's default: 50).</summary>
    public async Task<IReadOnlyList<ProcessView>> ListProcessesAsync(int? limit = null, CancellationToken cancellationToken = default) =>
        (await GetAsync("optimizing/processes" + Limit(limit), Json.ProcessList, cancellationToken).ConfigureAwait(false)).Processes;

    /// <summary>One process with its tasks.</summary>
    public Task<ProcessView> GetProcessAsync(long process, CancellationToken cancellationToken = default) =>
        GetAsync(ProcessPath(process), Json.ProcessView, cancellationToken);

    /// <summary>Cancels a running process; the process afterwards, with its tasks.</summary>
    public Task<ProcessView> CancelProcessAsync(long process, CancellationToken cancellationToken = default) =>
        PostEmptyAsync(ProcessPath(process) + "/cancel", Json.ProcessView, cancellationToken);

    /// <summary>One table's maintenance runs, newest first; <paramref name="limit"/> from 1 to 1000 (the server's default: 50).</summary>
    public async Task<IReadOnlyList<MaintenanceRunView>> ListTableMaintenanceAsync(
        string catalog, string @namespace, string table, int? limit = null, CancellationToken cancellationToken = default) =>
        (await GetAsync(TablePath(catalog, @namespace, table) + "/maintenance" + Limit(limit), Json.MaintenanceRunList, cancellationToken).ConfigureAwait(false)).Runs;

    /// <summary>Every table's maintenance runs, newest first; <paramref name="limit"/> from 1 to 1000 (the server's default: 50).</summary>
    public async Task<IReadOnlyList<MaintenanceRunView>> ListMaintenanceAsync(int? limit = null, CancellationToken cancellationToken = default) =>
        (await GetAsync("maintenance" + Limit(limit), Json.MaintenanceRunList, cancellationToken).ConfigureAwait(false)).Runs;

    /// <summary>Runs one maintenance action (<c>expire-snapshots</c>, ...) on the table now (admin only); the run as recorded, with its error when it failed.</summary>
    public Task<MaintenanceRunView> RunMaintenanceAsync(string catalog, string @namespace, string table, string action, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, TablePath(catalog, @namespace, table) + "/maintenance", new RunMaintenanceRequest { Action = action },
            Json.RunMaintenanceRequest, Json.MaintenanceRunView, cancellationToken);

    public async Task<IReadOnlyList<OptimizerView>> ListOptimizersAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync("optimizers", Json.OptimizerList, cancellationToken).ConfigureAwait(false)).Optimizers;

    public async Task<IReadOnlyList<GroupView>> ListGroupsAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync("optimizer-groups", Json.GroupList, cancellationToken).ConfigureAwait(false)).Groups;

    public Task<GroupView> CreateGroupAsync(CreateGroupRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "optimizer-groups", request, Json.CreateGroupRequest, Json.GroupView, cancellationToken);

    public Task<GroupView> ResizeGroupAsync(string group, ResizeGroupRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, "optimizer-groups/" + Segment(group), request, Json.ResizeGroupRequest, Json.GroupView, cancellationToken);

    public Task DropGroupAsync(string group, CancellationToken cancellationToken = default) =>
        DeleteAsync("optimizer-groups/" + Segment(group), cancellationToken);

    /// <summary>The tokens, never their secrets (admin only).</summary>
    public async Task<IReadOnlyList<TokenView>> ListTokensAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync("tokens", Json.TokenList, cancellationToken).ConfigureAwait(false)).Tokens;

    /// <summary>Creates a token (admin only); the answer carries its secret, which is shown this once.</summary>
    public Task<TokenView> CreateTokenAsync(CreateTokenRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "tokens", request, Json.CreateTokenRequest, Json.TokenView, cancellationToken);

    public Task RevokeTokenAsync(string name, CancellationToken cancellationToken = default) =>
        DeleteAsync("tokens/" + Segment(name), cancellationToken);

    public void Dispose() => _http.Dispose();

    private static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return Uri.EscapeDataString(value);
    }

    private static string TablePath(string catalog, string @namespace, string table) =>
        $"catalogs/{Segment(catalog)}/namespaces/{Segment(@namespace)}/tables/{Segment(table)}";

    private static string ProcessPath(long process) => string.Create(CultureInfo.InvariantCulture, $"optimizing/processes/{process}");

    private static string Limit(int? limit) => limit is int value ? string.Create(CultureInfo.InvariantCulture, $"?limit={value}") : "";

    private async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> answer, CancellationToken cancellationToken) =>
        Read(await SendAsync(new HttpCall(HttpMethod.Get, path), acceptUnavailable: false, cancellationToken).ConfigureAwait(false), answer);

    private async Task<T> PostEmptyAsync<T>(string path, JsonTypeInfo<T> answer, CancellationToken cancellationToken) =>
        Read(await SendAsync(new HttpCall(HttpMethod.Post, path) { JsonBytes = EmptyObject }, acceptUnavailable: false, cancellationToken).ConfigureAwait(false), answer);

    private async Task<TAnswer> SendAsync<TBody, TAnswer>(
        HttpMethod method, string path, TBody body, JsonTypeInfo<TBody> bodyType, JsonTypeInfo<TAnswer> answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var call = new HttpCall(method, path) { JsonBytes = JsonSerializer.SerializeToUtf8Bytes(body, bodyType) };
        return Read(await SendAsync(call, acceptUnavailable: false, cancellationToken).ConfigureAwait(false), answer);
    }

    private async Task DeleteAsync(string path, CancellationToken cancellationToken) =>
        await SendAsync(new HttpCall(HttpMethod.Delete, path), acceptUnavailable: false, cancellationToken).ConfigureAwait(false);

    private async Task<HttpReply> SendAsync(HttpCall call, bool acceptUnavailable, CancellationToken cancellationToken)
    {
        HttpReply reply;
        try
        {
            reply = await _http.TrySendAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (FloeException e) when (e.Kind == FloeErrorKind.Environment && !cancellationToken.IsCancellationRequested)
        {
            throw new FloeException(FloeErrorKind.Environment, $"Cannot reach the server at {Server}: {e.Message}", e);
        }

        if (reply.IsSuccess || (acceptUnavailable && reply.Status == 503))
        {
            return reply;
        }

        var (message, type) = HttpErrorBody.Read(reply.Body.Span);
        string text = message ?? Excerpt(reply.Body.Span);
        throw new FloeException(HttpErrorTable.KindOf(reply.Status, type), string.Create(CultureInfo.InvariantCulture, $"The server answered {reply.Status}: {text}"));
    }

    private T Read<T>(HttpReply reply, JsonTypeInfo<T> answer)
    {
        try
        {
            return JsonSerializer.Deserialize(reply.Body.Span, answer)
                ?? throw new FloeException(FloeErrorKind.InvalidData, $"The server at {Server} answered null where {answer.Type.Name} was expected.");
        }
        catch (JsonException e)
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"The server at {Server} answered a {answer.Type.Name} that does not fit the management API: {e.Message}", e);
        }
    }

    private static string Excerpt(ReadOnlySpan<byte> body)
    {
        string text = Encoding.UTF8.GetString(body);
        return text.Length > 200 ? text[..200] : text;
    }
}
