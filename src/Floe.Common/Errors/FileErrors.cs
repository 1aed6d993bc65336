using System.Runtime.CompilerServices;

namespace Floe.Common.Errors;

/// <summary>
/// Adds the location of the file being read to errors raised by readers that only see bytes, once: an error whose
/// message already names the location passes through unchanged, so nested boundaries do not stack prefixes.
/// </summary>
public static class FileErrors
{
    /// <summary>
    /// <paramref name="error"/> with "<paramref name="what"/> '<paramref name="location"/>': " in front (for example
    /// "Manifest list '/t/metadata/snap-1.avro': block 0 ..."), of the same kind; the error itself when it names the location.
    /// </summary>
    public static FloeException InFile(this FloeException error, string what, string location)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(location);
        return error.Message.Contains(location, StringComparison.Ordinal)
            ? error
            : new FloeException(error.Kind, $"{what} '{location}': {error.Message}", error);
    }

    /// <summary>Runs <paramref name="read"/> and adds the file's location to any <see cref="FloeException"/> it raises.</summary>
    public static async Task<T> ReadingAsync<T>(string what, string location, Func<Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (FloeException e)
        {
            throw e.InFile(what, location);
        }
    }

    /// <summary>Enumerates <paramref name="source"/>, adding the file's location to any <see cref="FloeException"/> it raises.</summary>
    public static async IAsyncEnumerable<T> ReadingAsync<T>(
        string what, string location, IAsyncEnumerable<T> source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        IAsyncEnumerator<T> items = source.GetAsyncEnumerator(cancellationToken);
        await using (items.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await items.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (FloeException e)
                {
                    throw e.InFile(what, location);
                }

                yield return items.Current;
            }
        }
    }
}
