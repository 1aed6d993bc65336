using Floe.Table.Scanning;

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
/// and change bucket counts may differ, base nodes may have been split or merged and small transactions write their
/// change files at coarser nodes. When a subtree's root holds only change files and finer nodes hold the others (base
/// nodes split finer than the change nodes, or change files of a small transaction above bucketed ones), the subtree
/// is grouped per finer node instead (plus the nodes between them that hold no file): the rows, usually most of the
/// bytes, are then merged in parallel and each merge is bounded by one node, each group reading the coarser change
/// files for its own keys. That re-reads those files once per group, so the subtree stays whole unless the extra
/// reading is at most half the bytes read once.
/// </summary>
public static class NodeGroups
{
    /// <summary>Groups the planned files of one partition, their nodes and sizes taken from their names and entries.</summary>
    public static List<NodeGroup<FileScanTask>> Of(IReadOnlyList<FileScanTask> baseFiles, IReadOnlyList<FileScanTask> changeFiles)
    {
        ArgumentNullException.ThrowIfNull(baseFiles);
        ArgumentNullException.ThrowIfNull(changeFiles);
        return Of(
            [.. baseFiles.Select(f => (PrimaryKeyFiles.OfBaseFile(f.File.FilePath).Node, f.File.FileSizeInBytes, f))],
            [.. changeFiles.Select(f => (PrimaryKeyFiles.OfChangeFile(f.File.FilePath, f.DataSequenceNumber).Node, f.File.FileSizeInBytes, f))]);
    }

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
            foreach (DataTreeNode node in Parts(root, [.. rootBase.Select(f => (f.Node, f.Bytes))], [.. rootChanges.Select(f => (f.Node, f.Bytes))]))
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
    private static List<DataTreeNode> Parts(DataTreeNode root, List<(DataTreeNode Node, long Bytes)> baseFiles, List<(DataTreeNode Node, long Bytes)> changeFiles)
    {
        // The parts are the coarsest nodes below the root holding files; a base file at the root keeps it whole.
        if (baseFiles.Exists(f => f.Node == root))
        {
            return [root];
        }

        IReadOnlyList<DataTreeNode> finer = NodeCover.Of(baseFiles.Concat(changeFiles).Select(f => f.Node).Where(n => n.Mask > root.Mask)).Roots;
        if (finer.Count < 2)
        {
            return [root];
        }

        // Every node strictly above a finer root: the nodes that must be split further.
        var above = new HashSet<DataTreeNode>();
        foreach (DataTreeNode finerRoot in finer)
        {
            for (DataTreeNode node = finerRoot; node.Mask > root.Mask && above.Add(node.Parent);)
            {
                node = node.Parent;
            }
        }

        var parts = new List<DataTreeNode>();
        Fill(root, above, parts);

        // A change file coarser than the parts is read once more per further part it overlaps; the rest is read once.
        long extra = 0;
        long once = baseFiles.Sum(f => f.Bytes);
        foreach ((DataTreeNode node, long bytes) in changeFiles)
        {
            int overlapped = parts.Count(p => p.Mask > node.Mask && p.IsSonOf(node));
            if (overlapped > 0)
            {
                extra += bytes * (overlapped - 1);
            }
            else
            {
                once += bytes;
            }
        }

        return extra * 2 <= once ? parts : [root];
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
