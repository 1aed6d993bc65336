using Floe.Common.Errors;
using Floe.Core.IO;

namespace Floe.Table.Operations;

/// <summary>
/// What a writer does with the files it wrote when their commit fails: a commit that was refused leaves them unused, so
/// they are deleted; a commit whose outcome is unknown (<see cref="FloeErrorKind.CommitStateUnknown"/>) may have landed
/// and named them, so they stay. Any failure that is not a <see cref="FloeException"/> (cancellation, a broken
/// connection) also leaves the outcome open.
/// </summary>
public static class CommitCleanup
{
    /// <summary>True when <paramref name="failure"/> proves the commit did not land, so its new files may be deleted.</summary>
    public static bool ProvesNotCommitted(Exception failure) =>
        failure is FloeException { Kind: not FloeErrorKind.CommitStateUnknown };

    /// <summary>Deletes <paramref name="paths"/>, best effort: an orphan file is harmless to readers, the commit error is what matters.</summary>
    public static async Task DeleteAsync(IFileIO io, IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(paths);
        foreach (string path in paths)
        {
            try
            {
                await io.DeleteAsync(path, CancellationToken.None).ConfigureAwait(false);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
