namespace Floe.Table.Data.Metrics;

/// <summary>
/// The per-file facts a manifest entry records, keyed by Iceberg field id. Bounds are in Iceberg's single-value
/// binary serialization, already truncated according to each column's metrics mode.
/// </summary>
public sealed record FileMetrics
{
    public required long RecordCount { get; init; }

    public required long FileSizeInBytes { get; init; }

    public IReadOnlyDictionary<int, long> ColumnSizes { get; init; } = new Dictionary<int, long>();

    public IReadOnlyDictionary<int, long> ValueCounts { get; init; } = new Dictionary<int, long>();

    public IReadOnlyDictionary<int, long> NullValueCounts { get; init; } = new Dictionary<int, long>();

    public IReadOnlyDictionary<int, long> NanValueCounts { get; init; } = new Dictionary<int, long>();

    public IReadOnlyDictionary<int, byte[]> LowerBounds { get; init; } = new Dictionary<int, byte[]>();

    public IReadOnlyDictionary<int, byte[]> UpperBounds { get; init; } = new Dictionary<int, byte[]>();

    /// <summary>Start offsets of the row groups, in increasing order.</summary>
    public IReadOnlyList<long> SplitOffsets { get; init; } = [];
}
