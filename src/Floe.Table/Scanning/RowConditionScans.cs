using Floe.Table.RowLevel;

namespace Floe.Table.Scanning;

/// <summary>Row conditions (<see cref="RowPredicate"/>: arithmetic, casts, column against column) on any <see cref="ITableScan"/>.</summary>
public static class RowConditionScans
{
    /// <summary>
    /// Adds a row condition. One an Iceberg filter expresses exactly is pushed down as such (file pruning and vectorized
    /// filtering, nothing else); any other prunes files by what it possibly matches and is evaluated on each batch read.
    /// The condition is checked against the scan's columns (<see cref="ITableScan.Projection"/>) now, so a missing column or
    /// a type error fails before any read: add it before <see cref="ITableScan.Select"/> to filter on columns not returned.
    /// </summary>
    public static ITableScan Where(this ITableScan scan, RowPredicate condition)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(condition);
        if (scan is ResidualFilterScan filtered)
        {
            return filtered.Where(condition);
        }

        return PredicatePushdown.Exact(condition) is { } exact
            ? scan.Where(exact)
            : new ResidualFilterScan(scan.Where(PredicatePushdown.Possibly(condition)), condition, columns: null);
    }
}
