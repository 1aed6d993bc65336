namespace Floe.Table.Scanning.Planning;

/// <summary>
/// Splits large files into byte ranges at their split offsets (row-group starts) and packs tasks into groups of about
/// the target size, in plan order (as Java's <c>read.split.target-size</c> and <c>read.split.open-file-cost</c>).
/// </summary>
internal static class ScanSplitting
{
    /// <summary>At most this many ranges per file when it has no split offsets.</summary>
    public const int MaxFixedRanges = 1024;

    /// <summary>The task itself when its file fits the target, else one task per range of whole row groups.</summary>
    public static IEnumerable<FileScanTask> Split(FileScanTask task, long targetSize)
    {
        long fileSize = task.File.FileSizeInBytes;
        if (!task.IsWholeFile || fileSize <= targetSize)
        {
            yield return task;
            yield break;
        }

        if (ValidOffsets(task.File.SplitOffsets, fileSize) is { } offsets)
        {
            // Range i covers [offsets[i], offsets[i + 1]); the first starts at 0 so nothing before the first offset is lost.
            int index = 0;
            while (index < offsets.Count)
            {
                long start = index == 0 ? 0 : offsets[index];
                long end = RangeEnd(offsets, index, fileSize);
                index++;
                while (index < offsets.Count && RangeEnd(offsets, index, fileSize) - start <= targetSize)
                {
                    end = RangeEnd(offsets, index, fileSize);
                    index++;
                }

                yield return task.WithRange(start, end - start);
            }

            yield break;
        }

        // Without offsets: fixed ranges; each row group is read by the range holding its middle. The file size comes
        // from a manifest, so the number of ranges is bounded whatever the target.
        long rangeSize = Math.Max(targetSize, (fileSize + MaxFixedRanges - 1) / MaxFixedRanges);
        for (long start = 0; start < fileSize; start += rangeSize)
        {
            yield return task.WithRange(start, Math.Min(rangeSize, fileSize - start));
        }
    }

    /// <summary>Packs consecutive tasks while the group's weight stays within the target (a group holds at least one task).</summary>
    public static List<CombinedScanTask> Pack(IEnumerable<FileScanTask> tasks, long targetSize, long openFileCost)
    {
        var groups = new List<CombinedScanTask>();
        var current = new List<FileScanTask>();
        long weight = 0;
        foreach (FileScanTask task in tasks)
        {
            long taskWeight = Weight(task, openFileCost);
            if (current.Count > 0 && weight + taskWeight > targetSize)
            {
                groups.Add(new CombinedScanTask(current, weight));
                current = [];
                weight = 0;
            }

            current.Add(task);
            weight += taskWeight;
        }

        if (current.Count > 0)
        {
            groups.Add(new CombinedScanTask(current, weight));
        }

        return groups;
    }

    /// <summary>Bytes read for the task, its delete files included, but at least the cost of opening a file.</summary>
    public static long Weight(FileScanTask task, long openFileCost)
    {
        long bytes = task.Length;
        foreach (var delete in task.Deletes)
        {
            bytes += delete.FileSizeInBytes;
        }

        return Math.Max(bytes, openFileCost);
    }

    private static long RangeEnd(IReadOnlyList<long> offsets, int index, long fileSize) =>
        index + 1 < offsets.Count ? offsets[index + 1] : fileSize;

    /// <summary>Offsets are usable when strictly ascending inside the file; anything else is ignored, as Java does.</summary>
    private static IReadOnlyList<long>? ValidOffsets(IReadOnlyList<long>? offsets, long fileSize)
    {
        if (offsets is null || offsets.Count == 0)
        {
            return null;
        }

        for (int i = 0; i < offsets.Count; i++)
        {
            if (offsets[i] < 0 || offsets[i] >= fileSize || (i > 0 && offsets[i] <= offsets[i - 1]))
            {
                return null;
            }
        }

        return offsets;
    }
}
