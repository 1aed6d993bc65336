using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>The files that snapshots committed after a starting snapshot added and removed (for validation).</summary>
internal sealed class ConcurrentChanges
{
    public List<ContentFile> AddedDataFiles { get; } = [];

    public List<ContentFile> AddedDeleteFiles { get; } = [];

    public HashSet<string> RemovedPaths { get; } = new(StringComparer.Ordinal);

    /// <summary>Every file removed, with the operation of the snapshot that removed it.</summary>
    public List<(string Operation, ContentFile File)> RemovedFiles { get; } = [];

    /// <summary>
    /// Reads what the snapshots after <paramref name="startingSnapshotId"/> up to the current one changed. A null start
    /// means "from the beginning"; a start that is no longer an ancestor fails validation.
    /// </summary>
    public static async Task<ConcurrentChanges> SinceAsync(IFileIO io, TableMetadata current, long? startingSnapshotId, CancellationToken cancellationToken)
    {
        var changes = new ConcurrentChanges();
        if (current.CurrentSnapshotId is not long head || head == startingSnapshotId)
        {
            return changes;
        }

        var newer = new List<Snapshot>();
        bool foundStart = startingSnapshotId is null;
        foreach (var snapshot in current.Ancestors(head))
        {
            if (snapshot.SnapshotId == startingSnapshotId)
            {
                foundStart = true;
                break;
            }

            newer.Add(snapshot);
        }

        if (!foundStart)
        {
            throw new ValidationException($"Cannot validate concurrent changes: the starting snapshot {startingSnapshotId} is not an ancestor of the current snapshot {head}.");
        }

        foreach (var snapshot in newer)
        {
            foreach (var manifest in await ManifestIO.ReadManifestListAsync(io, snapshot, cancellationToken).ConfigureAwait(false))
            {
                if (manifest.AddedSnapshotId != snapshot.SnapshotId)
                {
                    continue;
                }

                foreach (var entry in await ManifestIO.ReadEntriesAsync(io, manifest, cancellationToken).ConfigureAwait(false))
                {
                    if (entry.SnapshotId != snapshot.SnapshotId)
                    {
                        continue;
                    }

                    if (entry.Status == EntryStatus.Added)
                    {
                        (entry.File.Content == FileContent.Data ? changes.AddedDataFiles : changes.AddedDeleteFiles).Add(entry.File);
                    }
                    else if (entry.Status == EntryStatus.Deleted)
                    {
                        changes.RemovedPaths.Add(entry.File.FilePath);
                        changes.RemovedFiles.Add((snapshot.Operation ?? SnapshotOperations.Overwrite, entry.File));
                    }
                }
            }
        }

        return changes;
    }
}
