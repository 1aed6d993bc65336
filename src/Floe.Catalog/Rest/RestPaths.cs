namespace Floe.Catalog.Rest;

/// <summary>The routes of the REST catalog under <c>v1/{prefix}/</c>; namespace levels are joined by the unit separator (0x1F).</summary>
internal sealed class RestPaths(string? prefix)
{
    private readonly string _root = string.IsNullOrEmpty(prefix) ? "v1/" : $"v1/{Uri.EscapeDataString(prefix)}/";

    public string Namespaces => _root + "namespaces";

    public string Namespace(Namespace ns) => $"{Namespaces}/{Encode(ns)}";

    public string NamespaceProperties(Namespace ns) => Namespace(ns) + "/properties";

    public string Tables(Namespace ns) => Namespace(ns) + "/tables";

    public string Table(TableIdentifier id) => $"{Tables(id.Namespace)}/{Uri.EscapeDataString(id.Name)}";

    public string Register(Namespace ns) => Namespace(ns) + "/register";

    public string Rename => _root + "tables/rename";

    public string Transaction => _root + "transactions/commit";

    /// <summary>The endpoint name as <c>/v1/config</c> lists it, e.g. <c>POST /v1/{prefix}/transactions/commit</c>.</summary>
    public static string Endpoint(string method, string route) => $"{method} /v1/{{prefix}}/{route}";

    public static string Encode(Namespace ns) => Uri.EscapeDataString(string.Join('\u001f', ns.Levels));

    /// <summary>A query string with paging parameters added to <paramref name="path"/>.</summary>
    public static string WithQuery(string path, params (string Name, string? Value)[] query)
    {
        var parts = query.Where(q => q.Value is not null).Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value!)}").ToList();
        return parts.Count == 0 ? path : $"{path}?{string.Join('&', parts)}";
    }
}
