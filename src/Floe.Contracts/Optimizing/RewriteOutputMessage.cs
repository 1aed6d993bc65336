using System.Text.Json.Serialization;

namespace Floe.Contracts.Optimizing;

/// <summary>The output of an <c>iceberg-rewrite</c> task attempt: the files it wrote and what it read.</summary>
public sealed record RewriteOutputMessage
{
    [JsonPropertyName("process-id")]
    public required long ProcessId { get; init; }

    [JsonPropertyName("task-id")]
    public required int TaskId { get; init; }

    [JsonPropertyName("attempt")]
    public required int Attempt { get; init; }

    [JsonPropertyName("data-files")]
    public IReadOnlyList<ContentFileMessage>? DataFiles { get; init; }

    [JsonPropertyName("delete-files")]
    public IReadOnlyList<ContentFileMessage>? DeleteFiles { get; init; }

    [JsonPropertyName("input-records")]
    public long? InputRecords { get; init; }

    [JsonPropertyName("input-bytes")]
    public long? InputBytes { get; init; }

    [JsonPropertyName("elapsed-ms")]
    public long? ElapsedMs { get; init; }
}
