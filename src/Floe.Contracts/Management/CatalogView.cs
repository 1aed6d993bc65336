using System.Text.Json.Serialization;

namespace Floe.Contracts.Management;

/// <summary>A catalog as the management API shows it.</summary>
public sealed record CatalogView
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary><c>internal</c> (in the metastore) or <c>filesystem</c> (from the configuration).</summary>
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("warehouse")]
    public required string Warehouse { get; init; }

    /// <summary>Whether it is the catalog a REST client reaches without a prefix.</summary>
    [JsonPropertyName("default")]
    public required bool IsDefault { get; init; }

    /// <summary>Its properties, written in ordinal key order.</summary>
    [JsonPropertyName("properties")]
    public required IReadOnlyDictionary<string, string> Properties { get; init; }
}

/// <summary>The answer to <c>GET /catalogs</c>: the catalogs the caller may use.</summary>
public sealed record CatalogList
{
    [JsonPropertyName("catalogs")]
    public required IReadOnlyList<CatalogView> Catalogs { get; init; }
}

/// <summary>The body of <c>POST /catalogs</c>: an internal catalog's name, and its warehouse and properties if given.</summary>
public sealed record CreateCatalogRequest
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Where its tables live; the server's <c>&lt;data dir&gt;/warehouse/&lt;name&gt;</c> when missing.</summary>
    [JsonPropertyName("warehouse")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Warehouse { get; init; }

    [JsonPropertyName("properties")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Properties { get; init; }
}
