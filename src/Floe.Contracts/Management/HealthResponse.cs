using System.Text.Json.Serialization;

namespace Floe.Contracts.Management;

/// <summary>
/// The answer to <c>GET /health</c>, with 200 when the metastore answers (<see cref="Catalogs"/> is set) and 503 when
/// it does not (<see cref="Error"/> is set).
/// </summary>
public sealed record HealthResponse
{
    /// <summary><c>ok</c> or <c>unavailable</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("version")]
    public required string Version { get; init; }

    [JsonPropertyName("uptime-ms")]
    public required long UptimeMs { get; init; }

    /// <summary>How many catalogs the server has; left out when the metastore did not answer.</summary>
    [JsonPropertyName("catalogs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Catalogs { get; init; }

    /// <summary>The process-wide caches the configuration bounds (<c>scan-cache.*</c>), with their figures.</summary>
    [JsonPropertyName("caches")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CacheFigures>? Caches { get; init; }

    /// <summary>Why the metastore did not answer; left out when it did.</summary>
    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }
}
