using System.Globalization;
using Floe.Core.Manifests;
using Floe.PrimaryKeys.Model;
using Floe.Optimizing.Config;
using Floe.Optimizing.Evaluation;

namespace Floe.Optimizing.PrimaryKeys;

/// <summary>
/// The counts of one partition of a primary-key table and Amoro's keyed trigger rules over them. Small files are the
/// base fragments plus the pending change files (each change file is rewritten by a merge); pending change bytes
/// trigger a minor optimizing as well.
/// </summary>
internal sealed class PrimaryKeyPartitionEvaluation
{
    public PrimaryKeyPartitionEvaluation(PrimaryKeyPartitionFiles files, OptimizingConfig config)
    {
        Files = files;
        foreach (var task in files.Base)
        {
            BaseBytes += task.File.FileSizeInBytes;
            BaseRecords += task.File.RecordCount;
            if (task.File.FileSizeInBytes <= config.FragmentSize)
            {
                Fragments++;
            }
        }

        foreach (DeleteFile deletes in files.DeleteFiles)
        {
            PositionDeleteFiles++;
            PositionDeleteRecords += deletes.RecordCount;
        }

        foreach (var task in files.Change)
        {
            ChangeBytes += task.File.FileSizeInBytes;
            ChangeRecords += task.File.RecordCount;
            if (PrimaryKeyFiles.OfChangeFile(task.File.FilePath, task.DataSequenceNumber).Kind == PrimaryKeyFileKind.EqualityDelete)
            {
                ChangeDeleteRecords += task.File.RecordCount;
            }
        }
    }

    public PrimaryKeyPartitionFiles Files { get; }

    public int BaseFiles => Files.Base.Count;

    public long BaseBytes { get; }

    public long BaseRecords { get; }

    public int Fragments { get; }

    public int PositionDeleteFiles { get; }

    public long PositionDeleteRecords { get; }

    public int ChangeFiles => Files.Change.Count;

    public long ChangeBytes { get; }

    public long ChangeRecords { get; }

    /// <summary>Change rows that delete a key (D, UB): equality deletes in Amoro's terms.</summary>
    public long ChangeDeleteRecords { get; }

    public int SmallFiles => Fragments + ChangeFiles;

    public double HealthScore(OptimizingConfig config) =>
        HealthScores.Score(BaseFiles + ChangeFiles, BaseBytes + ChangeBytes, BaseRecords + ChangeRecords, ChangeDeleteRecords, PositionDeleteRecords, config);

    /// <summary>The optimizing the partition needs under the keyed rules, or null, with the reason.</summary>
    public OptimizingType? Decide(int baseBuckets, OptimizingConfig config, OptimizingTimes times, out string reason)
    {
        if (times.Reached(config.FullTriggerIntervalMs, times.LastFullMs) && (ChangeFiles > 0 || PositionDeleteFiles > 0 || Fragments > baseBuckets))
        {
            reason = Invariant($"full.trigger.interval {config.FullTriggerIntervalMs} ms passed since the last full optimizing; {Counts()}");
            return OptimizingType.Full;
        }

        int threshold = Math.Max(baseBuckets + 1, config.MinorTriggerFileCount);
        if (SmallFiles >= threshold)
        {
            reason = Invariant($"{SmallFiles} small files ({Counts()}) reach max(base buckets {baseBuckets} + 1, minor.trigger.file-count {config.MinorTriggerFileCount})");
            return OptimizingType.Minor;
        }

        // Change files written coarser than the change buckets are few however many rows they hold: their bytes count too.
        if (ChangeFiles > 0 && ChangeBytes >= config.MinorTriggerChangeBytes)
        {
            reason = Invariant($"{ChangeBytes} bytes of pending change files ({Counts()}) reach minor.trigger.change-bytes {config.MinorTriggerChangeBytes}");
            return OptimizingType.Minor;
        }

        if ((SmallFiles > baseBuckets || ChangeFiles > 0) && times.Reached(config.MinorTriggerIntervalMs, times.LastMinorMs))
        {
            reason = Invariant($"{Counts()} and minor.trigger.interval {config.MinorTriggerIntervalMs} ms passed since the last minor optimizing");
            return OptimizingType.Minor;
        }

        reason = "";
        return null;
    }

    private string Counts() => Invariant($"{ChangeFiles} change files ({ChangeRecords} rows) after transaction {Files.OptimizedPoint}, {Fragments} base fragments, {PositionDeleteFiles} position delete files");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
