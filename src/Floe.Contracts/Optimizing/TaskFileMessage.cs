using System.Text.Json.Serialization;

namespace Floe.Contracts.Optimizing;

/// <summary>An input file of a task with the sequence numbers its manifest entry carries.</summary>
public sealed record TaskFileMessage
{
    [JsonPropertyName("data-sequence-number")]
    public required long DataSequenceNumber { get; init; }

    [JsonPropertyName("file-sequence-number")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? FileSequenceNumber { get; init; }

    [JsonPropertyName("file")]
    public required ContentFileMessage File { get; init; }
}
