using System.Text.Json.Serialization;

namespace Floe.Contracts.Optimizing;

/// <summary>
/// The input of an <c>iceberg-rewrite</c> task: the data files of one partition to rewrite, the delete files that
/// apply to them, and the target size of the new files.
/// </summary>
public sealed record RewriteTaskMessage
{
    [JsonPropertyName("process-id")]
    public required long ProcessId { get; init; }

    [JsonPropertyName("task-id")]
    public required int TaskId { get; init; }

    /// <summary><c>minor</c>, <c>major</c> or <c>full</c>.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("table")]
    public required TaskTableMessage Table { get; init; }

    [JsonPropertyName("partition")]
    public IReadOnlyList<PartitionValueMessage?>? Partition { get; init; }

    [JsonPropertyName("target-size")]
    public required long TargetSize { get; init; }

    [JsonPropertyName("rewritten-data-files")]
    public IReadOnlyList<TaskFileMessage>? RewrittenDataFiles { get; init; }

    [JsonPropertyName("rewrite-pos-data-files")]
    public IReadOnlyList<TaskFileMessage>? RewritePosDataFiles { get; init; }

    [JsonPropertyName("read-only-delete-files")]
    public IReadOnlyList<TaskFileMessage>? ReadOnlyDeleteFiles { get; init; }

    [JsonPropertyName("rewritten-delete-files")]
    public IReadOnlyList<TaskFileMessage>? RewrittenDeleteFiles { get; init; }
}
