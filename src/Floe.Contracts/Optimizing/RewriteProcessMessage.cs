using System.Text.Json.Serialization;

namespace Floe.Contracts.Optimizing;

/// <summary>A planned optimizing process of an Iceberg table as the server keeps it: the snapshot it started from and its tasks.</summary>
public sealed record RewriteProcessMessage
{
    [JsonPropertyName("process-id")]
    public required long ProcessId { get; init; }

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("from-snapshot-id")]
    public required long FromSnapshotId { get; init; }

    [JsonPropertyName("from-sequence-number")]
    public required long FromSequenceNumber { get; init; }

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    [JsonPropertyName("tasks")]
    public IReadOnlyList<RewriteTaskMessage>? Tasks { get; init; }
}
