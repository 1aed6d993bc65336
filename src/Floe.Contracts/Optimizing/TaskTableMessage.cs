using System.Text.Json;
using System.Text.Json.Serialization;

namespace Floe.Contracts.Optimizing;

/// <summary>What an optimizer needs of the table to run a task without a catalog: where it lives, its schema and spec, its properties.</summary>
public sealed record TaskTableMessage
{
    [JsonPropertyName("location")]
    public required string Location { get; init; }

    /// <summary>The current schema in Iceberg's table-metadata JSON form.</summary>
    [JsonPropertyName("schema")]
    public required JsonElement Schema { get; init; }

    /// <summary>The partition spec in Iceberg's table-metadata JSON form.</summary>
    [JsonPropertyName("spec")]
    public required JsonElement Spec { get; init; }

    [JsonPropertyName("properties")]
    public IReadOnlyDictionary<string, string>? Properties { get; init; }
}
