namespace Floe.Optimizing.Planning;

/// <summary>First-fit decreasing bin packing by size; an item larger than a bin gets a bin of its own.</summary>
public static class BinPacking
{
    public static List<List<T>> Pack<T>(IEnumerable<T> items, Func<T, long> size, long capacity)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(size);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        var bins = new List<List<T>>();
        var free = new List<long>();
        foreach (T item in items.OrderByDescending(size))
        {
            long itemSize = size(item);
            int target = -1;
            for (int i = 0; i < bins.Count; i++)
            {
                if (free[i] >= itemSize)
                {
                    target = i;
                    break;
                }
            }

            if (target < 0)
            {
                bins.Add([]);
                free.Add(capacity);
                target = bins.Count - 1;
            }

            bins[target].Add(item);
            free[target] -= itemSize;
        }

        return bins;
    }
}
