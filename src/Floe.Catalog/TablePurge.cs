using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.Table.Operations;

namespace Floe.Catalog;

/// <summary>
/// Deletes the files a dropped table reaches, but only those under its own folders: metadata may name any path,
/// and a purge must never delete (or even open) another table's files. Files elsewhere are left in place.
/// </summary>
internal static class TablePurge
{
    /// <summary>Deletes the reachable files under one of <paramref name="roots"/>; returns the reachable files outside them, untouched.</summary>
    public static async Task<IReadOnlySet<string>> DeleteReachableAsync(IFileIO io, TableMetadata metadata, IReadOnlyList<string> roots, CancellationToken cancellationToken)
    {
        var confined = roots.Select(root => new ConfinedFileIO(io, root)).ToList();
        bool Inside(string file) => confined.Any(c => c.Contains(file));
        var (inside, outside) = await ReachableFiles.ListAsync(io, metadata, Inside, cancellationToken).ConfigureAwait(false);
        foreach (string file in inside)
        {
            await io.DeleteAsync(file, cancellationToken).ConfigureAwait(false);
        }

        return outside;
    }
}
