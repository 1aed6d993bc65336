using Microsoft.AspNetCore.Http;

namespace Floe.Server.Rest;

/// <summary>
/// Every route the REST catalog serves, as the OpenAPI writes it (<c>/v1/{prefix}/...</c>). The same list maps the
/// endpoints (with and without prefix) and fills the <c>endpoints</c> of <c>GET /v1/config</c>.
/// </summary>
internal static class IcebergRestRoutes
{
    private const string Ns = "/v1/{prefix}/namespaces/{namespace}";
    private const string Table = Ns + "/tables/{table}";

    public static IReadOnlyList<IcebergRestRoute> All { get; } =
    [
        new("GET", "/v1/{prefix}/namespaces", RouteScope.Catalog, NamespaceHandlers.ListAsync),
        new("POST", "/v1/{prefix}/namespaces", RouteScope.Catalog, NamespaceHandlers.CreateAsync),
        new("GET", Ns, RouteScope.Namespace, NamespaceHandlers.LoadAsync),
        new("HEAD", Ns, RouteScope.Namespace, NamespaceHandlers.ExistsAsync),
        new("DELETE", Ns, RouteScope.Namespace, NamespaceHandlers.DropAsync),
        new("POST", Ns + "/properties", RouteScope.Namespace, NamespaceHandlers.UpdatePropertiesAsync),
        new("GET", Ns + "/tables", RouteScope.Namespace, TableHandlers.ListAsync),
        new("POST", Ns + "/tables", RouteScope.Namespace, TableHandlers.CreateAsync),
        new("GET", Table, RouteScope.Table, TableHandlers.LoadAsync),
        new("HEAD", Table, RouteScope.Table, TableHandlers.ExistsAsync),
        new("POST", Table, RouteScope.Table, CommitHandlers.CommitTableAsync, CommitRoute: true),
        new("DELETE", Table, RouteScope.Table, TableHandlers.DropAsync),
        new("POST", Ns + "/register", RouteScope.Namespace, TableHandlers.RegisterAsync),
        new("POST", "/v1/{prefix}/tables/rename", RouteScope.Catalog, TableHandlers.RenameAsync),
        new("POST", Table + "/metrics", RouteScope.Table, MetricsHandlers.ReportAsync),
        new("POST", "/v1/{prefix}/transactions/commit", RouteScope.Catalog, CommitHandlers.CommitTransactionAsync, CommitRoute: true),
    ];

    /// <summary>The route without its prefix segment, served for the default catalog.</summary>
    public static string WithoutPrefix(string template) => template.Replace("/{prefix}", "", StringComparison.Ordinal);
}

/// <summary>One route: method, template, what a NotFound on it means, and its handler.</summary>
internal sealed record IcebergRestRoute(string Method, string Template, RouteScope Scope, Func<RestCall, Task> Handler, bool CommitRoute = false)
{
    /// <summary>The form the config's <c>endpoints</c> list uses: <c>"GET /v1/{prefix}/namespaces"</c>.</summary>
    public string Endpoint => $"{Method} {Template}";

    public RequestDelegate Delegate() => RestEndpoint.Create(Handler);

    /// <summary>What failures on this route answer.</summary>
    public RestErrors Errors() => new(Scope, CommitRoute);
}
