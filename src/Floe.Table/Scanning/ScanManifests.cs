using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Metadata;

namespace Floe.Table.Scanning;

/// <summary>Reads a snapshot's manifest list and manifests through a <see cref="IFileIO"/>.</summary>
internal static class ScanManifests
{
    public static async Task<IReadOnlyList<ManifestFile>> ListAsync(Snapshot snapshot, IFileIO fileIO, CancellationToken cancellationToken)
    {
        if (snapshot.ManifestList is string location)
        {
            return await ManifestListReader.ReadAllAsync(fileIO.NewInputFile(location), cancellationToken).ConfigureAwait(false);
        }

        if (snapshot.Manifests is { } paths)
        {
            // Version 1 snapshots may list manifests inline; their headers give spec id and content.
            return [.. paths.Select(path => new ManifestFile { Path = path, Length = 0, PartitionSpecId = 0, AddedSnapshotId = snapshot.SnapshotId })];
        }

        throw new FloeException(FloeErrorKind.InvalidData, $"Snapshot {snapshot.SnapshotId} has neither a manifest list nor manifests.");
    }

    /// <summary>
    /// Streams a manifest's entries and keeps only those <paramref name="keep"/> accepts, so pruned entries are garbage
    /// as soon as they are decoded; <paramref name="keep"/> may also replace an entry (a copy without statistics). With
    /// <paramref name="cached"/>, the decoded entries come from (or go into) <see cref="ScanCaches.Manifests"/>.
    /// </summary>
    public static async Task<List<T>> ReadKeptAsync<T>(ManifestFile manifest, IFileIO fileIO, Func<ManifestEntry, T?> keep, bool cached, CancellationToken cancellationToken)
        where T : class
    {
        var kept = new List<T>();
        if (cached && manifest.Length > 0 && ScanCaches.Manifests.Enabled)
        {
            ManifestEntry[] entries = await ScanCaches.Manifests.GetOrLoadAsync(ManifestKey.Of(manifest), (manifest, fileIO), LoadAsync, cancellationToken).ConfigureAwait(false);
            foreach (ManifestEntry entry in entries)
            {
                if (keep(entry) is { } value)
                {
                    kept.Add(value);
                }
            }

            return kept;
        }

        await foreach (ManifestEntry entry in ManifestReader.ReadEntriesAsync(fileIO.NewInputFile(manifest.Path), manifest, cancellationToken).ConfigureAwait(false))
        {
            if (keep(entry) is { } value)
            {
                kept.Add(value);
            }
        }

        return kept;
    }

    public static Task<List<ManifestEntry>> ReadAsync(ManifestFile manifest, IFileIO fileIO, CancellationToken cancellationToken) =>
        ManifestReader.ReadAllAsync(fileIO.NewInputFile(manifest.Path), manifest, cancellationToken);

    private static async Task<(ManifestEntry[] Value, long Bytes)> LoadAsync((ManifestFile Manifest, IFileIO FileIO) state, CancellationToken cancellationToken)
    {
        List<ManifestEntry> entries = await ReadAsync(state.Manifest, state.FileIO, cancellationToken).ConfigureAwait(false);
        return ([.. entries], ManifestEntryWeight.Of(entries));
    }
}
