using System.Globalization;
using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Properties;

namespace Floe.PrimaryKeys.Writing;

/// <summary>
/// Chooses the bucket node a transaction's change files of one partition are written at. A change file below the
/// fragment size (the smallest of <c>self-optimizing.target-size</c> and either store's
/// <c>write.target-file-size-bytes</c>, divided by <c>self-optimizing.fragment-ratio</c>: 16 MB by default) is rewritten
/// whole by the next minor optimizing however its rows are split, so splitting a small transaction over every change
/// bucket only multiplies the files every read opens. A transaction is therefore written at the coarsest node at which
/// each of its files is expected to stay a fragment, and at the change buckets as before once it is larger. The size
/// is estimated from the bytes per change row of the change store's last commit that added rows; without one the
/// change buckets are used.
/// </summary>
/// <param name="Buckets">The change bucket count: the finest node level.</param>
/// <param name="RowBytes">Expected bytes of one change row in a change file.</param>
/// <param name="FileBytes">The size a change file written above the change buckets is kept under.</param>
internal sealed record ChangeLayout(int Buckets, double RowBytes, long FileBytes)
{
    /// <summary>Most change rows held in memory for one transaction, whatever the files' expected size.</summary>
    public const long MaxHeldRows = 1 << 18;

    /// <summary>
    /// Change rows up to which a transaction may still be written above the change buckets: a partition holding them
    /// all then fits half the buckets' files. Rows are held in memory until the commit up to this count.
    /// </summary>
    public long HeldRows => Math.Min(MaxHeldRows, (long)(FileBytes * Math.Max(1, Buckets / 2) / RowBytes));

    /// <summary>The layout for a table, or null when every transaction goes to the change buckets.</summary>
    /// <param name="change">The change store.</param>
    /// <param name="base">The base store, whose self-optimizing settings apply.</param>
    /// <param name="buckets">The change bucket count.</param>
    /// <param name="writeTarget">The size the change writer rolls files at.</param>
    public static ChangeLayout? Of(TableMetadata change, TableMetadata @base, int buckets, long writeTarget)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(@base);
        if (buckets < 2 || RowBytesOf(change) is not double rowBytes)
        {
            return null;
        }

        long fragment;
        try
        {
            // Optimizing writes base files at the base store's sizes: the smallest target of either store counts.
            long target = Math.Min(Math.Min(writeTarget, @base.Settings.Get(IcebergWriteProperties.TargetFileSizeBytes)), @base.Settings.Get(SelfOptimizingProperties.TargetSize));
            fragment = target / @base.Settings.Get(SelfOptimizingProperties.FragmentRatio);
        }
        catch (FloeException)
        {
            // An invalid optimizing setting is reported by optimizing; writing keeps the change buckets.
            return null;
        }

        return fragment < rowBytes ? null : new ChangeLayout(buckets, rowBytes, fragment);
    }

    /// <summary>
    /// The node mask for a partition receiving <paramref name="rows"/> change rows in the change buckets
    /// <paramref name="buckets"/>: of the masks whose files stay under <see cref="FileBytes"/>, the one writing the
    /// fewest files, the finest of those (a transaction within one bucket stays at it: a read or merge of other
    /// buckets' keys need not open its files).
    /// </summary>
    public int MaskFor(long rows, IReadOnlyCollection<int> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        int coarsest = MaskFor(rows);
        int best = Buckets - 1;
        int fewest = buckets.Count;
        for (int mask = (Buckets / 2) - 1; mask >= coarsest; mask = (mask + 1) / 2 - 1)
        {
            int files = buckets.Select(b => b & mask).Distinct().Count();
            if (files < fewest)
            {
                (best, fewest) = (mask, files);
            }

            if (mask == 0)
            {
                break;
            }
        }

        return best;
    }

    /// <summary>The coarsest node mask whose files stay under <see cref="FileBytes"/> for <paramref name="rows"/> change rows.</summary>
    public int MaskFor(long rows)
    {
        int nodes = 1;
        while (nodes < Buckets && rows * RowBytes / nodes > FileBytes)
        {
            nodes *= 2;
        }

        return nodes - 1;
    }

    /// <summary>How many snapshots back the row size is looked for (past the removals of change expiry).</summary>
    private const int SizingSnapshots = 16;

    /// <summary>
    /// Bytes per change row of the last commit that added rows (the newest of the last few snapshots: change expiry
    /// commits remove files and add none), or of the whole store; null without rows.
    /// </summary>
    private static double? RowBytesOf(TableMetadata change)
    {
        if (change.CurrentSnapshot is not { } current)
        {
            return null;
        }

        foreach (Snapshot snapshot in change.Ancestors(current.SnapshotId).Take(SizingSnapshots))
        {
            if (Ratio(snapshot.Summary, "added-files-size", "added-records") is double added)
            {
                return added;
            }
        }

        return Ratio(current.Summary, "total-files-size", "total-records");
    }

    private static double? Ratio(IReadOnlyDictionary<string, string> summary, string bytesKey, string rowsKey) =>
        summary.TryGetValue(bytesKey, out string? bytesText) && summary.TryGetValue(rowsKey, out string? rowsText)
        && long.TryParse(bytesText, NumberStyles.None, CultureInfo.InvariantCulture, out long bytes)
        && long.TryParse(rowsText, NumberStyles.None, CultureInfo.InvariantCulture, out long rows)
        && bytes > 0 && rows > 0
            ? (double)bytes / rows
            : null;
}
