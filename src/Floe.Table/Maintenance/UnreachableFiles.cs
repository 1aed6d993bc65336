using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Table.Operations;

namespace Floe.Table.Maintenance;

/// <summary>
/// The files expired snapshots reached that the kept snapshots do not: reachable-before minus reachable-after.
/// Manifests the kept snapshots still list are never compared against; when some manifest went away, the paths the
/// kept manifests' live entries name are collected (paths only), then the entries of the manifests that went away
/// are streamed and each file no kept manifest names is yielded once, so memory holds neither manifest whole.
/// </summary>
internal static class UnreachableFiles
{
    private const int Parallelism = 8;

    private static readonly ManifestPathFilter s_live = (status, _, _) => status != EntryStatus.Deleted;

    /// <summary>
    /// The unreachable files, data and delete files first, then the manifests and manifest lists that named them and
    /// the statistics: a file is yielded only once nothing this still reads is in it, so the caller may delete as
    /// it goes.
    /// </summary>
    public static async IAsyncEnumerable<TableFileRef> StreamAsync(
        IFileIO io, TableMetadata before, IReadOnlyList<Snapshot> expired, TableMetadata after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Dictionary<string, ManifestFile> keptManifests = await ManifestsOfAsync(io, after.Snapshots, cancellationToken).ConfigureAwait(false);
        Dictionary<string, ManifestFile> expiredManifests = await ManifestsOfAsync(io, expired, cancellationToken).ConfigureAwait(false);
        List<ManifestFile> gone = [.. expiredManifests.Values.Where(m => !keptManifests.ContainsKey(m.Path))];
        expiredManifests.Clear();
        if (gone.Count > 0)
        {
            HashSet<string> live = await LivePathsAsync(io, keptManifests.Values, cancellationToken).ConfigureAwait(false);
            keptManifests.Clear();
            var yielded = new HashSet<string>(StringComparer.Ordinal);
            var channel = Channel.CreateBounded<TableFileRef>(new BoundedChannelOptions(4096) { SingleReader = true });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task reading = ReadGoneAsync(io, gone, live, channel.Writer, stop.Token); // never faults: a failure completes the channel with it
            try
            {
                await foreach (TableFileRef file in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (yielded.Add(file.Location))
                    {
                        yield return file;
                    }
                }
            }
            finally
            {
                // A caller that stops early must not leave the readers blocked on a full channel.
                await stop.CancelAsync().ConfigureAwait(false);
                await reading.ConfigureAwait(false);
            }
        }

        foreach (ManifestFile manifest in gone)
        {
            yield return new TableFileRef(manifest.Path, TableFileKind.Manifest, KnownOrUnknown(manifest.Length));
        }

        var keptLists = after.Snapshots.Select(s => s.ManifestList).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (Snapshot snapshot in expired)
        {
            if (snapshot.ManifestList is string list && !keptLists.Contains(list))
            {
                yield return new TableFileRef(list, TableFileKind.ManifestList, TableFileRef.UnknownSize);
            }
        }

        var keptStatistics = after.Statistics.Select(s => s.Path).Concat(after.PartitionStatistics.Select(s => s.Path)).ToHashSet(StringComparer.Ordinal);
        var expiredIds = expired.Select(s => s.SnapshotId).ToHashSet();
        IEnumerable<(string Path, long Bytes)> statistics = before.Statistics.Where(s => expiredIds.Contains(s.SnapshotId)).Select(s => (s.Path, s.FileSizeInBytes))
            .Concat(before.PartitionStatistics.Where(s => expiredIds.Contains(s.SnapshotId)).Select(s => (s.Path, s.FileSizeInBytes)));
        foreach ((string path, long bytes) in statistics.Where(s => !keptStatistics.Contains(s.Path)))
        {
            yield return new TableFileRef(path, TableFileKind.Statistics, KnownOrUnknown(bytes));
        }
    }

    /// <summary>Streams the entries of the manifests that went away, writing those no kept manifest names; completes the writer either way.</summary>
    private static async Task ReadGoneAsync(IFileIO io, List<ManifestFile> gone, HashSet<string> live, ChannelWriter<TableFileRef> writer, CancellationToken cancellationToken)
    {
        try
        {
            HashSet<string>.AlternateLookup<ReadOnlySpan<char>> liveByPath = live.GetAlternateLookup<ReadOnlySpan<char>>();
            await Parallel.ForEachAsync(gone, Options(cancellationToken), async (manifest, ct) =>
            {
                // Most entries of a replaced manifest name files a kept manifest still holds: those are matched in the
                // reader's buffer and never become strings.
                ManifestPathFilter unreached = (_, _, path) => !liveByPath.Contains(path);
                await foreach (ManifestFileRef file in ManifestReader.ReadFileRefsAsync(io.NewInputFile(manifest.Path), unreached, ct).ConfigureAwait(false))
                {
                    await writer.WriteAsync(new TableFileRef(file.FilePath, TableFileRef.KindOf(file.Content), file.FileSizeInBytes), ct).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
        }
    }

    /// <summary>The paths the live entries of the kept manifests name, streamed a manifest at a time.</summary>
    private static async Task<HashSet<string>> LivePathsAsync(IFileIO io, IEnumerable<ManifestFile> manifests, CancellationToken cancellationToken)
    {
        var live = new HashSet<string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(manifests, Options(cancellationToken), async (manifest, ct) =>
        {
            var paths = new List<string>();
            await foreach (ManifestFileRef file in ManifestReader.ReadFileRefsAsync(io.NewInputFile(manifest.Path), s_live, ct).ConfigureAwait(false))
            {
                paths.Add(file.FilePath);
            }

            lock (live)
            {
                live.UnionWith(paths);
            }
        }).ConfigureAwait(false);
        return live;
    }

    /// <summary>A size the metadata records, or unknown (read from storage at the delete) where it records none.</summary>
    private static long KnownOrUnknown(long bytes) => bytes > 0 ? bytes : TableFileRef.UnknownSize;

    /// <summary>The distinct manifests the snapshots list, by path.</summary>
    private static async Task<Dictionary<string, ManifestFile>> ManifestsOfAsync(IFileIO io, IEnumerable<Snapshot> snapshots, CancellationToken cancellationToken)
    {
        var manifests = new Dictionary<string, ManifestFile>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(snapshots, Options(cancellationToken), async (snapshot, ct) =>
        {
            List<ManifestFile> listed = await ManifestIO.ReadManifestListAsync(io, snapshot, ct).ConfigureAwait(false);
            lock (manifests)
            {
                foreach (ManifestFile manifest in listed)
                {
                    manifests.TryAdd(manifest.Path, manifest);
                }
            }
        }).ConfigureAwait(false);
        return manifests;
    }

    private static ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
}
