using System.Globalization;
using Floe.Core.Metadata;

namespace Floe.Optimizing.Commit;

/// <summary>Finds the snapshot a process already committed, so a commit repeated after an unknown outcome changes nothing.</summary>
internal static class CommittedProcess
{
    /// <summary>
    /// The snapshot after <paramref name="fromSnapshotId"/> on the current branch whose summary names
    /// <paramref name="processId"/>, or null.
    /// </summary>
    public static long? Find(TableMetadata metadata, long processId, long? fromSnapshotId)
    {
        if (metadata.CurrentSnapshotId is not long head)
        {
            return null;
        }

        string id = processId.ToString(CultureInfo.InvariantCulture);
        foreach (Snapshot snapshot in metadata.Ancestors(head))
        {
            if (snapshot.SnapshotId == fromSnapshotId)
            {
                break;
            }

            if (snapshot.Summary is { } summary && summary.TryGetValue(OptimizingCommitter.ProcessIdSummaryKey, out string? value) && value == id)
            {
                return snapshot.SnapshotId;
            }
        }

        return null;
    }
}
