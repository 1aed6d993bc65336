using System.Text.Json.Serialization;

namespace Floe.Contracts.Optimizer;

/// <summary>The body of <c>poll</c>: the optimizer thread asking for a task, from 0 to <c>threads - 1</c>.</summary>
public sealed record PollRequest
{
    [JsonPropertyName("thread")]
    public required int Thread { get; init; }
}
