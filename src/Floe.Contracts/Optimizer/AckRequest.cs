using System.Text.Json.Serialization;

namespace Floe.Contracts.Optimizer;

/// <summary>The body of <c>ack</c>: the thread and the task attempt it took on.</summary>
public record AckRequest
{
    [JsonPropertyName("thread")]
    public required int Thread { get; init; }

    [JsonPropertyName("process-id")]
    public required long ProcessId { get; init; }

    [JsonPropertyName("task-id")]
    public required int TaskId { get; init; }

    [JsonPropertyName("attempt")]
    public required int Attempt { get; init; }
}
