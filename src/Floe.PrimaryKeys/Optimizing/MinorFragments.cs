using Floe.Core.Metadata;
using Floe.Core.Properties;
using Floe.PrimaryKeys.Model;
using Floe.Table.Scanning;

namespace Floe.PrimaryKeys.Optimizing;

/// <summary>
/// The base files a minor optimizing rewrites although none of their rows changed, as Amoro's minor optimizing merges
/// fragments: the fragments (files of at most <c>self-optimizing.target-size / fragment-ratio</c>, 16 MB by default)
/// of every node group with pending changes (their changed rows and the fragment become one file, where position
/// deletes would leave two files and a delete file for every query to merge, and a stream of small commits would pile
/// them up); and, when the partition holds more fragments than base buckets, those of every node holding two or more
/// (merging them gains files). The server's planner and <see cref="PrimaryKeyOptimizer"/> share this rule.
/// </summary>
public static class MinorFragments
{
    /// <summary>The largest base file of <paramref name="base"/> (the base store) that counts as a fragment, in bytes.</summary>
    public static long SizeOf(TableMetadata @base)
    {
        ArgumentNullException.ThrowIfNull(@base);
        return @base.Settings.Get(SelfOptimizingProperties.TargetSize) / @base.Settings.Get(SelfOptimizingProperties.FragmentRatio);
    }

    /// <summary>The paths of the fragments to rewrite among one partition's files.</summary>
    /// <param name="groups">The partition's files grouped as they are merged (<see cref="NodeGroups"/>).</param>
    /// <param name="partitionBase">Every live base file of the partition.</param>
    /// <param name="fragmentSize">The largest fragment in bytes (<see cref="SizeOf"/>).</param>
    /// <param name="baseBuckets">The base store's bucket count.</param>
    public static HashSet<string> ToRewrite(
        IEnumerable<NodeGroup<FileScanTask>> groups, IReadOnlyCollection<FileScanTask> partitionBase, long fragmentSize, int baseBuckets)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(partitionBase);
        bool IsFragment(FileScanTask file) => file.File.FileSizeInBytes <= fragmentSize;
        var rewrite = new HashSet<string>(StringComparer.Ordinal);
        foreach (NodeGroup<FileScanTask> group in groups.Where(g => g.ChangeFiles.Count > 0))
        {
            rewrite.UnionWith(group.BaseFiles.Where(IsFragment).Select(f => f.File.FilePath));
        }

        if (partitionBase.Count(IsFragment) > baseBuckets)
        {
            rewrite.UnionWith(partitionBase.Where(IsFragment)
                .GroupBy(f => PrimaryKeyFiles.OfBaseFile(f.File.FilePath).Node)
                .Where(g => g.Count() >= 2)
                .SelectMany(g => g.Select(f => f.File.FilePath)));
        }

        return rewrite;
    }
}
