using Floe.Table.Scanning;

namespace Floe.PrimaryKeys.Reading;

/// <summary>
/// The newest change of every key of a (partition, node) over a set of change files, shared by the queries that read
/// those files. Immutable once published: a query with more change files extends a clone (<see cref="Extend"/>), which
/// keeps the key numbers, so the keys the new files added are those numbered from <see cref="ParentKeyCount"/> on.
/// </summary>
public sealed class MergeState
{
    private static long s_versions;

    private MergeState(KeyVersionMap map, HashSet<FileKey> files, long parentVersion, int parentKeyCount, IReadOnlySet<FileKey>? parentFiles)
    {
        ParentFiles = parentFiles;
        Map = map;
        Files = files;
        Version = Interlocked.Increment(ref s_versions);
        ParentVersion = parentVersion;
        ParentKeyCount = parentKeyCount;
    }

    /// <summary>Numbers every state of the process apart, so derived entries (exclusions) key by it.</summary>
    public long Version { get; }

    /// <summary>The state this one extends (its keys are the first <see cref="ParentKeyCount"/> of this one's), or 0.</summary>
    public long ParentVersion { get; }

    public int ParentKeyCount { get; }

    /// <summary>The change files of the state this one extends, or null.</summary>
    public IReadOnlySet<FileKey>? ParentFiles { get; }

    /// <summary>The change files the map covers (path and length).</summary>
    public IReadOnlySet<FileKey> Files { get; }

    /// <summary>What the state holds in memory, in bytes.</summary>
    public long Bytes => 128 + Map.AllocatedBytes + (Files.Count * 128L);

    internal KeyVersionMap Map { get; }

    internal static MergeState New(KeyVersionMap map, HashSet<FileKey> files) => new(map, files, 0, 0, null);

    /// <summary>A state over <paramref name="files"/> whose map <paramref name="extended"/> was cloned from this one's.</summary>
    internal MergeState Extend(KeyVersionMap extended, HashSet<FileKey> files) => new(extended, files, Version, Map.Count, Files);
}
