using Floe.PrimaryKeys.Model;

namespace Floe.PrimaryKeys.Optimizing;

/// <summary>How a merge may change a partition's base bucket nodes.</summary>
internal enum NodeResizing
{
    /// <summary>Keep the nodes the files are in.</summary>
    None,

    /// <summary>Split leaves holding more than twice the target size (their files are rewritten for it); merge small subtrees whose files are rewritten anyway.</summary>
    SplitOversized,

    /// <summary>Every file is rewritten: merge small subtrees, split leaves over the target size, re-bucket coarse ones that grew.</summary>
    Full,
}

/// <summary>
/// The bucket nodes a merge writes a partition's base rows to: the leaves of the partition's base tree, none inside
/// another. The leaves start as the nodes of the existing base files (the coarsest where they nest); keys no leaf holds
/// go to the configured bucket node (or finer, when that node already holds finer leaves). Resizing (auto-bucketing)
/// splits a leaf into as many levels of children as bring each under the target size, and merges subtrees that hold
/// less than half the target size into their parent, up to the root: a small partition's base is one file, as a
/// compacted table's is (a full rewrite merges any such subtree; other merges only subtrees whose files they rewrite
/// anyway); a partition without base files starts at the root while the change files it takes rows from hold less
/// than half the target. A leaf coarser than the configured buckets that holds half the target size or more is
/// bucketed at the configured count again. Sizes are those of the files before the merge, so a node splits or merges
/// at the merge after the one that made it grow or shrink.
/// </summary>
internal sealed class BaseLayout
{
    private const long MaxMask = 65535;

    private readonly long _defaultMask;
    private readonly HashSet<long> _leafIds;

    // Masks that leaves use, ascending, and every node that lies strictly above a leaf.
    private readonly long[] _masks;
    private readonly HashSet<long> _aboveLeaves = [];

    private BaseLayout(IReadOnlyCollection<DataTreeNode> leaves, int buckets)
    {
        _defaultMask = buckets - 1;
        Leaves = [.. leaves.OrderBy(n => n.Id)];
        _leafIds = [.. leaves.Select(n => n.Id)];
        _masks = [.. leaves.Select(n => n.Mask).Distinct().Order()];
        foreach (DataTreeNode leaf in leaves)
        {
            for (DataTreeNode node = leaf; node.Mask > 0;)
            {
                node = node.Parent;
                if (!_aboveLeaves.Add(node.Id))
                {
                    break;
                }
            }
        }
    }

    /// <summary>The leaves the layout started from or decided on, by id.</summary>
    public IReadOnlyList<DataTreeNode> Leaves { get; }

    /// <summary>Leaves of the files that were split or merged: their files must be rewritten.</summary>
    public IReadOnlyList<DataTreeNode> Resized { get; private init; } = [];

