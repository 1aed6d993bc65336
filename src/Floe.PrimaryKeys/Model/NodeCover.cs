namespace Floe.PrimaryKeys.Model;

/// <summary>
/// Groups bucket nodes of different depths into subtrees: the coarsest of the given nodes that no other given node
/// contains. Every key lies in at most one of them, and every file whose node lies within one holds only its keys, so
/// merging per subtree sees all versions of a key together however the nodes of a partition were split or merged.
/// Lookups walk a node's ancestors (at most 17 levels), so a cover of many nodes costs no more than a few per node.
/// </summary>
public sealed class NodeCover
{
    private readonly HashSet<long> _rootIds;

    private NodeCover(List<DataTreeNode> roots)
    {
        Roots = roots;
        _rootIds = [.. roots.Select(r => r.Id)];
    }

    /// <summary>The given nodes that lie within no other given node, coarsest first.</summary>
    public IReadOnlyList<DataTreeNode> Roots { get; }

    public static NodeCover Of(IEnumerable<DataTreeNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var roots = new List<DataTreeNode>();
        var ids = new HashSet<long>();
        foreach (DataTreeNode node in nodes.Distinct().OrderBy(n => n.Mask).ThenBy(n => n.Index))
        {
            if (FindRoot(ids, node) is null)
            {
                roots.Add(node);
                ids.Add(node.Id);
            }
        }

        return new NodeCover(roots);
    }

    /// <summary>The root that <paramref name="node"/> lies within.</summary>
    public DataTreeNode RootOf(DataTreeNode node) =>
        FindRoot(_rootIds, node) ?? throw new ArgumentException($"{node} lies within none of the cover's roots.", nameof(node));

    private static DataTreeNode? FindRoot(HashSet<long> rootIds, DataTreeNode node)
    {
        for (DataTreeNode current = node; ; current = current.Parent)
        {
            if (rootIds.Contains(current.Id))
            {
                return current;
            }

            if (current.Mask == 0)
            {
                return null;
            }
        }
    }
}
