using Floe.Core.Manifests;
using Floe.PrimaryKeys.Model;
using Floe.Table.Operations;

namespace Floe.PrimaryKeys.Optimizing;

/// <summary>
/// Commits merge results to the base store only, in one metadata commit: an overwrite snapshot (new base files in,
/// rewritten files and obsolete delete files out) and, when there are position deletes, a row-delta snapshot. Both
/// carry <c>snapshot.producer=OPTIMIZE</c> and the full optimized-sequence map.
/// </summary>
public static class MergeCommit
{
    /// <summary>
    /// Commits <paramref name="results"/> with <paramref name="points"/> as the new optimized points, provided the base
    /// store is still at <paramref name="expectedSnapshotId"/> (else <see cref="ValidationException"/>: the points and
    /// replaced files would be stale). Returns the last snapshot written.
    /// </summary>
    /// <remarks><paramref name="summary"/> holds extra snapshot summary entries for both snapshots.</remarks>
    public static async Task<long> CommitAsync(
        IcebergTable baseTable,
        long? expectedSnapshotId,
        IReadOnlyList<MergeResult> results,
        OptimizedSequence points,
        IReadOnlyDictionary<string, string>? summary,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseTable);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(points);
        string sequence = points.ToJson();
        var changes = new List<IMetadataChange> { new BaseUnchangedGuard(expectedSnapshotId) };

        OverwriteFiles overwrite = baseTable.NewOverwrite();
        foreach (MergeResult result in results)
        {
            foreach (DataFile file in result.NewFiles)
            {
                overwrite.AddFile(file);
            }

            foreach (ContentFile file in result.RewrittenFiles.Concat(result.RemovedDeletes))
            {
                overwrite.DeleteFile(file);
            }
        }

        Describe(overwrite, sequence, summary);
        changes.Add(overwrite);
        long snapshotId = overwrite.SnapshotId;

        var deletes = results.SelectMany(o => o.PositionDeletes).ToList();
        if (deletes.Count > 0)
        {
            RowDelta delta = baseTable.NewRowDelta();
            deletes.ForEach(f => delta.AddDeletes(f));
            delta.ValidateDataFilesExist(results.SelectMany(o => o.DeleteTargets));
            Describe(delta, sequence, summary);
            changes.Add(delta);
            snapshotId = delta.SnapshotId;
        }

        await TableCommitter.CommitAsync(baseTable.Operations, changes, cancellationToken).ConfigureAwait(false);
        return snapshotId;
    }

    private static void Describe(SnapshotProducer producer, string sequence, IReadOnlyDictionary<string, string>? summary)
    {
        producer.Set(PrimaryKeyTableProperties.OptimizedSequence, sequence).Set(PrimaryKeyTableProperties.SnapshotProducer, PrimaryKeyTableProperties.OptimizeProducer);
        foreach ((string key, string value) in summary ?? new Dictionary<string, string>())
        {
            producer.Set(key, value);
        }
    }
}
