using Floe.Common.Collections;

namespace Floe.Common.Tests.Collections;

public sealed class SortedPositionsTests
{
    [Fact]
    public void Merging_keeps_every_position_in_ascending_order()
    {
        Assert.Equal([0L, 1, 3, 4, 4, 7, 9, 12], SortedPositions.Merge([1, 4, 9], [0, 3, 4, 7, 12]));
        Assert.Equal([2L, 5], SortedPositions.Merge([], [2, 5]));
    }

    [Fact]
    public void Merging_nothing_returns_the_first_list_itself()
    {
        long[] a = [3, 8];
        Assert.Same(a, SortedPositions.Merge(a, []));
    }
}
