using System.Text.Json.Serialization;

namespace Floe.Contracts.Optimizing;

/// <summary>
/// One partition value, self-describing: its Iceberg primitive type (<c>long</c>, <c>decimal(38, 2)</c>) and the
/// spec's single-value binary form, base64. A null value is a JSON null in the partition array instead.
/// </summary>
public sealed record PartitionValueMessage
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("value")]
    public required byte[] Value { get; init; }
}
