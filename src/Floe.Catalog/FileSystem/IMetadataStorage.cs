namespace Floe.Catalog.FileSystem;

/// <summary>The file operations the filesystem catalog needs for metadata files; tests wrap it to inject failures.</summary>
internal interface IMetadataStorage
{
    bool Exists(string path);

    Task<byte[]> ReadAllBytesAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a new file atomically: readers see all of it or nothing; false when the file already exists. The file
    /// is written and flushed to disk while <paramref name="beforePublish"/> runs and appears only once it
    /// completed; when it fails, the file never appears.
    /// </summary>
    Task<bool> TryCreateAsync(string path, ReadOnlyMemory<byte> content, Task beforePublish, CancellationToken cancellationToken);

    /// <summary>
    /// Writes or rewrites a file in place, without a flush to disk; a concurrent reader may see it stale or torn. Only
    /// for the version hint, which readers verify and which need not survive a crash.
    /// </summary>
    Task ReplaceAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Deletes a file; a file that is already gone is no error.</summary>
    void Delete(string path);

    /// <summary>The names of the files directly in a folder (empty when the folder does not exist).</summary>
    IEnumerable<string> ListFileNames(string folder);
}
