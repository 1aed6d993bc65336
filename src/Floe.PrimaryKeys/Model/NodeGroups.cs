namespace Floe.PrimaryKeys.Model;

/// <summary>One group of a partition's files merged together: every key of <see cref="Node"/> has its versions here.</summary>
/// <param name="Node">The node the group covers.</param>
/// <param name="BaseFiles">The base files within the node.</param>
/// <param name="ChangeFiles">The change files that hold keys of the node.</param>
/// <param name="FiltersChangeRows">Whether some change files also hold other nodes' keys, which the merge skips.</param>
public sealed record NodeGroup<T>(DataTreeNode Node, IReadOnlyList<T> BaseFiles, IReadOnlyList<T> ChangeFiles, bool FiltersChangeRows);

/// <summary>
/// Groups a partition's base and change files for merging, for merge-on-read and for optimizing alike. Files are
/// grouped per subtree of their bucket nodes (<see cref="NodeCover"/>: the coarsest node holding them), since the base
/// and change bucket counts may differ and base nodes may have been split or merged. When base nodes were split finer
/// than the change files' node, the subtree is grouped per base node instead (plus the nodes between them that hold no
/// base file): the base rows, usually most of the bytes, are then merged in parallel and each merge is bounded by one
/// base node, each group reading the coarser change files for its own keys. That re-reads the change files once per
/// group, so the subtree stays whole unless the extra reading is at most half its base bytes.
/// </summary>
public static class NodeGroups
{
    /// <summary>Groups the files of one partition, each given with its node and size.</summary>
    public static List<NodeGroup<T>> Of<T>(IReadOnlyList<(DataTreeNode Node, long Bytes, T File)> baseFiles, IReadOnlyList<(DataTreeNode Node, long Bytes, T File)> changeFiles)
    {
        ArgumentNullException.ThrowIfNull(baseFiles);
        ArgumentNullException.ThrowIfNull(changeFiles);
        NodeCover cover = NodeCover.Of(baseFiles.Concat(changeFiles).Select(f => f.Node));
        var baseByRoot = baseFiles.ToLookup(f => cover.RootOf(f.Node));
        var changesByRoot = changeFiles.ToLookup(f => cover.RootOf(f.Node));
        var groups = new List<NodeGroup<T>>();
        foreach (DataTreeNode root in cover.Roots.OrderBy(r => r.Id))
        {
            var rootBase = baseByRoot[root].ToList();
            var rootChanges = changesByRoot[root].ToList();
            foreach (DataTreeNode node in Parts(root, rootBase.Select(f => f.Node), rootBase.Sum(f => f.Bytes), rootChanges.Sum(f => f.Bytes)))
            {
                var changes = rootChanges.Where(f => f.Node.Overlaps(node)).ToList();
                groups.Add(new NodeGroup<T>(
                    node,
                    [.. rootBase.Where(f => f.Node.IsSonOf(node)).Select(f => f.File)],
                    [.. changes.Select(f => f.File)],
                    changes.Exists(f => f.Node.Mask < node.Mask)));
            }
        }

        return groups;
    }

    /// <summary>The nodes to merge <paramref name="root"/> as: <paramref name="root"/> alone, or parts that partition it.</summary>
    private static List<DataTreeNode> Parts(DataTreeNode root, IEnumerable<DataTreeNode> baseNodes, long baseBytes, long changeBytes)
    {
        IReadOnlyList<DataTreeNode> baseRoots = NodeCover.Of(baseNodes).Roots;
        if (baseRoots.Count < 2)
        {
            return [root];
        }

        // Every node strictly above a base root: the nodes that must be split further.
        var above = new HashSet<DataTreeNode>();
        foreach (DataTreeNode baseRoot in baseRoots)
        {
            for (DataTreeNode node = baseRoot; node.Mask > root.Mask && above.Add(node.Parent);)
            {
                node = node.Parent;
            }
        }

        var parts = new List<DataTreeNode>();
        Fill(root, above, parts);
        return changeBytes * (parts.Count - 1) * 2 <= baseBytes ? parts : [root];
    }

    /// <summary>Splits <paramref name="node"/> into the base roots within it and the largest nodes between them.</summary>
    private static void Fill(DataTreeNode node, HashSet<DataTreeNode> above, List<DataTreeNode> parts)
    {
        if (!above.Contains(node))
        {
            parts.Add(node);
            return;
        }

        (DataTreeNode left, DataTreeNode right) = node.Children;
        Fill(left, above, parts);
        Fill(right, above, parts);
    }
}
