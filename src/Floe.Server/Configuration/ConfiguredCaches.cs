using Floe.Common.Caching;
using Floe.PrimaryKeys.Reading;
using Floe.Table.Scanning;

namespace Floe.Server.Configuration;

/// <summary>
/// The process-wide caches the server bounds from its configuration, each under <c>SECTION.NAME-mb</c>
/// (<c>scan-cache.manifests-mb: 128</c>), and reports in its health answer. Another group of caches is another
/// section's entries in <see cref="All"/>.
/// </summary>
public static class ConfiguredCaches
{
    /// <summary>The largest bound a key accepts, in MB (1 TB).</summary>
    public const long MaxMegabytes = 1L << 20;

    public static IReadOnlyList<ConfiguredCache> All { get; } =
    [
        new("scan-cache", "manifests", ScanCaches.Manifests, ScanCaches.DefaultManifestBytes),
        new("scan-cache", "footers", ScanCaches.Footers, ScanCaches.DefaultFooterBytes),
        new("scan-cache", "decoded-files", ScanCaches.DecodedFiles, ScanCaches.DefaultDecodedFileBytes),
        new("scan-cache", "position-deletes", ScanCaches.PositionDeletes, ScanCaches.DefaultPositionDeleteBytes),
        new("merge-cache", "key-maps", MergeCaches.KeyMaps, MergeCaches.DefaultKeyMapBytes),
        new("merge-cache", "base-keys", MergeCaches.BaseKeys, MergeCaches.DefaultBaseKeyBytes),
        new("merge-cache", "exclusions", MergeCaches.Exclusions, MergeCaches.DefaultExclusionBytes),
        new("merge-cache", "change-rows", MergeCaches.ChangeRows, MergeCaches.DefaultChangeRowBytes),
        new("merge-cache", "plans", MergeCaches.Plans, MergeCaches.DefaultPlanBytes),
        new("merge-cache", "tasks", MergeCaches.Tasks, MergeCaches.DefaultTaskBytes),
    ];

    /// <summary>
    /// Bounds every cache: by its key in <paramref name="megabytes"/>, or by its default when the key is not there (a
    /// server started earlier in the same process may have changed it). Defaults shrink where the process may use
    /// little memory (<see cref="DefaultScale"/>).
    /// </summary>
    public static void Apply(IReadOnlyDictionary<string, long> megabytes) =>
        Apply(megabytes, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    /// <summary>As <see cref="Apply(IReadOnlyDictionary{string, long})"/>, for a process that may use <paramref name="availableBytes"/>.</summary>
    public static void Apply(IReadOnlyDictionary<string, long> megabytes, long availableBytes)
    {
        ArgumentNullException.ThrowIfNull(megabytes);
        double scale = DefaultScale(availableBytes);
        foreach (ConfiguredCache cache in All)
        {
            cache.Cache.MaxBytes = megabytes.TryGetValue(cache.Key, out long mb) ? mb << 20 : (long)(cache.DefaultBytes * scale);
        }
    }

    /// <summary>
    /// What the default bounds are multiplied by: 1, unless together they would pass a quarter of the memory the
    /// process may use (the machine's, or a container's or heap limit), in which case they share that quarter. A server
    /// in a 2 GB container would otherwise let its caches take most of it. Unknown memory (0) keeps the defaults.
    /// </summary>
    public static double DefaultScale(long availableBytes)
    {
        long defaults = All.Sum(c => c.DefaultBytes);
        long budget = availableBytes / 4;
        return availableBytes <= 0 || budget >= defaults ? 1 : (double)budget / defaults;
    }
}

/// <summary>One cache the configuration bounds; its figures are reported as <see cref="Name"/> in its section.</summary>
public sealed record ConfiguredCache(string Section, string Name, IBoundedCache Cache, long DefaultBytes)
{
    /// <summary>The configuration key of its bound in MB, e.g. <c>scan-cache.footers-mb</c>.</summary>
    public string Key => $"{Section}.{Name}-mb";
}
