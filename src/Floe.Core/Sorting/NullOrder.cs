namespace Floe.Core.Sorting;

/// <summary>Where nulls go in a sort key.</summary>
public enum NullOrder
{
    NullsFirst,
    NullsLast,
}
