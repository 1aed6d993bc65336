using System.Text.Json.Serialization;

namespace Floe.Contracts.Optimizer;

/// <summary>The answer to <c>poll</c>: <c>{"task": null}</c> when none came within the poll timeout.</summary>
public sealed record PollResponse
{
    [JsonPropertyName("task")]
    public PolledTask? Task { get; init; }
}
