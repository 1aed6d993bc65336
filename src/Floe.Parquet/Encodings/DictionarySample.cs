using System.Numerics;

namespace Floe.Parquet.Encodings;

/// <summary>
/// What a sample of a page's first values says about its dictionary. The column writer sends a small chunk's only
/// page PLAIN when the sample hardly repeats (<see cref="HardlyRepeats"/>); writers that know their files are small
/// judge their input by the same rule. The builders size their hash table ahead of
/// a large range: doubling it as entries arrive re-inserts every entry once per doubling, which a page of mostly
/// distinct values pays many times over, so the sample's share of new values predicts how many the rest of the range
/// adds and the table grows once to hold them.
/// </summary>
public static class DictionarySample
{
    /// <summary>Values in the sample: the first of a page or range.</summary>
    public const int Size = 1024;

    // A sample in which fewer than one value in this many repeats an earlier one hardly repeats.
    private const int RepeatShare = 32;

    // A prediction never reserves more than this many entries; beyond it the table doubles as before.
    private const int MaxReserved = 1 << 17;

    /// <summary>
    /// True when fewer than one in 32 of <paramref name="present"/> sampled values repeats an earlier one. A dictionary
    /// entry costs the value itself plus an index, so such values come out larger dictionary encoded than PLAIN.
    /// </summary>
    public static bool HardlyRepeats(int present, int distinct) => present - distinct < present / RepeatShare;

    /// <summary>
    /// The entries expected once the whole range is added: <paramref name="countNow"/> plus the sample's share of new
    /// values applied to the <paramref name="rangeLength"/> - <paramref name="seen"/> values still to come.
    /// </summary>
    internal static int Expected(int countBefore, int countNow, int seen, int rangeLength)
    {
        long added = countNow - countBefore;
        long predicted = countNow + (added * (rangeLength - seen) / seen);
        return (int)Math.Min(predicted, MaxReserved);
    }

    /// <summary>The table size that keeps <paramref name="count"/> entries at most a quarter full.</summary>
    internal static int TableSize(int count) => (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(count, 16) * 4);
}
