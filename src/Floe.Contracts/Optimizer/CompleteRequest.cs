using System.Text.Json;
using System.Text.Json.Serialization;

namespace Floe.Contracts.Optimizer;

/// <summary>The body of <c>complete</c>: the attempt as for ack, with the executor's output object or an error message.</summary>
public sealed record CompleteRequest : AckRequest
{
    /// <summary>The executor's output object on success; left out on failure.</summary>
    [JsonPropertyName("output")]
    [JsonPropertyOrder(1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Output { get; init; }

    /// <summary>Why the attempt failed; left out on success.</summary>
    [JsonPropertyName("error")]
    [JsonPropertyOrder(1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }
}
