namespace Floe.Core.Sorting;

public enum SortDirection
{
    Ascending,
    Descending,
}

public enum NullOrder
{
    NullsFirst,
    NullsLast,
}
