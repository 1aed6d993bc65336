using Floe;
using Floe.Core.Metadata;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Model;

/// <summary>What one table looks like from outside: its files and bytes on disk, and how far optimizing lags behind.</summary>
internal static class TableProbe
{
    private const string OptimizingProcessKey = "floe.optimizing.process-id";

    /// <summary>Files and bytes under the table's folder (data, deletes and metadata; both stores of a primary-key table).</summary>
    public static (int Files, long Bytes) Storage(FloeTable table)
    {
        string location = table.PrimaryKeyTable?.Location ?? table.Iceberg!.Metadata.Location;
        string folder = location.StartsWith("file:", StringComparison.Ordinal) ? new Uri(location).LocalPath : location;
        int files = 0;
        long bytes = 0;
        if (Directory.Exists(folder))
        {
            // Maintenance and optimizing delete files and folders while the walk runs: what vanished is not counted.
            var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
            foreach (FileInfo file in new DirectoryInfo(folder).EnumerateFiles("*", options))
            {
                try
                {
                    bytes += file.Length;
                    files++;
                }
                catch (FileNotFoundException)
                {
                }
            }
        }

        return (files, bytes);
    }

    /// <summary>The bytes of the data and delete files a plain table's current snapshot reads (its summary's totals).</summary>
    public static long LiveDataBytes(FloeTable table) =>
        table.Iceberg!.Metadata.CurrentSnapshot?.Summary.TryGetValue("total-files-size", out string? size) == true
            ? long.Parse(size, System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    /// <summary>The optimized point of a primary-key table's (unpartitioned) base store: the last change transaction merged.</summary>
    public static long OptimizedPoint(PrimaryKeyTable table) =>
        OptimizedSequence.Of(table.BaseTable.Metadata, table.BaseTable.Metadata.CurrentSnapshot).Max;

    /// <summary>
    /// When the oldest append of a plain table after its newest optimizing commit was committed (null when none). Only
    /// kept snapshots are seen, so a lag beyond the snapshot keep time reads short.
    /// </summary>
    public static long? OldestAppendSinceOptimizing(FloeTable table) => OldestAppendSinceOptimizing(table.Iceberg!.Metadata)?.TimestampMs;

    private static Snapshot? OldestAppendSinceOptimizing(TableMetadata metadata)
    {
        Snapshot? oldest = null;
        if (metadata.CurrentSnapshotId is long current)
        {
            foreach (Snapshot snapshot in metadata.Ancestors(current))
            {
                if (snapshot.Summary.ContainsKey(OptimizingProcessKey))
                {
                    break;
                }

                if (snapshot.Operation == SnapshotOperations.Append)
                {
                    oldest = snapshot;
                }
            }
        }

        return oldest;
    }
}
