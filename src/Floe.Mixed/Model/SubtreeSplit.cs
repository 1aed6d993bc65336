namespace Floe.Mixed.Model;

/// <summary>
/// Whether a subtree of bucket nodes (see <see cref="NodeCover"/>) is merged whole or per base node. When base nodes
/// were split finer than the change files' node, merging per base node (plus the nodes between them that hold no base
/// file) lets the base rows, usually most of the bytes, be read in parallel and bounds each merge by one base node; each
/// part then reads the coarser change files for its own keys. That re-reads the change files once per part, so the
/// subtree stays whole unless the extra reading is at most half its base bytes.
/// </summary>
public static class SubtreeSplit
{
    /// <summary>The nodes to merge <paramref name="root"/> as: <paramref name="root"/> alone, or parts that partition it.</summary>
    /// <param name="root">The subtree's root (the coarsest node of its files).</param>
    /// <param name="baseNodes">The nodes of the subtree's base files.</param>
    /// <param name="baseBytes">The size of the subtree's base files.</param>
    /// <param name="changeBytes">The size of the subtree's change files.</param>
    public static IReadOnlyList<DataTreeNode> Parts(DataTreeNode root, IEnumerable<DataTreeNode> baseNodes, long baseBytes, long changeBytes)
    {
        ArgumentNullException.ThrowIfNull(baseNodes);
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
