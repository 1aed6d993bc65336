using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>Every file a table's metadata reaches: manifest lists, manifests, data and delete files of all snapshots.</summary>
public static class ReachableFiles
{
    /// <summary>Every file named anywhere, including data and delete files manifests only record as deleted.</summary>
    public static async Task<IReadOnlySet<string>> ListAsync(IFileIO io, TableMetadata metadata, CancellationToken cancellationToken = default) =>
        (await ListAsync(io, metadata, _ => true, cancellationToken).ConfigureAwait(false)).Inside;

    /// <summary>
    /// The files some snapshot can read: manifest lists, manifests and the data and delete files of live (added or
    /// existing) entries. A DELETED entry only records that its snapshot removed the file, so it keeps nothing
    /// readable; a file it names stays listed only while an older snapshot's manifest still holds it as live.
    /// </summary>
    public static async Task<IReadOnlySet<string>> ListReadableAsync(IFileIO io, TableMetadata metadata, CancellationToken cancellationToken = default) =>
        (await ListAsync(io, metadata, _ => true, liveOnly: true, cancellationToken).ConfigureAwait(false)).Inside;

    /// <summary>
    /// The reachable files split by <paramref name="allowed"/>: manifest lists and manifests that are not allowed are
    /// reported in <c>Outside</c> and never opened, so a table cannot make its reader open another table's files.
    /// </summary>
    public static Task<(IReadOnlySet<string> Inside, IReadOnlySet<string> Outside)> ListAsync(
        IFileIO io,
        TableMetadata metadata,
        Func<string, bool> allowed,
        CancellationToken cancellationToken = default) =>
        ListAsync(io, metadata, allowed, liveOnly: false, cancellationToken);

    private static async Task<(IReadOnlySet<string> Inside, IReadOnlySet<string> Outside)> ListAsync(
        IFileIO io,
        TableMetadata metadata,
        Func<string, bool> allowed,
        bool liveOnly,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(allowed);
        var inside = new HashSet<string>(StringComparer.Ordinal);
        var outside = new HashSet<string>(StringComparer.Ordinal);
        var seenManifests = new HashSet<string>(StringComparer.Ordinal);
        void Add(string file) => (allowed(file) ? inside : outside).Add(file);

        // Entries naming a file already listed (most, across a table's manifests) are matched in the reader's buffer
        // and never become strings.
        HashSet<string>.AlternateLookup<ReadOnlySpan<char>> insideByPath = inside.GetAlternateLookup<ReadOnlySpan<char>>();
        HashSet<string>.AlternateLookup<ReadOnlySpan<char>> outsideByPath = outside.GetAlternateLookup<ReadOnlySpan<char>>();
        ManifestPathFilter unlisted = (status, _, path) =>
            (!liveOnly || status != EntryStatus.Deleted) && !insideByPath.Contains(path) && !outsideByPath.Contains(path);
        foreach (var snapshot in metadata.Snapshots)
        {
            if (snapshot.ManifestList is string list)
            {
                Add(list);
                if (!allowed(list))
                {
                    continue;
                }
            }

            foreach (var manifest in await ManifestIO.ReadManifestListAsync(io, snapshot, cancellationToken).ConfigureAwait(false))
            {
                if (!seenManifests.Add(manifest.Path))
                {
                    continue;
                }

                Add(manifest.Path);
                if (!allowed(manifest.Path))
                {
                    continue;
                }

                await foreach (ManifestFileRef file in ManifestReader.ReadFileRefsAsync(io.NewInputFile(manifest.Path), unlisted, cancellationToken).ConfigureAwait(false))
                {
                    Add(file.FilePath);
                }
            }
        }

        return (inside, outside);
    }
}
