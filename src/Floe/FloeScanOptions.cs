namespace Floe;

/// <summary>What a scan reads: a row filter, the columns, and which version of the table.</summary>
public sealed record FloeScanOptions
{
    /// <summary>
    /// Rows to return, as <c>--where</c> text checked against the table's schema, e.g. <c>"id > 5 and name like 'a%'"</c>
    /// or <c>"value * 2 >= 30"</c> (docs/sql-text.md); null for all. Parts a scan can push down prune files; the rest is
    /// checked row by row.
    /// </summary>
    public string? Filter { get; init; }

    /// <summary>Columns to return (dotted names reach into structs); null for all.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>The snapshot to read (a primary-key table's change snapshot); null for the current one.</summary>
    public long? SnapshotId { get; init; }

    /// <summary>Reads the version current at this time instead; not together with <see cref="SnapshotId"/>.</summary>
    public DateTimeOffset? AsOf { get; init; }
}
