using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Properties;
using Floe.Table.Operations;

namespace Floe.Table.Maintenance;

/// <summary>Which snapshots an expiry may remove; unset values come from the table's properties.</summary>
public sealed record ExpireSnapshotsOptions
{
    /// <summary>The clock; <see cref="DateTimeOffset.UtcNow"/> when null.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>Snapshots committed before this time may expire; now − <c>snapshot.keep.duration</c> when null.</summary>
    public DateTimeOffset? OlderThan { get; init; }

    /// <summary>Newest snapshots of each branch always kept; <c>snapshot.keep.min-count</c> when null.</summary>
    public int? RetainLast { get; init; }

    /// <summary>Snapshots never expired, such as the one a running optimizing process planned from.</summary>
    public IReadOnlySet<long> Protected { get; init; } = new HashSet<long>();

    /// <summary>Lists the files that would be deleted without deleting them (the metadata is still committed).</summary>
    public bool KeepFiles { get; init; }
}

/// <summary>What one expiry removed.</summary>
/// <param name="ExpiredSnapshotIds">Snapshots removed from the metadata.</param>
/// <param name="ExpiredRefs">Branches and tags removed because they outlived their max-ref-age.</param>
/// <param name="Files">Files deleted from storage: those only the expired snapshots referenced.</param>
public sealed record ExpireSnapshotsResult(IReadOnlyList<long> ExpiredSnapshotIds, IReadOnlyList<string> ExpiredRefs, FileRemoval Files);

/// <summary>
/// Snapshot expiry with Java's <c>ExpireSnapshots</c> semantics (see <see cref="SnapshotRetention"/>) and Amoro's
/// defaults. The metadata is committed first; only then are the files the expired snapshots reached and the kept
/// ones do not deleted (data and delete files, manifests, manifest lists, statistics), in batches as the manifests
/// that went away are streamed (<see cref="UnreachableFiles"/>).
/// </summary>
public static class SnapshotExpiry
{
    public static async Task<ExpireSnapshotsResult> ExpireSnapshotsAsync(this IcebergTable table, ExpireSnapshotsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new ExpireSnapshotsOptions();
        if (options.RetainLast is < 1)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Snapshots to retain must be at least 1, got {options.RetainLast}.");
        }

        await table.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var change = new ExpireSnapshotsChange(table.Operations, options);
        if (SnapshotRetention.Compute(table.Metadata, change.NowMs, change.OlderThanMs(table.Metadata), change.RetainLast(table.Metadata), options.Protected) is var (retained, refs)
            && retained.Count == table.Metadata.Snapshots.Count && refs.Count == 0)
        {
            return new ExpireSnapshotsResult([], [], new FileRemoval());
        }

        TableMetadata committed = await change.CommitAsync(cancellationToken).ConfigureAwait(false);
        TableMetadata before = change.AppliedTo!;
        var kept = committed.Snapshots.Select(s => s.SnapshotId).ToHashSet();
        List<Snapshot> expired = [.. before.Snapshots.Where(s => !kept.Contains(s.SnapshotId))];
        List<string> expiredRefs = [.. before.Refs.Keys.Where(name => !committed.Refs.ContainsKey(name))];
        if (expired.Count == 0)
        {
            return new ExpireSnapshotsResult([], expiredRefs, new FileRemoval());
        }

        IAsyncEnumerable<TableFileRef> unreachable = UnreachableFiles.StreamAsync(table.Operations.Io, before, expired, committed, cancellationToken);
        FileRemoval files = await FileRemoval.DeleteAsync(table.Operations.Io, unreachable, options.KeepFiles, cancellationToken).ConfigureAwait(false);
        return new ExpireSnapshotsResult([.. expired.Select(s => s.SnapshotId)], expiredRefs, files);
    }

    /// <summary>The metadata edit, recomputed on whatever metadata the commit lands on so concurrent snapshots survive.</summary>
    private sealed class ExpireSnapshotsChange(ITableOperations operations, ExpireSnapshotsOptions options) : MetadataChange(operations)
    {
        public long NowMs { get; } = (options.Now ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds();

        public TableMetadata? AppliedTo { get; private set; }

        public long OlderThanMs(TableMetadata metadata) => options.OlderThan?.ToUnixTimeMilliseconds()
            ?? NowMs - (long)metadata.Settings.Get(MaintenanceProperties.SnapshotKeepDuration).TotalMilliseconds;

        public int RetainLast(TableMetadata metadata) => options.RetainLast ?? metadata.Settings.Get(MaintenanceProperties.SnapshotKeepMinCount);

        protected internal override TableMetadata Apply(TableMetadata current)
        {
            AppliedTo = current;
            var (retained, expiredRefs) = SnapshotRetention.Compute(current, NowMs, OlderThanMs(current), RetainLast(current), options.Protected);
            var builder = TableMetadataBuilder.From(current);
            foreach (string name in expiredRefs)
            {
                builder.RemoveRef(name);
            }

            return builder.RemoveSnapshots(current.Snapshots.Where(s => !retained.Contains(s.SnapshotId)).Select(s => s.SnapshotId)).Build();
        }
    }
}
