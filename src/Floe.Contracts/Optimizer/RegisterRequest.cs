using System.Text.Json.Serialization;

namespace Floe.Contracts.Optimizer;

/// <summary>The body of <c>register</c>: which group the optimizer serves and with how many threads.</summary>
public sealed record RegisterRequest
{
    /// <summary>The optimizer group; the server takes <c>default</c> when it is missing.</summary>
    [JsonPropertyName("group")]
    public string? Group { get; init; }

    [JsonPropertyName("threads")]
    public required int Threads { get; init; }

    /// <summary>Memory the optimizer may use, for display (0: not stated).</summary>
    [JsonPropertyName("memory-mb")]
    public long MemoryMb { get; init; }

    /// <summary>The resource (container, pod) the optimizer runs as; written as null when there is none.</summary>
    [JsonPropertyName("resource-id")]
    public string? ResourceId { get; init; }

    /// <summary>Free-form properties; a client sends them in ordinal key order.</summary>
    [JsonPropertyName("properties")]
    public IReadOnlyDictionary<string, string>? Properties { get; init; }
}
