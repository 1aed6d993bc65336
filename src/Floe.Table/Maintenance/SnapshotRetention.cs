using Floe.Core.Metadata;

namespace Floe.Table.Maintenance;

/// <summary>
/// Which snapshots and refs survive an expiry, by Java's <c>ExpireSnapshots</c> rules: a ref other than <c>main</c>
/// older than its own max-ref-age goes; every branch keeps its newest ancestors (its own min-snapshots-to-keep, else
/// retain-last) and those younger than its own max-snapshot-age (else older-than); tags keep their snapshot;
/// snapshots no ref reaches are kept while younger than older-than; protected snapshots always stay.
/// </summary>
internal static class SnapshotRetention
{
    public static (HashSet<long> Retained, List<string> ExpiredRefs) Compute(
        TableMetadata metadata, long nowMs, long olderThanMs, int retainLast, IReadOnlySet<long> protectedIds)
    {
        var expiredRefs = new List<string>();
        var retained = new HashSet<long>(protectedIds.Where(id => metadata.SnapshotById(id) is not null));
        var reachedByBranch = new HashSet<long>();
        foreach (var (name, reference) in metadata.Refs)
        {
            Snapshot? head = metadata.SnapshotById(reference.SnapshotId);
            if (head is null)
            {
                continue;
            }

            if (name != SnapshotRef.MainBranch && reference.MaxRefAgeMs is long maxRefAge && nowMs - head.TimestampMs > maxRefAge)
            {
                expiredRefs.Add(name);
                continue;
            }

            if (!reference.IsBranch)
            {
                retained.Add(head.SnapshotId);
                continue;
            }

            long branchOlderThan = reference.MaxSnapshotAgeMs is long maxAge ? nowMs - maxAge : olderThanMs;
            int keep = reference.MinSnapshotsToKeep ?? retainLast;
            int count = 0;
            foreach (Snapshot ancestor in metadata.Ancestors(head.SnapshotId))
            {
                reachedByBranch.Add(ancestor.SnapshotId);
                if (count < keep || ancestor.TimestampMs >= branchOlderThan)
                {
                    retained.Add(ancestor.SnapshotId);
                }

                count++;
            }
        }

        foreach (Snapshot snapshot in metadata.Snapshots)
        {
            if (!reachedByBranch.Contains(snapshot.SnapshotId) && snapshot.TimestampMs >= olderThanMs)
            {
                retained.Add(snapshot.SnapshotId);
            }
        }

        return (retained, expiredRefs);
    }
}
