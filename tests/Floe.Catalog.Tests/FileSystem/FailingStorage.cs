using Floe.Catalog.FileSystem;

namespace Floe.Catalog.Tests.FileSystem;

/// <summary>Local storage that throws an <see cref="IOException"/> at the chosen create or replace call (1-based).</summary>
internal sealed class FailingStorage : IMetadataStorage
{
    private readonly IMetadataStorage _inner = LocalMetadataStorage.Instance;
    private int _writes;

    /// <summary>The write call that fails; 0 means none.</summary>
    public int FailAtWrite { get; set; }

    public bool Exists(string path) => _inner.Exists(path);

    public Task<byte[]> ReadAllBytesAsync(string path, CancellationToken cancellationToken) => _inner.ReadAllBytesAsync(path, cancellationToken);

    public Task<bool> TryCreateAsync(string path, ReadOnlyMemory<byte> content, Task beforePublish, CancellationToken cancellationToken)
    {
        CountWrite(path);
        return _inner.TryCreateAsync(path, content, beforePublish, cancellationToken);
    }

    public Task ReplaceAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        CountWrite(path);
        return _inner.ReplaceAsync(path, content, cancellationToken);
    }

    public void Delete(string path) => _inner.Delete(path);

    public IEnumerable<string> ListFileNames(string folder) => _inner.ListFileNames(folder);

    private void CountWrite(string path)
    {
        if (Interlocked.Increment(ref _writes) == FailAtWrite)
        {
            throw new IOException($"Injected failure writing {path}.");
        }
    }
}
