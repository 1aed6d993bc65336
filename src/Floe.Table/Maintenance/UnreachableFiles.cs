using System.Collections.Concurrent;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Table.Operations;

namespace Floe.Table.Maintenance;

/// <summary>
/// The files expired snapshots reached that the kept snapshots do not: reachable-before minus reachable-after.
/// Manifests the kept snapshots still list are never opened; data and delete files are compared only when some
/// manifest went away, against the live entries of the kept snapshots' manifests.
/// </summary>
internal static class UnreachableFiles
{
    private const int Parallelism = 8;

    public static async Task<IReadOnlyList<TableFileRef>> ListAsync(
        IFileIO io, TableMetadata before, IReadOnlyList<Snapshot> expired, TableMetadata after, CancellationToken cancellationToken)
    {
        var result = new List<TableFileRef>();
        var keptLists = after.Snapshots.Select(s => s.ManifestList).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (Snapshot snapshot in expired)
        {
            if (snapshot.ManifestList is string list && !keptLists.Contains(list))
            {
                result.Add(new TableFileRef(list, TableFileKind.ManifestList, TableFileRef.UnknownSize));
            }
        }

        var keptStatistics = after.Statistics.Select(s => s.Path).Concat(after.PartitionStatistics.Select(s => s.Path)).ToHashSet(StringComparer.Ordinal);
        var expiredIds = expired.Select(s => s.SnapshotId).ToHashSet();
        result.AddRange(before.Statistics.Where(s => expiredIds.Contains(s.SnapshotId) && !keptStatistics.Contains(s.Path))
            .Select(s => new TableFileRef(s.Path, TableFileKind.Statistics, KnownOrUnknown(s.FileSizeInBytes))));
        result.AddRange(before.PartitionStatistics.Where(s => expiredIds.Contains(s.SnapshotId) && !keptStatistics.Contains(s.Path))
            .Select(s => new TableFileRef(s.Path, TableFileKind.Statistics, KnownOrUnknown(s.FileSizeInBytes))));

        Dictionary<string, ManifestFile> keptManifests = await ManifestsOfAsync(io, after.Snapshots, cancellationToken).ConfigureAwait(false);
        Dictionary<string, ManifestFile> expiredManifests = await ManifestsOfAsync(io, expired, cancellationToken).ConfigureAwait(false);
        List<ManifestFile> gone = [.. expiredManifests.Values.Where(m => !keptManifests.ContainsKey(m.Path))];
        result.AddRange(gone.Select(m => new TableFileRef(m.Path, TableFileKind.Manifest, KnownOrUnknown(m.Length))));
        if (gone.Count == 0)
        {
            return result;
        }

        var candidates = new ConcurrentDictionary<string, TableFileRef>(StringComparer.Ordinal);
        await ForEachEntryAsync(io, gone, entry => candidates.TryAdd(entry.File.FilePath, new TableFileRef(entry.File.FilePath, TableFileRef.KindOf(entry.File), entry.File.FileSizeInBytes)), cancellationToken)
            .ConfigureAwait(false);
        await ForEachEntryAsync(io, keptManifests.Values, entry =>
        {
            if (entry.IsLive)
            {
                candidates.TryRemove(entry.File.FilePath, out _);
            }
        }, cancellationToken).ConfigureAwait(false);
        result.AddRange(candidates.Values);
        return result;
    }

    /// <summary>A size the metadata records, or unknown (read from storage at the delete) where it records none.</summary>
    private static long KnownOrUnknown(long bytes) => bytes > 0 ? bytes : TableFileRef.UnknownSize;

    /// <summary>The distinct manifests the snapshots list, by path.</summary>
    private static async Task<Dictionary<string, ManifestFile>> ManifestsOfAsync(IFileIO io, IEnumerable<Snapshot> snapshots, CancellationToken cancellationToken)
    {
        var manifests = new ConcurrentDictionary<string, ManifestFile>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(snapshots, Options(cancellationToken), async (snapshot, ct) =>
        {
            foreach (ManifestFile manifest in await ManifestIO.ReadManifestListAsync(io, snapshot, ct).ConfigureAwait(false))
            {
                manifests.TryAdd(manifest.Path, manifest);
            }
        }).ConfigureAwait(false);
        return new Dictionary<string, ManifestFile>(manifests, StringComparer.Ordinal);
    }

    private static Task ForEachEntryAsync(IFileIO io, IEnumerable<ManifestFile> manifests, Action<ManifestEntry> action, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(manifests, Options(cancellationToken), async (manifest, ct) =>
        {
            foreach (ManifestEntry entry in await ManifestIO.ReadEntriesAsync(io, manifest, ct).ConfigureAwait(false))
            {
                action(entry);
            }
        });

    private static ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
}
