using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Properties;
using Floe.PrimaryKeys.Model;
using Floe.Table.Operations;
using Floe.Table.Scanning;

namespace Floe.PrimaryKeys.Maintenance;

/// <summary>What one change-store expiry removed.</summary>
/// <param name="SnapshotId">The change store's delete snapshot, or null when nothing had expired.</param>
/// <param name="RemovedFiles">Change files removed from the change store.</param>
/// <param name="RemovedRows">Change rows those files held.</param>
/// <param name="CutoffMs">Files committed before this time (epoch milliseconds) could expire.</param>
public sealed record ChangeExpiryResult(long? SnapshotId, int RemovedFiles, long RemovedRows, long CutoffMs);

/// <summary>When an expiry runs and which TTL it applies.</summary>
public sealed record ChangeExpiryOptions
{
    /// <summary>The time the TTL counts back from; the clock when null.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>The TTL in minutes; the change store's <c>change.data.ttl.minutes</c> when null.</summary>
    public long? TtlMinutes { get; init; }
}

/// <summary>
/// Change-store TTL, as Amoro's table expiry applies it: a change file expires once it was committed more than
/// <c>change.data.ttl.minutes</c> ago (default 10080, a week) and its transaction is merged into base (at or below its
/// partition's optimized point), so merge-on-read no longer needs it and change-data consumers had the TTL to read it.
/// Expired files are removed from the change store in one delete snapshot; the files themselves stay until the
/// snapshots that still list them expire. Change-data reads whose range held removed changes fail naming the
/// transaction. The delete snapshot takes a sequence number, so a change writer committing at the same time takes the
/// next transaction id (rewriting its files, as after any concurrent commit).
/// </summary>
public static class ChangeExpiry
{
    /// <summary>Removes the expired change files of <paramref name="table"/>.</summary>
    public static async Task<ChangeExpiryResult> ExpireChangesAsync(this PrimaryKeyTable table, ChangeExpiryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new ChangeExpiryOptions();
        if (options.TtlMinutes is < 0)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"The change TTL must be a whole number of minutes from 0, got {options.TtlMinutes}.");
        }

        await table.RefreshAsync(cancellationToken).ConfigureAwait(false);
        TableMetadata change = table.ChangeTable.Metadata;
        long ttlMinutes = Math.Min(options.TtlMinutes ?? change.Settings.Get(PrimaryKeyProperties.ChangeDataTtlMinutes), PrimaryKeyProperties.ChangeDataTtlMinutes.Max);
        long cutoff = (options.Now ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds() - (ttlMinutes * 60_000);
        if (change.CurrentSnapshot is not { } current)
        {
            return new ChangeExpiryResult(null, 0, 0, cutoff);
        }

        TableMetadata @base = table.BaseTable.Metadata;
        OptimizedSequence optimized = OptimizedSequence.Of(@base, @base.CurrentSnapshot);

        // A file's commit time is that of the snapshot that gave it its sequence number; when that snapshot is gone,
        // the file is older than every snapshot left.
        var committedAt = new Dictionary<long, long>();
        foreach (Snapshot snapshot in change.Snapshots)
        {
            committedAt[snapshot.SequenceNumber] = snapshot.TimestampMs;
        }

        IReadOnlyList<FileScanTask> files = await new TableScan(change, table.ChangeTable.Operations.Io)
            .UseSnapshot(current.SnapshotId).PlanFilesAsync(cancellationToken).ConfigureAwait(false);
        DeleteFiles delete = table.ChangeTable.NewDelete();
        int removed = 0;
        long rows = 0;
        foreach (FileScanTask task in files.DistinctBy(t => t.File.FilePath, StringComparer.Ordinal))
        {
            long transaction = PrimaryKeyFiles.OfChangeFile(task.File.FilePath, task.DataSequenceNumber).TransactionId;
            long time = committedAt.GetValueOrDefault(task.DataSequenceNumber, long.MinValue);
            if (time < cutoff && transaction <= optimized.Of(task.Spec.PartitionPath(task.File.Partition)))
            {
                delete.DeleteFile(task.File);
                removed++;
                rows += task.File.RecordCount;
            }
        }

        if (removed == 0)
        {
            return new ChangeExpiryResult(null, 0, 0, cutoff);
        }

        TableMetadata committed = await delete.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ChangeExpiryResult(committed.CurrentSnapshot?.SnapshotId, removed, rows, cutoff);
    }
}
