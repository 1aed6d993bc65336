using Floe.Common.Caching;
using Floe.PrimaryKeys.Model;
using Floe.Table.Scanning;

namespace Floe.PrimaryKeys.Reading;

/// <summary>
/// Process-wide caches of merge-on-read work that repeated queries of a primary-key table share: the plans of each
/// store's snapshots, per (partition,
/// node) the newest change of every key over a set of change files, per base file the row positions of its keys, and
/// per (base file, merge state) the positions whose key has a newer change, and per merge state the change rows that
/// win. Table files never change, so entries are
/// keyed by what names their content and never go stale; each cache is bounded in bytes (an estimate of what the
/// entry holds) and evicts the least recently used entries. A miss or an eviction costs time, never changes a result.
/// Setting a cache's <see cref="ByteBoundedCache{TKey, TValue}.MaxBytes"/> to zero turns it off; with
/// <see cref="KeyMaps"/> off, queries merge as they did without caches.
/// </summary>
public static class MergeCaches
{
    /// <summary>The bound of <see cref="KeyMaps"/> unless configured otherwise.</summary>
    public const long DefaultKeyMapBytes = 256L << 20;

    /// <summary>The bound of <see cref="BaseKeys"/> unless configured otherwise.</summary>
    public const long DefaultBaseKeyBytes = 256L << 20;

    /// <summary>The bound of <see cref="Exclusions"/> unless configured otherwise.</summary>
    public const long DefaultExclusionBytes = 64L << 20;

    /// <summary>The bound of <see cref="ChangeRows"/> unless configured otherwise.</summary>
    public const long DefaultChangeRowBytes = 128L << 20;

    /// <summary>The bound of <see cref="Plans"/> unless configured otherwise.</summary>
    public const long DefaultPlanBytes = 32L << 20;

    /// <summary>The bound of <see cref="Tasks"/> unless configured otherwise.</summary>
    public const long DefaultTaskBytes = 16L << 20;

    /// <summary>Key-version maps of (partition, node) merge states, extended as change files arrive: 256 MB, 64 MB for one.</summary>
    public static ByteBoundedCache<MergeStateKey, MergeState> KeyMaps { get; } = new(DefaultKeyMapBytes, 64L << 20);

    /// <summary>Row positions of every key of a base file: 256 MB, 64 MB for one file.</summary>
    public static ByteBoundedCache<FileKey, BaseKeyIndex> BaseKeys { get; } = new(DefaultBaseKeyBytes, 64L << 20);

    /// <summary>
    /// Base files merged once without a key index (<see cref="BaseKeys"/> indexes a file on its second merge): 4 MB,
    /// about 64 bytes a file.
    /// </summary>
    internal static ByteBoundedCache<FileKey, bool> MergedOnce { get; } = new(4L << 20, 1024);

    /// <summary>Sorted positions of a base file's rows that a merge state's changes replace: 64 MB, 16 MB for one.</summary>
    public static ByteBoundedCache<ExclusionKey, long[]> Exclusions { get; } = new(DefaultExclusionBytes, 16L << 20);

    /// <summary>The change rows that win in a merge state, for queries to filter rather than read change files: 128 MB, 32 MB for one.</summary>
    public static ByteBoundedCache<ChangeRowsKey, ChangeWinners> ChangeRows { get; } = new(DefaultChangeRowBytes, 32L << 20);

    /// <summary>The planned files of a store's snapshot for a filter: 32 MB, 8 MB for one plan.</summary>
    public static ByteBoundedCache<PlanKey, IReadOnlyList<FileScanTask>> Plans { get; } = new(DefaultPlanBytes, 8L << 20);

    /// <summary>The merge tasks of a (change snapshot, base snapshot, filter), which share their files with <see cref="Plans"/>: 16 MB, 4 MB for one.</summary>
    public static ByteBoundedCache<TasksKey, IReadOnlyList<MergeTask>> Tasks { get; } = new(DefaultTaskBytes, 4L << 20);

    /// <summary>The bounds the caches start with, together (752 MB).</summary>
    public const long DefaultMaxBytes = DefaultKeyMapBytes + DefaultBaseKeyBytes + DefaultExclusionBytes + DefaultChangeRowBytes + DefaultPlanBytes + DefaultTaskBytes;

    /// <summary>
    /// The caches' bounds together. Setting it bounds each cache at its default share of the total (zero turns every
    /// one off), so one setting sizes them all.
    /// </summary>
    public static long MaxBytes
    {
        get => KeyMaps.MaxBytes + BaseKeys.MaxBytes + Exclusions.MaxBytes + ChangeRows.MaxBytes + Plans.MaxBytes + Tasks.MaxBytes;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            KeyMaps.MaxBytes = Share(value, DefaultKeyMapBytes);
            BaseKeys.MaxBytes = Share(value, DefaultBaseKeyBytes);
            Exclusions.MaxBytes = Share(value, DefaultExclusionBytes);
            ChangeRows.MaxBytes = Share(value, DefaultChangeRowBytes);
            Plans.MaxBytes = Share(value, DefaultPlanBytes);
            Tasks.MaxBytes = Share(value, DefaultTaskBytes);
        }
    }

    /// <summary>Empties every cache (their bounds stay).</summary>
    public static void Clear()
    {
        KeyMaps.Clear();
        BaseKeys.Clear();
        MergedOnce.Clear();
        Exclusions.Clear();
        ChangeRows.Clear();
        Plans.Clear();
        Tasks.Clear();
    }

    /// <summary>A cache's part of <paramref name="total"/>: its default bound out of the default total.</summary>
    private static long Share(long total, long defaultBytes) => (long)((Int128)total * defaultBytes / DefaultMaxBytes);
}

/// <summary>
/// What a merge state's key-version map depends on besides its change files: the change store, the (partition, node)
/// and the optimized point (rows at or below it are left out). A shared map always leaves out other nodes' keys, so it
/// does not depend on whether the task's change files hold any.
/// </summary>
public readonly record struct MergeStateKey(string ChangeLocation, string Partition, DataTreeNode Node, long OptimizedPoint);

/// <summary>A base file's rows whose key a merge state (by <see cref="MergeState.Version"/>) has a change of.</summary>
public readonly record struct ExclusionKey(string BaseFile, long Length, long StateVersion);

/// <summary>A merge plan: each store as (location, manifest list, schema id), the bound filter's fingerprint and case sensitivity.</summary>
public readonly record struct TasksKey(string ChangeStore, string BaseStore, string Filter, bool CaseSensitive);
