using System.Runtime.CompilerServices;
using Floe.Common.Errors;

namespace Floe.Core.IO;

/// <summary>
/// Files on the local file system. Locations are paths, <c>file:</c> URIs, or any location the optional
/// <see cref="LocationMapper"/> maps to a local folder (for reading copies of remote tables).
/// </summary>
public sealed class LocalFileIO : IFileIO
{
    private readonly LocationMapper? _mapper;

    public LocalFileIO(LocationMapper? mapper = null) => _mapper = mapper;

    public InputFile NewInputFile(string location) => new LocalInputFile(location, ToLocalPath(location));

    public OutputFile NewOutputFile(string location) => new LocalOutputFile(location, ToLocalPath(location));

    public ValueTask<bool> ExistsAsync(string location, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(File.Exists(ToLocalPath(location)));

    public ValueTask DeleteAsync(string location, CancellationToken cancellationToken = default)
    {
        string path = ToLocalPath(location);
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // The file is missing along with its folder: nothing to delete.
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new FloeException(FloeErrorKind.Environment, $"Cannot delete '{location}': {error.Message}", error);
        }

        return ValueTask.CompletedTask;
    }

    public async IAsyncEnumerable<FileEntry> ListPrefixAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string localPrefix = ToLocalPath(prefix);
        string? folder = Directory.Exists(localPrefix) ? localPrefix : Path.GetDirectoryName(localPrefix);
        if (folder is null || !Directory.Exists(folder))
        {
            yield break;
        }

        foreach (string path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!path.StartsWith(localPrefix, StringComparison.Ordinal) || AtomicFileStream.IsTemporary(path))
            {
                continue;
            }

            var info = new FileInfo(path);
            string rest = path[localPrefix.Length..].Replace(Path.DirectorySeparatorChar, '/');
            yield return new FileEntry(prefix + rest, info.Length, info.LastWriteTimeUtc);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>The local path of a location.</summary>
    /// <exception cref="FloeException">A remote location without a mapping (kind Unsupported).</exception>
    public string ToLocalPath(string location)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        if (_mapper is not null && _mapper.TryMap(location, out string mapped))
        {
            return mapped;
        }

        if (location.StartsWith("file:", StringComparison.Ordinal))
        {
            return Uri.TryCreate(location, UriKind.Absolute, out Uri? uri) && uri.IsFile
                ? uri.LocalPath
                : throw new FloeException(FloeErrorKind.InvalidArgument, $"'{location}' is not a valid file URI.");
        }

        if (location.Contains("://", StringComparison.Ordinal))
        {
            throw new FloeException(FloeErrorKind.Unsupported, $"Location '{location}' is not local and no location mapping covers it.");
        }

        return Path.GetFullPath(location);
    }
}
