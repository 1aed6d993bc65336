namespace Floe.Mixed.Model;

/// <summary>
/// Groups bucket nodes of different depths into subtrees: the coarsest of the given nodes that no other given node
/// contains. Every key lies in at most one of them, and every file whose node lies within one holds only its keys, so
/// merging per subtree sees all versions of a key together however the nodes of a partition were split or merged.
/// </summary>
public static class NodeCover
{
    /// <summary>The given nodes that lie within no other given node, coarsest first.</summary>
    public static IReadOnlyList<DataTreeNode> Roots(IEnumerable<DataTreeNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var roots = new List<DataTreeNode>();
        foreach (DataTreeNode node in nodes.Distinct().OrderBy(n => n.Mask).ThenBy(n => n.Index))
        {
            if (!roots.Exists(node.IsSonOf))
            {
                roots.Add(node);
            }
        }

        return roots;
    }

    /// <summary>The root among <paramref name="roots"/> that <paramref name="node"/> lies within.</summary>
    public static DataTreeNode RootOf(IReadOnlyList<DataTreeNode> roots, DataTreeNode node)
    {
        ArgumentNullException.ThrowIfNull(roots);
        foreach (DataTreeNode root in roots)
        {
            if (node.IsSonOf(root))
            {
                return root;
            }
        }

        throw new ArgumentException($"{node} lies within none of the given roots.", nameof(node));
    }
}
