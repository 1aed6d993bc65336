using Floe.Common.Errors;
using Microsoft.Win32.SafeHandles;

namespace Floe.Core.IO;

/// <summary>A local file to read.</summary>
public sealed class LocalInputFile : InputFile
{
    public LocalInputFile(string location, string path)
        : base(location)
    {
        Path = path;
    }

    /// <summary>The local path.</summary>
    public string Path { get; }

    public override ValueTask<long> GetLengthAsync(CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(Path);
        return info.Exists ? ValueTask.FromResult(info.Length) : throw NotFound();
    }

    public override ValueTask<bool> ExistsAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(File.Exists(Path));

    public override ValueTask<Stream> OpenAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            // Unbuffered: the Parquet and Avro readers read a FileStream's handle positionally on the calling thread (a
            // read the page cache holds costs less than the thread-pool round trip of an asynchronous one), so a 64 KiB
            // buffer per file opened would only be allocated and copied through.
            SafeFileHandle handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            return ValueTask.FromResult<Stream>(new FileStream(handle, FileAccess.Read, bufferSize: 0));
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            throw NotFound();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new FloeException(FloeErrorKind.Environment, $"Cannot open '{Location}': {error.Message}", error);
        }
    }

    private FloeException NotFound() => new(FloeErrorKind.NotFound, $"File '{Location}' does not exist.");
}
