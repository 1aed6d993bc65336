using System.Text.Json.Serialization;

namespace Floe.Contracts.Management;

/// <summary>One of the server's process-wide caches as it stands: its bound, what it holds and how often it served.</summary>
public sealed record CacheFigures
{
    /// <summary>The cache as the configuration names it, e.g. <c>scan-cache.footers</c>.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Its bound; 0 when it is off.</summary>
    [JsonPropertyName("max-bytes")]
    public required long MaxBytes { get; init; }

    /// <summary>What its entries weigh (an estimate of the decoded objects).</summary>
    [JsonPropertyName("bytes")]
    public required long Bytes { get; init; }

    [JsonPropertyName("entries")]
    public required int Entries { get; init; }

    /// <summary>Look-ups served from an entry, or from a load another caller had under way, since the process started.</summary>
    [JsonPropertyName("hits")]
    public required long Hits { get; init; }

    /// <summary>Look-ups that had to load, since the process started.</summary>
    [JsonPropertyName("misses")]
    public required long Misses { get; init; }
}
