namespace Floe.Core.Manifests;

/// <summary>What a lean manifest read keeps of an entry: its status, the file's content kind, path, size and record count.</summary>
public readonly record struct ManifestFileRef(EntryStatus Status, FileContent Content, string FilePath, long FileSizeInBytes, long RecordCount)
{
    /// <summary>ADDED or EXISTING: the file is part of the snapshot that wrote the manifest.</summary>
    public bool IsLive => Status != EntryStatus.Deleted;
}

/// <summary>
/// Decides, from an entry's status, content kind and path (decoded into a reused buffer, valid only during the call),
/// whether a lean manifest read yields the entry; an entry it declines costs no string.
/// </summary>
public delegate bool ManifestPathFilter(EntryStatus status, FileContent content, ReadOnlySpan<char> path);
