using System.Text.Json.Serialization;

namespace Floe.Contracts.Optimizing;

/// <summary>A planned optimizing process of a primary-key table as the server keeps it: its snapshots, partitions and tasks.</summary>
public sealed record MergeProcessMessage
{
    [JsonPropertyName("process-id")]
    public required long ProcessId { get; init; }

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    /// <summary>Written as null when the base table had no snapshot.</summary>
    [JsonPropertyName("base-snapshot-id")]
    public long? BaseSnapshotId { get; init; }

    [JsonPropertyName("change-snapshot-id")]
    public long? ChangeSnapshotId { get; init; }

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    [JsonPropertyName("partitions")]
    public IReadOnlyList<PartitionPointMessage>? Partitions { get; init; }

    [JsonPropertyName("tasks")]
    public IReadOnlyList<MergeTaskMessage>? Tasks { get; init; }
}

/// <summary>A partition's optimized point before and after the process.</summary>
public sealed record PartitionPointMessage
{
    [JsonPropertyName("path")]
    public required string Path { get; init; }

    [JsonPropertyName("from-point")]
    public required long FromPoint { get; init; }

    [JsonPropertyName("to-point")]
    public required long ToPoint { get; init; }
}
