using System.Globalization;
using Floe.Core.Manifests;
using Floe.Core.Values;
using Floe.Optimizing.Config;

namespace Floe.Optimizing.Evaluation;

/// <summary>
/// Counts one partition's files by class and deletes and decides which optimizing it needs (Amoro's rules for
/// tables without primary key). Holds counters only, never the files, so a table of any size is evaluated in memory
/// proportional to its partition count.
/// </summary>
public sealed class PartitionEvaluator
{
    /// <summary>What opening one file costs in the weight, as a number of bytes (Amoro's open-file cost).</summary>
    public const long OpenFileCost = 4L * 1024 * 1024;

    private readonly OptimizingConfig _config;
    private long _smallestUndersized = long.MaxValue;
    private long _secondSmallestUndersized = long.MaxValue;

    public PartitionEvaluator(int specId, PartitionData partition, string partitionPath, OptimizingConfig config)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(partitionPath);
        ArgumentNullException.ThrowIfNull(config);
        SpecId = specId;
        Partition = partition;
        PartitionPath = partitionPath;
        _config = config;
    }

    public int SpecId { get; }

    public PartitionData Partition { get; }

    /// <summary>The partition as a path (<c>category=a</c>); empty for an unpartitioned table.</summary>
    public string PartitionPath { get; }

    public int DataFileCount { get; private set; }

    public long DataFileBytes { get; private set; }

    public long DataRecords { get; private set; }

    public int FragmentCount { get; private set; }

    public long FragmentBytes { get; private set; }

    public int UndersizedSegmentCount { get; private set; }

    public long UndersizedSegmentBytes { get; private set; }

    public int SegmentCount { get; private set; }

    public long SegmentBytes { get; private set; }

    /// <summary>Segments whose deleted share exceeds the duplicate ratio (rewritten by major optimizing).</summary>
    public int RewriteSegmentCount { get; private set; }

    public long RewriteSegmentBytes { get; private set; }

    /// <summary>Segments that get a new position delete file (equality deletes or several position delete files).</summary>
    public int RewritePosSegmentCount { get; private set; }

    public long RewritePosSegmentBytes { get; private set; }

    /// <summary>Small data files (fragments and undersized segments) that deletes apply to.</summary>
    public int SmallFilesWithDeletes { get; private set; }

    public int EqualityDeleteFileCount { get; private set; }

    public long EqualityDeleteBytes { get; private set; }

    public long EqualityDeleteRecords { get; private set; }

    public int PositionDeleteFileCount { get; private set; }

    public long PositionDeleteBytes { get; private set; }

    public long PositionDeleteRecords { get; private set; }

    /// <summary>Rows position deletes remove from this partition's data files (estimated per file).</summary>
    public long PositionDeletedDataRecords { get; private set; }

    /// <summary>Records one live data file of the partition with the delete files that apply to it.</summary>
    public void AddDataFile(DataFile file, IReadOnlyList<DeleteFile> deletes)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(deletes);
        DataFileCount++;
        DataFileBytes += file.FileSizeInBytes;
        DataRecords += file.RecordCount;
        PositionDeletedDataRecords += FileRules.PositionDeletedRecords(file, deletes);
        switch (FileRules.Classify(file.FileSizeInBytes, _config))
        {
            case DataFileClass.Fragment:
                FragmentCount++;
                FragmentBytes += file.FileSizeInBytes;
                SmallFilesWithDeletes += deletes.Count > 0 ? 1 : 0;
                return;
            case DataFileClass.UndersizedSegment:
                UndersizedSegmentCount++;
                UndersizedSegmentBytes += file.FileSizeInBytes;
                SmallFilesWithDeletes += deletes.Count > 0 ? 1 : 0;
                TrackSmallest(file.FileSizeInBytes);
                break;
            default:
                SegmentCount++;
                SegmentBytes += file.FileSizeInBytes;
                break;
        }

        if (deletes.Count == 0)
        {
            return;
        }

        if (FileRules.SegmentNeedsRewrite(file, deletes, _config))
        {
            RewriteSegmentCount++;
            RewriteSegmentBytes += file.FileSizeInBytes;
        }
        else if (FileRules.SegmentNeedsRewritePos(file, deletes))
        {
            RewritePosSegmentCount++;
            RewritePosSegmentBytes += file.FileSizeInBytes;
        }
    }

    /// <summary>Records one live delete file of the partition.</summary>
    public void AddDeleteFile(DeleteFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Content == FileContent.EqualityDeletes)
        {
            EqualityDeleteFileCount++;
            EqualityDeleteBytes += file.FileSizeInBytes;
            EqualityDeleteRecords += file.RecordCount;
        }
        else
        {
            PositionDeleteFileCount++;
            PositionDeleteBytes += file.FileSizeInBytes;
            PositionDeleteRecords += file.RecordCount;
        }
    }

    /// <summary>Adds another evaluator's counts of the same partition (evaluations of manifests read in parallel).</summary>
    public void Merge(PartitionEvaluator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        DataFileCount += other.DataFileCount;
        DataFileBytes += other.DataFileBytes;
        DataRecords += other.DataRecords;
        FragmentCount += other.FragmentCount;
        FragmentBytes += other.FragmentBytes;
        UndersizedSegmentCount += other.UndersizedSegmentCount;
        UndersizedSegmentBytes += other.UndersizedSegmentBytes;
        SegmentCount += other.SegmentCount;
        SegmentBytes += other.SegmentBytes;
        RewriteSegmentCount += other.RewriteSegmentCount;
        RewriteSegmentBytes += other.RewriteSegmentBytes;
        RewritePosSegmentCount += other.RewritePosSegmentCount;
        RewritePosSegmentBytes += other.RewritePosSegmentBytes;
        SmallFilesWithDeletes += other.SmallFilesWithDeletes;
        EqualityDeleteFileCount += other.EqualityDeleteFileCount;
        EqualityDeleteBytes += other.EqualityDeleteBytes;
        EqualityDeleteRecords += other.EqualityDeleteRecords;
        PositionDeleteFileCount += other.PositionDeleteFileCount;
        PositionDeleteBytes += other.PositionDeleteBytes;
        PositionDeleteRecords += other.PositionDeleteRecords;
        PositionDeletedDataRecords += other.PositionDeletedDataRecords;
        TrackSmallest(other._smallestUndersized);
        TrackSmallest(other._secondSmallestUndersized);
    }

    /// <summary>
    /// Minor: fragments plus equality delete files reach <c>minor.trigger.file-count</c>; or more than one of them and
    /// <c>minor.trigger.interval</c> has passed since the last minor optimizing; or a segment needs its position
    /// deletes combined.
    /// </summary>
    public bool IsMinorNecessary(OptimizingTimes times, out string reason)
    {
        ArgumentNullException.ThrowIfNull(times);
        int small = FragmentCount + EqualityDeleteFileCount;
        if (small >= _config.MinorTriggerFileCount)
        {
            reason = Invariant($"{FragmentCount} fragment files and {EqualityDeleteFileCount} equality delete files reach minor.trigger.file-count {_config.MinorTriggerFileCount}");
            return true;
        }

        if (small > 1 && times.Reached(_config.MinorTriggerIntervalMs, times.LastMinorMs))
        {
            reason = Invariant($"{small} small files and minor.trigger.interval {_config.MinorTriggerIntervalMs} ms passed since the last minor optimizing");
            return true;
        }

        if (RewritePosSegmentCount > 0)
        {
            reason = Invariant($"{RewritePosSegmentCount} segment files with equality deletes or several position delete files");
            return true;
        }

        reason = "";
        return false;
    }

    /// <summary>
    /// Major: a segment's deleted rows exceed <c>major.trigger.duplicate-ratio</c>; or undersized segments add up to
    /// the target size and the two smallest fit in one target-size file.
    /// </summary>
    public bool IsMajorNecessary(out string reason)
    {
        if (RewriteSegmentCount > 0)
        {
            reason = Invariant($"{RewriteSegmentCount} segment files with deleted rows above major.trigger.duplicate-ratio {_config.MajorTriggerDuplicateRatio}");
            return true;
        }

        if (UndersizedSegmentCount >= 2 && UndersizedSegmentBytes >= _config.TargetSize
            && _smallestUndersized + _secondSmallestUndersized <= _config.TargetSize)
        {
            reason = Invariant($"{UndersizedSegmentCount} undersized segment files of {UndersizedSegmentBytes} bytes reach target-size {_config.TargetSize}");
            return true;
        }

        reason = "";
        return false;
    }

    /// <summary>
    /// Full: <c>full.trigger.interval</c> (off by default) has passed since the last full optimizing and the partition
    /// has deletes, two or more small files, or segments to rewrite.
    /// </summary>
    public bool IsFullNecessary(OptimizingTimes times, out string reason)
    {
        ArgumentNullException.ThrowIfNull(times);
        if (!times.Reached(_config.FullTriggerIntervalMs, times.LastFullMs))
        {
            reason = "";
            return false;
        }

        bool deletes = EqualityDeleteFileCount + PositionDeleteFileCount > 0;
        if (deletes || FragmentCount + UndersizedSegmentCount >= 2 || RewriteSegmentCount > 0)
        {
            reason = Invariant($"full.trigger.interval {_config.FullTriggerIntervalMs} ms passed with {EqualityDeleteFileCount + PositionDeleteFileCount} delete files and {FragmentCount + UndersizedSegmentCount} small files");
            return true;
        }

        reason = "";
        return false;
    }

    /// <summary>The most thorough optimizing this partition needs (full, then major, then minor), or null.</summary>
    public OptimizingType? Decide(OptimizingTimes times, out string reason)
    {
        if (IsFullNecessary(times, out reason))
        {
            return OptimizingType.Full;
        }

        if (IsMajorNecessary(out reason))
        {
            return OptimizingType.Major;
        }

        return IsMinorNecessary(times, out reason) ? OptimizingType.Minor : null;
    }

    /// <summary>
    /// The estimated cost of optimizing the partition with <paramref name="type"/> (Amoro's weight): twice the bytes
    /// rewritten, a tenth of the bytes that only get new position deletes, the delete bytes read, and an open cost per file.
    /// </summary>
    public long Weight(OptimizingType type)
    {
        long rewrite = type switch
        {
            OptimizingType.Full => DataFileBytes,
            OptimizingType.Major => FragmentBytes + UndersizedSegmentBytes + RewriteSegmentBytes,
            _ => FragmentBytes,
        };
        int files = type switch
        {
            OptimizingType.Full => DataFileCount,
            OptimizingType.Major => FragmentCount + UndersizedSegmentCount + RewriteSegmentCount + RewritePosSegmentCount,
            _ => FragmentCount + RewritePosSegmentCount,
        };
        long deleteBytes = EqualityDeleteBytes + PositionDeleteBytes;
        return (2 * rewrite) + (RewritePosSegmentBytes / 10) + deleteBytes + ((files + EqualityDeleteFileCount + PositionDeleteFileCount) * OpenFileCost);
    }

    /// <summary>
    /// Health from 0 to 100: up to 40 for file sizes (average data file size against the undersized limit), 40 for
    /// few equality-deleted rows and 20 for few position-deleted rows, each relative to the data rows.
    /// </summary>
    public double HealthScore => HealthScores.Score(DataFileCount, DataFileBytes, DataRecords, EqualityDeleteRecords, PositionDeletedDataRecords, _config);

    private void TrackSmallest(long size)
    {
        if (size < _smallestUndersized)
        {
            _secondSmallestUndersized = _smallestUndersized;
            _smallestUndersized = size;
        }
        else if (size < _secondSmallestUndersized)
        {
            _secondSmallestUndersized = size;
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
