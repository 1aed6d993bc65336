using Floe.Http;

namespace Floe.Catalog.Rest;

public sealed partial class RestCatalog
{
    public Task CreateNamespaceAsync(Namespace @namespace, CancellationToken cancellationToken = default) =>
        CreateNamespaceAsync(@namespace, new Dictionary<string, string>(), cancellationToken);

    public async Task CreateNamespaceAsync(Namespace @namespace, IReadOnlyDictionary<string, string> properties, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(properties);
        var call = new HttpCall(HttpMethod.Post, _paths.Namespaces)
        {
            What = $"create namespace {@namespace}",
            Json = w =>
            {
                w.WriteStartObject();
                RestJson.WriteNamespace(w, "namespace", @namespace);
                RestJson.WriteMap(w, "properties", properties);
                w.WriteEndObject();
            },
        };
        await _http.SendAsync(call, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, string>> LoadNamespacePropertiesAsync(Namespace @namespace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        using var json = await SendJsonAsync(new HttpCall(HttpMethod.Get, _paths.Namespace(@namespace)) { What = $"load namespace {@namespace}" }, cancellationToken).ConfigureAwait(false);
        return RestJson.ReadMap(json.RootElement, "properties");
    }

    public async Task<NamespacePropertiesChange> UpdateNamespacePropertiesAsync(
        Namespace @namespace,
        IReadOnlyCollection<string> removals,
        IReadOnlyDictionary<string, string> updates,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(removals);
        ArgumentNullException.ThrowIfNull(updates);
        Require("POST", "namespaces/{namespace}/properties", "namespace property updates");
        var call = new HttpCall(HttpMethod.Post, _paths.NamespaceProperties(@namespace))
        {
            What = $"update the properties of namespace {@namespace}",
            Json = w =>
            {
                w.WriteStartObject();
                RestJson.WriteStrings(w, "removals", removals);
                RestJson.WriteMap(w, "updates", updates);
                w.WriteEndObject();
            },
        };
        using var json = await SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
        var root = json.RootElement;
        return new NamespacePropertiesChange(RestJson.ReadStrings(root, "updated"), RestJson.ReadStrings(root, "removed"), RestJson.ReadStrings(root, "missing"));
    }

    public Task<bool> NamespaceExistsAsync(Namespace @namespace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        return SendFoundAsync(new HttpCall(HttpMethod.Head, _paths.Namespace(@namespace)) { What = $"check namespace {@namespace}" }, cancellationToken);
    }

    public async Task<IReadOnlyList<Namespace>> ListNamespacesAsync(Namespace parent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parent);
        string? parentLevels = parent.IsEmpty ? null : string.Join('\u001f', parent.Levels);
        var list = await ListAllAsync(_paths.Namespaces, parentLevels, "namespaces", RestJson.ReadNamespace, $"list namespaces in '{parent}'", cancellationToken).ConfigureAwait(false);
        return [.. list.OrderBy(n => n.ToString(), StringComparer.Ordinal)];
    }

    public Task<bool> DropNamespaceAsync(Namespace @namespace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        return SendFoundAsync(new HttpCall(HttpMethod.Delete, _paths.Namespace(@namespace)) { What = $"drop namespace {@namespace}" }, cancellationToken);
    }

    public async Task<IReadOnlyList<TableIdentifier>> ListTablesAsync(Namespace @namespace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        var list = await ListAllAsync(_paths.Tables(@namespace), null, "identifiers", RestJson.ReadIdentifier, $"list tables in '{@namespace}'", cancellationToken).ConfigureAwait(false);
        return [.. list.OrderBy(t => t.Name, StringComparer.Ordinal)];
    }
}
