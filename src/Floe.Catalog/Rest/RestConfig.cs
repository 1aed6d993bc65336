using System.Text.Json;

namespace Floe.Catalog.Rest;

/// <summary>
/// The answer of <c>GET /v1/config</c> merged with the client's properties (server defaults, then client properties, then
/// server overrides, as the spec orders them), and the endpoints the server serves.
/// </summary>
internal sealed class RestConfig(IReadOnlyDictionary<string, string> properties, IReadOnlySet<string>? endpoints)
{
    public IReadOnlyDictionary<string, string> Properties { get; } = properties;

    /// <summary>The routes the server lists; null when it lists none (the spec's default set is then assumed).</summary>
    public IReadOnlySet<string>? Endpoints { get; } = endpoints;

    public string? Prefix => Properties.GetValueOrDefault("prefix");

    public bool Serves(string endpoint) => Endpoints is null || Endpoints.Contains(endpoint);

    public static RestConfig Parse(JsonElement root, IReadOnlyDictionary<string, string> client)
    {
        var merged = new Dictionary<string, string>(RestJson.ReadMap(root, "defaults"), StringComparer.Ordinal);
        foreach (var (key, value) in client)
        {
            merged[key] = value;
        }

        foreach (var (key, value) in RestJson.ReadMap(root, "overrides"))
        {
            merged[key] = value;
        }

        var endpoints = root.TryGetProperty("endpoints", out var list) && list.ValueKind == JsonValueKind.Array
            ? RestJson.ReadStrings(root, "endpoints").ToHashSet(StringComparer.Ordinal)
            : null;
        return new RestConfig(merged, endpoints);
    }
}
