using System.Runtime.CompilerServices;
using Floe.Common.Errors;

namespace Floe.Core.IO;

/// <summary>
/// A file store that opens, lists, writes and deletes only under one root location (a table's location): any
/// other location is refused with a <see cref="FloeException"/> naming the file and the root. Table metadata may
/// name any path, so the server reads a table through this to keep one table from reaching another's files.
/// </summary>
public sealed class ConfinedFileIO : IFileIO
{
    private readonly string _normalizedRoot;

    public ConfinedFileIO(IFileIO inner, string root)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
        Root = root;
        _normalizedRoot = LocationPaths.Normalize(root);
    }

    public IFileIO Inner { get; }

    /// <summary>The location every file must lie under.</summary>
    public string Root { get; }

    /// <summary><paramref name="io"/> confined to <paramref name="root"/>, unless it already is.</summary>
    public static ConfinedFileIO To(IFileIO io, string root) =>
        io is ConfinedFileIO confined && string.Equals(confined._normalizedRoot, LocationPaths.Normalize(root), StringComparison.Ordinal)
            ? confined
            : new ConfinedFileIO(io, root);

    /// <summary>Whether the location lies under the root; a location that is not valid at all is not.</summary>
    public bool Contains(string location)
    {
        try
        {
            return LocationPaths.IsUnderNormalized(LocationPaths.Normalize(location), _normalizedRoot);
        }
        catch (FloeException e) when (e.Kind == FloeErrorKind.InvalidArgument)
        {
            return false;
        }
    }

    /// <summary>Throws unless the location lies under the root.</summary>
    /// <exception cref="FloeException">The location is outside the root (kind InvalidData).</exception>
    public string Require(string location)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        return Contains(location)
            ? location
            : throw new FloeException(FloeErrorKind.InvalidData, $"File '{location}' is outside the table location {Root}; it is not read, written or deleted.");
    }

    public InputFile NewInputFile(string location) => Inner.NewInputFile(Require(location));

    public OutputFile NewOutputFile(string location) => Inner.NewOutputFile(Require(location));

    public ValueTask<bool> ExistsAsync(string location, CancellationToken cancellationToken = default) =>
        Inner.ExistsAsync(Require(location), cancellationToken);

    public ValueTask DeleteAsync(string location, CancellationToken cancellationToken = default) =>
        Inner.DeleteAsync(Require(location), cancellationToken);

    public async IAsyncEnumerable<FileEntry> ListPrefixAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entry in Inner.ListPrefixAsync(Require(prefix), cancellationToken).ConfigureAwait(false))
        {
            if (Contains(entry.Location))
            {
                yield return entry;
            }
        }
    }
}
