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

    public Task<byte[]> ReadAllBytesAsync(string path, CancellationToken cancellationToken) => File.ReadAllBytesAsync(path, cancellationToken);

    public async Task<bool> TryCreateAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            return false;
        }

        string temp = await WriteTempAsync(path, content, durable: true, cancellationToken).ConfigureAwait(false);
        try
        {
            return AtomicCreate.TryLink(temp, path);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public async Task ReplaceAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        // Replaced files are hints that readers verify, so they skip the flush to disk that new versions pay for.
        string temp = await WriteTempAsync(path, content, durable: false, cancellationToken).ConfigureAwait(false);
        try
        {
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public IEnumerable<string> ListFileNames(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>() : [];

    private static async Task<string> WriteTempAsync(string path, ReadOnlyMemory<byte> content, bool durable, CancellationToken cancellationToken)
    {
        string folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        string temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                if (durable)
                {
                    await DiskFlush.FlushAsync(stream, cancellationToken).ConfigureAwait(false);
                }
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
