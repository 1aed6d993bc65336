namespace Floe.Core.Sorting;

/// <summary>The direction of a sort key.</summary>
public enum SortDirection
{
    Ascending,
    Descending,
}
