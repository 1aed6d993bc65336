using System.Text;
using Floe.Core.Manifests;
using Floe.Core.Schemas;
using Floe.Optimizing.Config;

namespace Floe.Optimizing.Evaluation;

/// <summary>The per-file rules shared by evaluation and planning.</summary>
public static class FileRules
{
    /// <summary>The size class of a data file of <paramref name="sizeInBytes"/>.</summary>
    public static DataFileClass Classify(long sizeInBytes, OptimizingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (sizeInBytes <= config.FragmentSize)
        {
            return DataFileClass.Fragment;
        }

        return sizeInBytes <= config.MinTargetSize ? DataFileClass.UndersizedSegment : DataFileClass.Segment;
    }

    /// <summary>
    /// Rows the position deletes of <paramref name="deletes"/> remove from <paramref name="file"/>, estimated from
    /// the delete files' record counts (a delete file whose path bounds exclude the file counts nothing) and capped at
    /// the file's record count.
    /// </summary>
    public static long PositionDeletedRecords(DataFile file, IReadOnlyList<DeleteFile> deletes)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(deletes);
        long total = 0;
        foreach (DeleteFile delete in deletes)
        {
            if (delete.Content == FileContent.PositionDeletes && MayReference(delete, file.FilePath))
            {
                total += delete.RecordCount;
            }
        }

        return Math.Min(total, file.RecordCount);
    }

    /// <summary>Position delete files among <paramref name="deletes"/> that may name <paramref name="file"/>.</summary>
    public static int PositionDeleteFileCount(DataFile file, IReadOnlyList<DeleteFile> deletes)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(deletes);
        int count = 0;
        foreach (DeleteFile delete in deletes)
        {
            if (delete.Content == FileContent.PositionDeletes && MayReference(delete, file.FilePath))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Whether any equality delete applies.</summary>
    public static bool HasEqualityDeletes(IReadOnlyList<DeleteFile> deletes)
    {
        ArgumentNullException.ThrowIfNull(deletes);
        foreach (DeleteFile delete in deletes)
        {
            if (delete.Content == FileContent.EqualityDeletes)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A segment whose position-deleted rows exceed <c>major.trigger.duplicate-ratio</c> of its rows is rewritten by major optimizing.</summary>
    public static bool SegmentNeedsRewrite(DataFile file, IReadOnlyList<DeleteFile> deletes, OptimizingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return PositionDeletedRecords(file, deletes) > file.RecordCount * config.MajorTriggerDuplicateRatio;
    }

    /// <summary>A segment with equality deletes or two or more position delete files gets one new position delete file instead.</summary>
    public static bool SegmentNeedsRewritePos(DataFile file, IReadOnlyList<DeleteFile> deletes) =>
        HasEqualityDeletes(deletes) || PositionDeleteFileCount(file, deletes) >= 2;

    /// <summary>False when the delete file's <c>file_path</c> bounds show it names no row of <paramref name="dataFilePath"/>.</summary>
    public static bool MayReference(DeleteFile delete, string dataFilePath)
    {
        ArgumentNullException.ThrowIfNull(delete);
        if (delete.ReferencedDataFile is { } referenced)
        {
            return string.Equals(referenced, dataFilePath, StringComparison.Ordinal);
        }

        int pathId = MetadataColumns.DeleteFilePath.Id;
        if (delete.LowerBounds?.GetValueOrDefault(pathId) is not byte[] lower || delete.UpperBounds?.GetValueOrDefault(pathId) is not byte[] upper)
        {
            return true;
        }

        int length = Encoding.UTF8.GetByteCount(dataFilePath);
        Span<byte> path = length <= 512 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(dataFilePath, path);
        // Upper bounds may be truncated and incremented; a path above the bound still cannot be named.
        return path.SequenceCompareTo(lower) >= 0 && path.SequenceCompareTo(upper) <= 0;
    }
}
