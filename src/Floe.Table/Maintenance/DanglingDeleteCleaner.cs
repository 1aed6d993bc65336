using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Table.Data.Deletes;
using Floe.Table.Operations;
using Floe.Table.Scanning;

namespace Floe.Table.Maintenance;

/// <summary>What one dangling-delete cleaning removed from the current snapshot.</summary>
/// <param name="SnapshotId">The rewrite snapshot, or null when no delete file dangled.</param>
/// <param name="PositionDeleteFiles">Position delete files removed.</param>
/// <param name="EqualityDeleteFiles">Equality delete files removed.</param>
public sealed record DanglingDeletesResult(long? SnapshotId, int PositionDeleteFiles, int EqualityDeleteFiles);

/// <summary>
/// Removes the delete files of the current snapshot that no live data file can match any more, as Amoro does: a
/// delete file the scan attaches to no data file (by partition, sequence number and, for position deletes, the
/// referenced file paths, read from the file when its bounds do not name one) dangles. They go in one rewrite commit with <c>snapshot.producer=CLEAN_DANGLING_DELETE</c>;
/// the files themselves stay until the snapshots listing them expire.
/// </summary>
public static class DanglingDeleteCleaner
{
    public const string Producer = "CLEAN_DANGLING_DELETE";

    public static async Task<DanglingDeletesResult> CleanDanglingDeletesAsync(this IcebergTable table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        TableMetadata metadata = await table.RefreshAsync(cancellationToken).ConfigureAwait(false);
        if (metadata.CurrentSnapshot is not { } current)
        {
            return new DanglingDeletesResult(null, 0, 0);
        }

        var attached = new Dictionary<string, DeleteFile>(StringComparer.Ordinal);
        var liveData = new HashSet<string>(StringComparer.Ordinal);
        foreach (FileScanTask task in await new TableScan(metadata, table.Operations.Io).UseSnapshot(current.SnapshotId).PlanFilesAsync(cancellationToken).ConfigureAwait(false))
        {
            liveData.Add(task.File.FilePath);
            foreach (DeleteFile delete in task.Deletes)
            {
                attached.TryAdd(delete.FilePath, delete);
            }
        }

        // A position delete file the scan attaches by partition alone (its path bounds were truncated) dangles when
        // none of the data files it names is live any more.
        foreach (DeleteFile delete in attached.Values.Where(d => d.Content == FileContent.PositionDeletes && DeleteFileIndex.TargetFile(d) is null).ToList())
        {
            Stream stream = await table.Operations.Io.NewInputFile(delete.FilePath).OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                if ((await PositionDeleteReader.ReadAsync(stream, delete.FilePath, liveData, cancellationToken).ConfigureAwait(false)).Count == 0)
                {
                    attached.Remove(delete.FilePath);
                }
            }
        }

        var dangling = new List<ContentFile>();
        foreach (ManifestFile manifest in await ManifestIO.ReadManifestListAsync(table.Operations.Io, current, cancellationToken).ConfigureAwait(false))
        {
            if (manifest.Content != ManifestContent.Deletes)
            {
                continue;
            }

            foreach (ManifestEntry entry in await ManifestIO.ReadEntriesAsync(table.Operations.Io, manifest, cancellationToken).ConfigureAwait(false))
            {
                if (entry.IsLive && !attached.ContainsKey(entry.File.FilePath))
                {
                    dangling.Add(entry.File);
                }
            }
        }

        if (dangling.Count == 0)
        {
            return new DanglingDeletesResult(null, 0, 0);
        }

        RewriteFiles rewrite = table.NewRewrite();
        foreach (ContentFile file in dangling)
        {
            rewrite.DeleteFile(file);
        }

        rewrite.Set(MaintenanceSummary.Producer, Producer);
        TableMetadata committed = await rewrite.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new DanglingDeletesResult(
            committed.CurrentSnapshot?.SnapshotId,
            dangling.Count(f => f.Content == FileContent.PositionDeletes),
            dangling.Count(f => f.Content == FileContent.EqualityDeletes));
    }
}

/// <summary>The snapshot summary key that says which maintenance action (or optimizing) produced a snapshot.</summary>
public static class MaintenanceSummary
{
    public const string Producer = "snapshot.producer";

    /// <summary>Producers whose snapshots carry no new data (maintenance and optimizing), as Amoro counts them.</summary>
    public static bool IsMaintenance(Snapshot snapshot) =>
        snapshot.Summary.TryGetValue(Producer, out string? producer) && producer is "OPTIMIZE" or DataExpiration.Producer or DanglingDeleteCleaner.Producer;
}
