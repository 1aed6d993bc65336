using System.Text.Json.Serialization;

namespace Floe.Contracts.Optimizing;

/// <summary>
/// The input of a <c>mixed-merge</c> task: one partition (or a set of bucket nodes of it) of a primary-key table,
/// whose change files are merged into its base files.
/// </summary>
public sealed record MergeTaskMessage
{
    [JsonPropertyName("process-id")]
    public required long ProcessId { get; init; }

    [JsonPropertyName("task-id")]
    public required int TaskId { get; init; }

    /// <summary><c>minor</c> or <c>full</c>.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("table")]
    public required TaskTableMessage Table { get; init; }

    [JsonPropertyName("primary-key")]
    public required IReadOnlyList<string> PrimaryKey { get; init; }

    [JsonPropertyName("base-buckets")]
    public required int BaseBuckets { get; init; }

    [JsonPropertyName("change-buckets")]
    public required int ChangeBuckets { get; init; }

    [JsonPropertyName("partition")]
    public IReadOnlyList<PartitionValueMessage?>? Partition { get; init; }

    [JsonPropertyName("partition-ordinal")]
    public int? PartitionOrdinal { get; init; }

    /// <summary>The change transaction the base files already hold.</summary>
    [JsonPropertyName("optimized-point")]
    public required long OptimizedPoint { get; init; }

    [JsonPropertyName("target-size")]
    public required long TargetSize { get; init; }

    /// <summary>From 0 to 1; 0.5 when left out.</summary>
    [JsonPropertyName("rewrite-ratio")]
    public double? RewriteRatio { get; init; }

    [JsonPropertyName("base-files")]
    public IReadOnlyList<MergeBaseFileMessage>? BaseFiles { get; init; }

    [JsonPropertyName("delete-files")]
    public IReadOnlyList<TaskFileMessage>? DeleteFiles { get; init; }

    [JsonPropertyName("change-files")]
    public IReadOnlyList<TaskFileMessage>? ChangeFiles { get; init; }

    [JsonPropertyName("rewrite-always")]
    public IReadOnlyList<string>? RewriteAlways { get; init; }

    [JsonPropertyName("partition-base-files")]
    public IReadOnlyList<string>? PartitionBaseFiles { get; init; }

    /// <summary>The bucket nodes the task covers; left out for the whole partition.</summary>
    [JsonPropertyName("nodes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<long>? Nodes { get; init; }
}

/// <summary>A base file of a merge task with the paths of the delete files (listed in the task) that apply to it.</summary>
public sealed record MergeBaseFileMessage
{
    [JsonPropertyName("data-sequence-number")]
    public required long DataSequenceNumber { get; init; }

    [JsonPropertyName("file-sequence-number")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? FileSequenceNumber { get; init; }

    [JsonPropertyName("file")]
    public required ContentFileMessage File { get; init; }

    [JsonPropertyName("deletes")]
    public IReadOnlyList<string>? Deletes { get; init; }
}
