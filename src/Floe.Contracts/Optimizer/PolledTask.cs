using System.Text.Json;
using System.Text.Json.Serialization;

namespace Floe.Contracts.Optimizer;

/// <summary>A task handed out by <c>poll</c>: which attempt of which task, its executor kind and its input object.</summary>
public sealed record PolledTask
{
    [JsonPropertyName("process-id")]
    public required long ProcessId { get; init; }

    [JsonPropertyName("task-id")]
    public required int TaskId { get; init; }

    /// <summary>The server's count of dispatches of the task, echoed back by ack and complete.</summary>
    [JsonPropertyName("attempt")]
    public required int Attempt { get; init; }

    /// <summary>The executor kind (<c>Floe.Optimizing.Execution.OptimizingTaskKinds</c>).</summary>
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    /// <summary>The task's JSON object, passed through unchanged.</summary>
    [JsonPropertyName("input")]
    public required JsonElement Input { get; init; }
}