    /// <param name="files">The merge's base files: their nodes, sizes and row counts.</param>
    /// <param name="otherNodes">Nodes of the partition's base files the merge does not cover; they are left as they are.</param>
    /// <param name="buckets">The configured base bucket count.</param>
    /// <param name="target">The target file size.</param>
    /// <param name="resizing">How far the layout may change.</param>
    /// <param name="keptNodes">
    /// Outside a full rewrite, the nodes of the merge's files it does not rewrite anyway (they may get position deletes
    /// instead): only subtrees clear of them merge. Null: nothing merges outside a full rewrite.
    /// </param>
    /// <param name="newBytes">
    /// The bytes of the change files the merge takes rows from, when it takes all of them: a partition without base
    /// files starts at the root while they are under half the target, as it would merge there later.
    /// </param>
    public static BaseLayout Create(
        IReadOnlyList<(DataTreeNode Node, long Bytes, long Rows)> files,
        IReadOnlyCollection<DataTreeNode> otherNodes,
        int buckets,
        long target,
        NodeResizing resizing,
        IReadOnlyCollection<DataTreeNode>? keptNodes = null,
        long? newBytes = null)
    {
        IReadOnlyList<DataTreeNode> roots = NodeCover.Of(files.Select(f => f.Node)).Roots;
        if (resizing == NodeResizing.None)
        {
            return new BaseLayout(roots, buckets);
        }

        if (roots.Count == 0 && otherNodes.Count == 0 && newBytes * 2 < target)
        {
            return new BaseLayout([DataTreeNode.Root], buckets);
        }

        // Bytes and rows per node, summed up every file's ancestors: a lookup per node asked about.
        var within = new Dictionary<long, (long Bytes, long Rows)>();
        foreach ((DataTreeNode node, long bytes, long rows) in files)
        {
            for (DataTreeNode current = node; ; current = current.Parent)
            {
                (long b, long r) = within.GetValueOrDefault(current.Id);
                within[current.Id] = (b + bytes, r + rows);
                if (current.Mask == 0)
                {
                    break;
                }
            }
        }

        long floor = buckets - 1;
        long BytesWithin(DataTreeNode node) => within.GetValueOrDefault(node.Id).Bytes;
        long RowsWithin(DataTreeNode node) => within.GetValueOrDefault(node.Id).Rows;
        bool Untouched(DataTreeNode node) => otherNodes.Any(node.Overlaps);
        bool Kept(DataTreeNode node) => resizing != NodeResizing.Full && (keptNodes is null || keptNodes.Any(node.Overlaps));

        // Merge first (upwards, up to the root), then split what is still too large.
        var leaves = new HashSet<DataTreeNode>(roots);
        var resized = new HashSet<DataTreeNode>();
        bool merged = true;
        while (merged)
        {
            merged = false;
            foreach (DataTreeNode leaf in leaves.Where(l => l.Mask > 0).OrderByDescending(l => l.Mask).ToList())
            {
                DataTreeNode parent = leaf.Parent;
                if (!leaves.Contains(leaf) || Untouched(parent) || Kept(parent) || BytesWithin(parent) * 2 >= target)
                {
                    continue;
                }

                resized.UnionWith(leaves.Where(l => l.IsSonOf(parent)));
                leaves.RemoveWhere(l => l.IsSonOf(parent));
                leaves.Add(parent);
                merged = true;
            }
        }

        var result = new List<DataTreeNode>();
        foreach (DataTreeNode leaf in leaves)
        {
            long bytes = BytesWithin(leaf);
            if (Untouched(leaf) || (resizing == NodeResizing.SplitOversized && bytes <= 2 * target) || (leaf.Mask < floor && bytes * 2 < target))
            {
                result.Add(leaf);
                continue;
            }

            // Each level halves the leaf's share; a level that would leave children under one row each (rows far
            // wider than the target) is not worth a rewrite. A leaf coarser than the configured buckets starts from them.
            long rows = RowsWithin(leaf);
            long mask = Math.Max(leaf.Mask, floor);
            while (mask < MaxMask && bytes / ((mask + 1) / (leaf.Mask + 1)) > target && rows / (((mask + 1) / (leaf.Mask + 1)) * 2) >= 1)
            {
                mask = (mask << 1) | 1;
            }

            if (mask != leaf.Mask)
            {
                resized.Add(leaf);
            }

            result.AddRange(Descendants(leaf, mask));
        }

        return new BaseLayout(result, buckets) { Resized = [.. resized.OrderBy(n => n.Id)] };
    }

    /// <summary>The id of the leaf node that rows with key hash <paramref name="hash"/> go to.</summary>
    public int NodeIdOf(int hash)
    {
        long bits = hash & int.MaxValue;
        foreach (long mask in _masks)
        {
            long id = mask + 1 + (bits & mask);
            if (_leafIds.Contains(id))
            {
                return (int)id;
            }
        }

        // No leaf holds the key: the configured bucket node, or finer while leaves lie below it.
        long m = _defaultMask;
        while (_aboveLeaves.Contains(m + 1 + (bits & m)) && m < MaxMask)
        {
            m = (m << 1) | 1;
        }

        return (int)(m + 1 + (bits & m));
    }

    /// <summary>The nodes of <paramref name="mask"/> within <paramref name="node"/> (the node itself at its own mask).</summary>
    private static IEnumerable<DataTreeNode> Descendants(DataTreeNode node, long mask)
    {
        long step = node.Mask + 1;
        for (long index = node.Index; index <= mask; index += step)
        {
            yield return new DataTreeNode(mask, index);
        }
    }
}
