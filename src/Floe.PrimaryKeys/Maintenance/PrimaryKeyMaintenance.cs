using Floe.Common.Columnar;
using Floe.Core.Metadata;
using Floe.Core.Properties;
using Floe.PrimaryKeys.Model;
using Floe.PrimaryKeys.Writing;
using Floe.Table.Maintenance;

namespace Floe.PrimaryKeys.Maintenance;

/// <summary>What snapshot expiry did to a primary-key table: the change TTL first, then each store's expiry.</summary>
public sealed record PrimaryKeyExpireResult(ChangeExpiryResult ChangeTtl, ExpireSnapshotsResult Change, ExpireSnapshotsResult Base);

/// <summary>Orphan cleaning of both stores.</summary>
public sealed record PrimaryKeyOrphanFilesResult(OrphanFilesResult Change, OrphanFilesResult Base);

/// <summary>Dangling delete cleaning of both stores.</summary>
public sealed record PrimaryKeyDanglingDeletesResult(DanglingDeletesResult Change, DanglingDeletesResult Base);

/// <summary>What data expiration deleted from the merged view.</summary>
/// <param name="TransactionId">The change transaction holding the deletes, or null when nothing had expired.</param>
/// <param name="ExpireMs">Values at or before this time (epoch milliseconds), in the field's type, expired.</param>
/// <param name="Rows">Keys deleted.</param>
/// <param name="UnparseableValues">Date strings that did not parse in the pattern; their rows were kept.</param>
public sealed record PrimaryKeyDataExpirationResult(long? TransactionId, long ExpireMs, long Rows, long UnparseableValues = 0);

/// <summary>
/// Table maintenance of primary-key tables, store by store. Snapshot expiry first applies the change TTL (so the
/// files it removes are deleted with the change snapshots that listed them), keeps change snapshots for the TTL as
/// well as <c>snapshot.keep.duration</c> so change-data readers keep their positions, and on the base store never
/// expires the snapshots from the current one back to the newest that records the optimized point (readers walk
/// that chain to find it).
/// </summary>
public static class PrimaryKeyMaintenance
{
    public static async Task<PrimaryKeyExpireResult> ExpireSnapshotsAsync(this PrimaryKeyTable table, ExpireSnapshotsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new ExpireSnapshotsOptions();
        DateTimeOffset now = options.Now ?? DateTimeOffset.UtcNow;
        ChangeExpiryResult ttl = await table.ExpireChangesAsync(new ChangeExpiryOptions { Now = now }, cancellationToken).ConfigureAwait(false);

        TableMetadata change = table.ChangeTable.Metadata;
        DateTimeOffset changeOlderThan = options.OlderThan ?? now - change.Settings.Get(MaintenanceProperties.SnapshotKeepDuration);
        DateTimeOffset ttlCutoff = now - TimeSpan.FromMinutes(Math.Min(change.Settings.Get(PrimaryKeyProperties.ChangeDataTtlMinutes), PrimaryKeyProperties.ChangeDataTtlMinutes.Max));
        ExpireSnapshotsResult changeResult = await table.ChangeTable.ExpireSnapshotsAsync(
            options with { Now = now, OlderThan = ttlCutoff < changeOlderThan ? ttlCutoff : changeOlderThan }, cancellationToken).ConfigureAwait(false);

        await table.BaseTable.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var protectedIds = new HashSet<long>(options.Protected);
        protectedIds.UnionWith(OptimizedChain(table.BaseTable.Metadata));
        ExpireSnapshotsResult baseResult = await table.BaseTable.ExpireSnapshotsAsync(options with { Now = now, Protected = protectedIds }, cancellationToken).ConfigureAwait(false);
        return new PrimaryKeyExpireResult(ttl, changeResult, baseResult);
    }

    public static async Task<PrimaryKeyOrphanFilesResult> CleanOrphanFilesAsync(this PrimaryKeyTable table, OrphanFilesOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        OrphanFilesResult change = await table.ChangeTable.CleanOrphanFilesAsync(options, cancellationToken).ConfigureAwait(false);
        OrphanFilesResult @base = await table.BaseTable.CleanOrphanFilesAsync(options, cancellationToken).ConfigureAwait(false);
        return new PrimaryKeyOrphanFilesResult(change, @base);
    }

    public static async Task<PrimaryKeyDanglingDeletesResult> CleanDanglingDeletesAsync(this PrimaryKeyTable table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        DanglingDeletesResult change = await table.ChangeTable.CleanDanglingDeletesAsync(cancellationToken).ConfigureAwait(false);
        DanglingDeletesResult @base = await table.BaseTable.CleanDanglingDeletesAsync(cancellationToken).ConfigureAwait(false);
        return new PrimaryKeyDanglingDeletesResult(change, @base);
    }

    /// <summary>
    /// Data expiration on a primary-key table works on the merged view, at either level: every key whose current row
    /// has expired is deleted in one change transaction, so it disappears from reads at once whichever store holds it;
    /// optimizing and the change TTL then reclaim the files. The properties are read from the base store.
    /// </summary>
    public static async Task<PrimaryKeyDataExpirationResult> ExpireDataAsync(this PrimaryKeyTable table, DateTimeOffset? now = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        await table.RefreshAsync(cancellationToken).ConfigureAwait(false);
        TableMetadata @base = table.BaseTable.Metadata;
        // The last data commit of a primary-key table is its change store's or its base store's, whichever is later.
        long? last = new[] { ExpirePoint.LastDataCommitMs(table.ChangeTable.Metadata), ExpirePoint.LastDataCommitMs(@base) }.Max();
        ExpirePoint point = ExpirePoint.Of(@base, table.Schema, now ?? DateTimeOffset.UtcNow, last);
        ChangeWriter writer = table.NewChangeWriter();
        await using var disposeWriter = writer.ConfigureAwait(false);
        long rows = 0;
        long unparseable = 0;
        var expired = new List<int>();
        await foreach (ColumnBatch batch in table.NewScan().ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            using (batch)
            {
                ColumnVector column = batch.Column(point.Field.Name);
                expired.Clear();
                for (int row = 0; row < batch.RowCount; row++)
                {
                    switch (point.Judge(column, row))
                    {
                        case ExpiryVerdict.Expired:
                            expired.Add(row);
                            break;
                        case ExpiryVerdict.Unparseable:
                            unparseable++;
                            break;
                    }
                }

                if (expired.Count > 0)
                {
                    using ColumnBatch deletes = ColumnGather.Take(batch, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(expired));
                    await writer.DeleteAsync(deletes, cancellationToken).ConfigureAwait(false);
                    rows += expired.Count;
                }
            }
        }

        if (rows == 0)
        {
            return new PrimaryKeyDataExpirationResult(null, point.ExpireMs, 0, unparseable);
        }

        ChangeCommit? commit = await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new PrimaryKeyDataExpirationResult(commit?.TransactionId, point.ExpireMs, rows, unparseable);
    }

    /// <summary>The base snapshots from the current one back to the newest recording the optimized point.</summary>
    private static IEnumerable<long> OptimizedChain(TableMetadata @base)
    {
        if (@base.CurrentSnapshotId is not long head)
        {
            return [];
        }

        var chain = new List<long>();
        foreach (Snapshot snapshot in @base.Ancestors(head))
        {
            chain.Add(snapshot.SnapshotId);
            if (snapshot.Summary.ContainsKey(PrimaryKeyTableProperties.OptimizedSequence))
            {
                return chain;
            }
        }

        return chain;
    }
}
