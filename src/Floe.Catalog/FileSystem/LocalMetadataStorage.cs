using Floe.Core.IO;

namespace Floe.Catalog.FileSystem;

/// <summary>
/// Metadata files on the local filesystem. New files are written to a temporary name in the same folder and linked
/// into place only if the target is absent (<see cref="AtomicCreate"/>), so a version either appears whole or not at
/// all and two writers can never both create it.
/// </summary>
internal sealed class LocalMetadataStorage : IMetadataStorage
{
    public static LocalMetadataStorage Instance { get; } = new();

    public bool Exists(string path) => File.Exists(path);

    // Metadata files are read whole and are usually in the page cache: a synchronous read costs less than the hop
    // to a pool thread that an asynchronous file read takes on Linux.
    public Task<byte[]> ReadAllBytesAsync(string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(File.ReadAllBytes(path));
    }

    public async Task<bool> TryCreateAsync(string path, ReadOnlyMemory<byte> content, Task beforePublish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(beforePublish);
        if (File.Exists(path))
        {
            return false;
        }

        // The file is written and flushed while the caller's files reach the disk; it is linked in place only after.
        string temp = await WriteTempAsync(path, content, cancellationToken).ConfigureAwait(false);
        try
        {
            await beforePublish.WaitAsync(cancellationToken).ConfigureAwait(false);
            return AtomicCreate.TryLink(temp, path);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Task ReplaceAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        // Rewritten in place, without a flush to disk: a new file renamed over the old one would free the old one's
        // block on every commit, which costs more than the rest of writing the hint. A reader may see a stale or torn
        // hint; hints are verified (VersionResolver), so that only costs it a probe or a listing.
        cancellationToken.ThrowIfCancellationRequested();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        stream.Write(content.Span);
        stream.SetLength(content.Length);
        return Task.CompletedTask;
    }

    public void Delete(string path) => File.Delete(path);

    public IEnumerable<string> ListFileNames(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>() : [];

    private static async Task<string> WriteTempAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        string folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        string temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            // Written synchronously (a copy into the page cache); only the flush to disk waits for the device, on the
            // flush threads.
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.None);
            await using (stream.ConfigureAwait(false))
            {
                stream.Write(content.Span);
                await DiskFlush.FlushAsync(stream, cancellationToken).ConfigureAwait(false);
            }

            return temp;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
