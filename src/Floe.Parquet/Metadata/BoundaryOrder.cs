namespace Floe.Parquet.Metadata;

/// <summary>How the page minimums and maximums of a column index are ordered.</summary>
public enum BoundaryOrder
{
    Unordered = 0,
    Ascending = 1,
    Descending = 2,
}
