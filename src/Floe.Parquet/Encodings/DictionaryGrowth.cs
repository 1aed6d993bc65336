using System.Numerics;

namespace Floe.Parquet.Encodings;

/// <summary>
/// Sizes a dictionary's hash table ahead of a large range of values. Doubling the table as entries arrive re-inserts
/// every entry once per doubling; a page of mostly distinct values (a column of names in a small file) pays that many
/// times over. After a sample of the range, the share of new values in it predicts how many the rest will add, and
/// the table grows once to hold them.
/// </summary>
internal static class DictionaryGrowth
{
    /// <summary>Values looked at before the rest of the range is predicted.</summary>
    public const int Sample = 1024;

    // A prediction never reserves more than this many entries; beyond it the table doubles as before.
    private const int MaxReserved = 1 << 17;

    /// <summary>
    /// The entries expected once the whole range is added: <paramref name="countNow"/> plus the sample's share of new
    /// values applied to the <paramref name="rangeLength"/> - <paramref name="seen"/> values still to come.
    /// </summary>
    public static int Expected(int countBefore, int countNow, int seen, int rangeLength)
    {
        long added = countNow - countBefore;
        long predicted = countNow + (added * (rangeLength - seen) / seen);
        return (int)Math.Min(predicted, MaxReserved);
    }

    /// <summary>The table size that keeps <paramref name="count"/> entries at most a quarter full.</summary>
    public static int TableSize(int count) => (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(count, 16) * 4);
}
