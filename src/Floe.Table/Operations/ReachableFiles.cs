using Floe.Core.IO;
using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>Every file a table's metadata reaches: manifest lists, manifests, data and delete files of all snapshots.</summary>
public static class ReachableFiles
{
    public static async Task<IReadOnlySet<string>> ListAsync(IFileIO io, TableMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(metadata);
        var files = new HashSet<string>(StringComparer.Ordinal);
        var seenManifests = new HashSet<string>(StringComparer.Ordinal);
        foreach (var snapshot in metadata.Snapshots)
        {
            if (snapshot.ManifestList is string list)
            {
                files.Add(list);
            }

            foreach (var manifest in await ManifestIO.ReadManifestListAsync(io, snapshot, cancellationToken).ConfigureAwait(false))
            {
                if (!seenManifests.Add(manifest.Path))
                {
                    continue;
                }

                files.Add(manifest.Path);
                foreach (var entry in await ManifestIO.ReadEntriesAsync(io, manifest, cancellationToken).ConfigureAwait(false))
                {
                    files.Add(entry.File.FilePath);
                }
            }
        }

        return files;
    }
}
