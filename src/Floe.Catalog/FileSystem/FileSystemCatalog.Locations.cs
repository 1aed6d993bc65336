using Floe.Common.Errors;
using Floe.Core.IO;

namespace Floe.Catalog.FileSystem;

/// <summary>
/// No two tables of a catalog share files: a table's location may not be another table's folder or location, lie
/// inside one, or contain one. A filesystem catalog has no index of locations, so the check walks the warehouse and
/// reads each table's current metadata; it runs only when a table is created, registered or moved.
/// </summary>
public sealed partial class FileSystemCatalog
{
    /// <summary>Throws InvalidArgument when another table's folder or location overlaps <paramref name="location"/>.</summary>
    private async Task RequireOwnLocationAsync(TableIdentifier identifier, string location, CancellationToken cancellationToken)
    {
        string normalized = LocationPaths.Normalize(location);
        foreach ((TableIdentifier other, string folder) in AllTables())
        {
            if (other.Equals(identifier))
            {
                continue;
            }

            // A primary-key table's stores live in its folder, so the folder stands for both.
            string? otherLocation = IsPrimaryKeyFolder(folder)
                ? null
                : (await _committer.TryLoadAsync(new TableFolder(folder), cancellationToken).ConfigureAwait(false))?.Location;
            foreach (string taken in otherLocation is null ? [folder] : new[] { folder, otherLocation })
            {
                if (LocationPaths.Overlap(taken, normalized))
                {
                    throw new FloeException(FloeErrorKind.InvalidArgument,
                        $"Cannot place table {identifier} at '{location}': it overlaps the location {taken} of table {other}.");
                }
            }
        }
    }

    /// <summary>Every table of the warehouse with its folder.</summary>
    private IEnumerable<(TableIdentifier Table, string Folder)> AllTables()
    {
        var pending = new Stack<(Namespace Namespace, string Folder)>();
        pending.Push((Namespace.Empty, _warehouse));
        while (pending.Count > 0)
        {
            var (parent, path) = pending.Pop();
            foreach (var child in ChildFolders(path))
            {
                if (IsTableFolder(child.Path))
                {
                    if (!parent.IsEmpty)
                    {
                        yield return (new TableIdentifier(parent, child.Name), child.Path);
                    }
                }
                else
                {
                    pending.Push((parent.Child(child.Name), child.Path));
                }
            }
        }
    }
}
