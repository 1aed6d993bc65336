namespace Floe.Common.Collections;

/// <summary>Ascending lists of row positions, as position deletes and merge exclusions hold them.</summary>
public static class SortedPositions
{
    /// <summary>
    /// Two ascending lists as one ascending array (a position in both appears twice, which readers dropping positions
    /// tolerate); <paramref name="a"/> itself when <paramref name="b"/> is empty.
    /// </summary>
    public static long[] Merge(long[] a, ReadOnlySpan<long> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (b.IsEmpty)
        {
            return a;
        }

        var merged = new long[a.Length + b.Length];
        int i = 0, j = 0, k = 0;
        while (i < a.Length && j < b.Length)
        {
            merged[k++] = a[i] <= b[j] ? a[i++] : b[j++];
        }

        a.AsSpan(i).CopyTo(merged.AsSpan(k));
        b[j..].CopyTo(merged.AsSpan(k + a.Length - i));
        return merged;
    }
}
