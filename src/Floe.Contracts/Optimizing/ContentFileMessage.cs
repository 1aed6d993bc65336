using System.Text.Json.Serialization;

namespace Floe.Contracts.Optimizing;

/// <summary>
/// A data or delete file with every manifest field: metrics keyed by field id, bounds and key metadata base64.
/// Members that are absent on the file are left out; the delete members appear on delete files only.
/// </summary>
public sealed record ContentFileMessage
{
    /// <summary><see cref="ContentKinds"/>: <c>data</c>, <c>position-deletes</c> or <c>equality-deletes</c>.</summary>
    [JsonPropertyName("content")]
    public required string Content { get; init; }

    [JsonPropertyName("file-path")]
    public required string FilePath { get; init; }

    /// <summary>The format's upper-case name (<c>PARQUET</c>, <c>AVRO</c>, <c>ORC</c>).</summary>
    [JsonPropertyName("file-format")]
    public required string FileFormat { get; init; }

    [JsonPropertyName("spec-id")]
    public required int SpecId { get; init; }

    /// <summary>The partition tuple in spec order; left out it is the empty tuple.</summary>
    [JsonPropertyName("partition")]
    public IReadOnlyList<PartitionValueMessage?>? Partition { get; init; }

    [JsonPropertyName("record-count")]
    public required long RecordCount { get; init; }

    [JsonPropertyName("file-size-in-bytes")]
    public required long FileSizeInBytes { get; init; }

    [JsonPropertyName("column-sizes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<int, long>? ColumnSizes { get; init; }

    [JsonPropertyName("value-counts")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<int, long>? ValueCounts { get; init; }

    [JsonPropertyName("null-value-counts")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<int, long>? NullValueCounts { get; init; }

    [JsonPropertyName("nan-value-counts")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<int, long>? NanValueCounts { get; init; }

    [JsonPropertyName("lower-bounds")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<int, byte[]>? LowerBounds { get; init; }

    [JsonPropertyName("upper-bounds")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<int, byte[]>? UpperBounds { get; init; }

    [JsonPropertyName("key-metadata")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public byte[]? KeyMetadata { get; init; }

    [JsonPropertyName("split-offsets")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<long>? SplitOffsets { get; init; }

    [JsonPropertyName("sort-order-id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SortOrderId { get; init; }

    /// <summary>The field ids an equality delete file matches on.</summary>
    [JsonPropertyName("equality-ids")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? EqualityIds { get; init; }

    /// <summary>The one data file a position delete file (or deletion vector) applies to.</summary>
    [JsonPropertyName("referenced-data-file")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReferencedDataFile { get; init; }

    [JsonPropertyName("content-offset")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ContentOffset { get; init; }

    [JsonPropertyName("content-size-in-bytes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? ContentSizeInBytes { get; init; }
}
