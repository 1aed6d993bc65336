using Floe.Core.Expressions;

namespace Floe;

/// <summary>What a scan reads: a row filter, the columns, and which version of the table.</summary>
public sealed record FloeScanOptions
{
    /// <summary>Rows to return, e.g. <c>Expr.GreaterThan("id", Literal.Of(5L))</c>; null for all.</summary>
    public Expression? Filter { get; init; }

    /// <summary>Columns to return (dotted names reach into structs); null for all.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>The snapshot to read (a primary-key table's change snapshot); null for the current one.</summary>
    public long? SnapshotId { get; init; }

    /// <summary>Reads the version current at this time instead; not together with <see cref="SnapshotId"/>.</summary>
    public DateTimeOffset? AsOf { get; init; }
}
