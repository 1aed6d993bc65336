using System.Text.Json.Serialization;

namespace Floe.Contracts.Management;

/// <summary>A bearer token as the management API shows it: never its secret, except in the answer that created it.</summary>
public sealed record TokenView
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("admin")]
    public required bool Admin { get; init; }

    /// <summary>The catalogs it may use; null for every catalog.</summary>
    [JsonPropertyName("catalogs")]
    public required IReadOnlyList<string>? Catalogs { get; init; }

    [JsonPropertyName("created-ms")]
    public required long CreatedMs { get; init; }

    [JsonPropertyName("revoked")]
    public required bool Revoked { get; init; }

    /// <summary>The secret, only in the answer to <c>POST /tokens</c>; left out elsewhere.</summary>
    [JsonPropertyName("secret")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }

    // The secret is a credential: keep it out of logs and test output.
    public override string ToString() => $"token '{Name}' (admin {Admin}, revoked {Revoked})";
}

/// <summary>The answer to <c>GET /tokens</c>.</summary>
public sealed record TokenList
{
    [JsonPropertyName("tokens")]
    public required IReadOnlyList<TokenView> Tokens { get; init; }
}

/// <summary>The body of <c>POST /tokens</c>.</summary>
public sealed record CreateTokenRequest
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Grant everything: every catalog, catalog and token management.</summary>
    [JsonPropertyName("admin")]
    public bool Admin { get; init; }

    /// <summary>The catalogs it may use; null (or missing) for every catalog.</summary>
    [JsonPropertyName("catalogs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Catalogs { get; init; }
}
