namespace Floe;

/// <summary>How a new table is laid out.</summary>
public sealed record FloeTableOptions
{
    /// <summary>The partitioning as text, e.g. <c>day(ts), bucket(16, id)</c>; null for an unpartitioned table.</summary>
    public string? PartitionBy { get; init; }

    /// <summary>Table properties (<c>write.*</c>, <c>commit.*</c>, ...; see docs/table-properties.md).</summary>
    public IReadOnlyDictionary<string, string>? Properties { get; init; }
}
