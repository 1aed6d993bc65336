using System.Text.Json.Serialization;

namespace Floe.Contracts.Optimizing;

/// <summary>The output of a <c>mixed-merge</c> task attempt: the files it wrote, the files it replaces and its counts.</summary>
public sealed record MergeOutputMessage
{
    [JsonPropertyName("process-id")]
    public required long ProcessId { get; init; }

    [JsonPropertyName("task-id")]
    public required int TaskId { get; init; }

    [JsonPropertyName("attempt")]
    public required int Attempt { get; init; }

    [JsonPropertyName("partition-path")]
    public required string PartitionPath { get; init; }

    [JsonPropertyName("new-files")]
    public IReadOnlyList<ContentFileMessage>? NewFiles { get; init; }

    [JsonPropertyName("position-deletes")]
    public IReadOnlyList<ContentFileMessage>? PositionDeletes { get; init; }

    [JsonPropertyName("rewritten-files")]
    public IReadOnlyList<string>? RewrittenFiles { get; init; }

    [JsonPropertyName("removed-delete-files")]
    public IReadOnlyList<string>? RemovedDeleteFiles { get; init; }

    [JsonPropertyName("delete-targets")]
    public IReadOnlyList<string>? DeleteTargets { get; init; }

    [JsonPropertyName("max-transaction")]
    public required long MaxTransaction { get; init; }

    [JsonPropertyName("change-rows")]
    public long? ChangeRows { get; init; }

    [JsonPropertyName("new-rows")]
    public long? NewRows { get; init; }

    [JsonPropertyName("deleted-rows")]
    public long? DeletedRows { get; init; }

    [JsonPropertyName("input-bytes")]
    public long? InputBytes { get; init; }

    [JsonPropertyName("elapsed-ms")]
    public long? ElapsedMs { get; init; }
}
