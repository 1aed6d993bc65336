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
            Stream stream = await fileIO.NewInputFile(location).OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await ManifestListReader.ReadAllAsync(stream, cancellationToken).ConfigureAwait(false);
            }
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
    /// as soon as they are decoded; <paramref name="keep"/> may also replace an entry (a copy without statistics).
    /// </summary>
    public static async Task<List<T>> ReadKeptAsync<T>(ManifestFile manifest, IFileIO fileIO, Func<ManifestEntry, T?> keep, CancellationToken cancellationToken)
        where T : class
    {
        var kept = new List<T>();
        Stream stream = await fileIO.NewInputFile(manifest.Path).OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                ManifestReader reader = await ManifestReader.OpenAsync(stream, manifest, cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    await foreach (ManifestEntry entry in reader.EntriesAsync(cancellationToken).ConfigureAwait(false))
                    {
                        if (keep(entry) is { } value)
                        {
                            kept.Add(value);
                        }
                    }
                }
            }
            catch (FloeException e) when (!e.Message.Contains(manifest.Path, StringComparison.Ordinal))
            {
                throw new FloeException(e.Kind, $"Manifest {manifest.Path}: {e.Message}", e);
            }
        }

        return kept;
    }

    public static async Task<List<ManifestEntry>> ReadAsync(ManifestFile manifest, IFileIO fileIO, CancellationToken cancellationToken)
    {
        Stream stream = await fileIO.NewInputFile(manifest.Path).OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await ManifestReader.ReadAllAsync(stream, manifest, cancellationToken).ConfigureAwait(false);
            }
            catch (FloeException e) when (!e.Message.Contains(manifest.Path, StringComparison.Ordinal))
            {
                throw new FloeException(e.Kind, $"Manifest {manifest.Path}: {e.Message}", e);
            }
        }
    }
}
