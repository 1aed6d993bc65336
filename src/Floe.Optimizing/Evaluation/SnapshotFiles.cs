using System.Collections.Concurrent;
using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Schemas;
using Floe.Core.Values;
using Floe.Table.Scanning;

namespace Floe.Optimizing.Evaluation;

/// <summary>
/// Streams the live files of a snapshot: delete manifests first (into a <see cref="DeleteFileIndex"/>), then data
/// manifests entry by entry, several manifests at once, each entry handed over with the deletes that apply to it.
/// Data entries are never collected here, so memory stays bounded by the delete files and the callers' state.
/// </summary>
internal sealed class SnapshotFiles
{
    private SnapshotFiles(IReadOnlyList<ManifestFile> dataManifests, List<DeleteFile> deleteFiles, DeleteFileIndex deletes, Dictionary<string, long> deleteSequenceNumbers)
    {
        DataManifests = dataManifests;
        DeleteFiles = deleteFiles;
        Deletes = deletes;
        DeleteSequenceNumbers = deleteSequenceNumbers;
    }

    public IReadOnlyList<ManifestFile> DataManifests { get; }

    /// <summary>Every live delete file of the snapshot.</summary>
    public IReadOnlyList<DeleteFile> DeleteFiles { get; }

    public DeleteFileIndex Deletes { get; }

    /// <summary>The data sequence number of every live delete file, by path.</summary>
    public IReadOnlyDictionary<string, long> DeleteSequenceNumbers { get; }

    /// <summary>
    /// Reads the manifest list and the delete manifests of <paramref name="snapshot"/>. With
    /// <paramref name="keepDeleteStats"/> false, delete files keep only what deciding their scope needs.
    /// </summary>
    public static async Task<SnapshotFiles> OpenAsync(
        TableMetadata metadata, Snapshot snapshot, IFileIO io, bool keepDeleteStats, CancellationToken cancellationToken)
    {
        IReadOnlyList<ManifestFile> manifests = await ReadListAsync(snapshot, io, cancellationToken).ConfigureAwait(false);
        var deleteEntries = new List<ManifestEntry>();
        var deleteFiles = new List<DeleteFile>();
        var sequenceNumbers = new Dictionary<string, long>(StringComparer.Ordinal);
        var data = new List<ManifestFile>();
        foreach (ManifestFile manifest in manifests)
        {
            if (manifest.Content == ManifestContent.Data)
            {
                if (manifest is not { AddedFilesCount: 0, ExistingFilesCount: 0 })
                {
                    data.Add(manifest);
                }

                continue;
            }

            await foreach (ManifestEntry entry in ReadEntriesAsync(manifest, io, cancellationToken).ConfigureAwait(false))
            {
                if (!entry.IsLive || entry.File is not DeleteFile file)
                {
                    continue;
                }

                DeleteFile kept = keepDeleteStats ? file : Slim(file);
                deleteFiles.Add(kept);
                sequenceNumbers[kept.FilePath] = entry.DataSequenceNumber ?? 0;
                deleteEntries.Add(new ManifestEntry { Status = entry.Status, DataSequenceNumber = entry.DataSequenceNumber, File = kept });
            }
        }

        return new SnapshotFiles(data, deleteFiles, DeleteFileIndex.Build(deleteEntries, metadata), sequenceNumbers);
    }

    /// <summary>
    /// Visits every live data file with its data sequence number and deletes, reading up to
    /// <paramref name="parallelism"/> manifests at once; each concurrent reader gets its own state from
    /// <paramref name="newState"/>. Returns the states. With <paramref name="columnStats"/> false the data files come
    /// without column statistics and split offsets (skipped while decoding: most of each entry's bytes and objects).
    /// With a <paramref name="partitionFilter"/> (spec id, partition; called concurrently) only the files it accepts
    /// are decoded and visited; the others cost nothing past the bytes read. The deletes handed to
    /// <paramref name="visit"/> are one list per reader, refilled for each file: a visitor that keeps them copies them.
    /// </summary>
    public async Task<IReadOnlyList<TState>> ForEachDataFileAsync<TState>(
        IFileIO io,
        int parallelism,
        bool columnStats,
        Func<int, PartitionData, bool>? partitionFilter,
        Func<TState> newState,
        Action<TState, DataFile, long, IReadOnlyList<DeleteFile>> visit,
        CancellationToken cancellationToken)
    {
        var all = new ConcurrentBag<TState>();
        var idle = new ConcurrentBag<TState>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(DataManifests, options, async (manifest, ct) =>
        {
            if (!idle.TryTake(out TState? state))
            {
                state = newState();
                all.Add(state);
            }

            var deletes = new List<DeleteFile>();
            try
            {
                await foreach (ManifestEntry entry in ManifestReader.ReadEntriesAsync(io.NewInputFile(manifest.Path), manifest, columnStats, partitionFilter, ct).ConfigureAwait(false))
                {
                    if (entry.IsLive && entry.File is DataFile file)
                    {
                        long sequenceNumber = entry.DataSequenceNumber ?? 0;
                        deletes.Clear();
                        Deletes.AddForDataFile(sequenceNumber, file, deletes);
                        visit(state, file, sequenceNumber, deletes);
                    }
                }
            }
            finally
            {
                idle.Add(state);
            }
        }).ConfigureAwait(false);
        return [.. all];
    }

    private static async Task<IReadOnlyList<ManifestFile>> ReadListAsync(Snapshot snapshot, IFileIO io, CancellationToken cancellationToken)
    {
        if (snapshot.ManifestList is not string location)
        {
            throw new FloeException(FloeErrorKind.Unsupported, $"Snapshot {snapshot.SnapshotId} has no manifest list (format version 1 inline manifests are not optimized).");
        }

        return await ManifestListReader.ReadAllAsync(io.NewInputFile(location), cancellationToken).ConfigureAwait(false);
    }

    private static IAsyncEnumerable<ManifestEntry> ReadEntriesAsync(ManifestFile manifest, IFileIO io, CancellationToken cancellationToken) =>
        ManifestReader.ReadEntriesAsync(io.NewInputFile(manifest.Path), manifest, cancellationToken);

    /// <summary>A delete file without the column statistics that evaluation does not need (path bounds stay: they decide the scope).</summary>
    private static DeleteFile Slim(DeleteFile file)
    {
        int pathId = MetadataColumns.DeleteFilePath.Id;
        return new DeleteFile
        {
            DeleteContent = file.Content,
            FilePath = file.FilePath,
            Format = file.Format,
            SpecId = file.SpecId,
            Partition = file.Partition,
            RecordCount = file.RecordCount,
            FileSizeInBytes = file.FileSizeInBytes,
            EqualityIds = file.EqualityIds,
            ReferencedDataFile = file.ReferencedDataFile,
            LowerBounds = file.LowerBounds?.GetValueOrDefault(pathId) is byte[] lower ? new Dictionary<int, byte[]> { [pathId] = lower } : null,
            UpperBounds = file.UpperBounds?.GetValueOrDefault(pathId) is byte[] upper ? new Dictionary<int, byte[]> { [pathId] = upper } : null,
        };
    }
}
