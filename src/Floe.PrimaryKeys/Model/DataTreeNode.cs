using System.Globalization;
using System.Numerics;
using Floe.Common.Errors;

namespace Floe.PrimaryKeys.Model;

/// <summary>
/// A bucket of the key-hash tree: rows whose key hash masked with <see cref="Mask"/> (2^k - 1) equals
/// <see cref="Index"/>. Node ids number the tree breadth-first: root 1, then 2..3, 4..7 and so on (mask + 1 + index).
/// </summary>
public readonly record struct DataTreeNode
{
    public DataTreeNode(long mask, long index)
    {
        if (mask < 0 || !long.IsPow2(mask + 1) || index < 0 || index > mask)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, string.Create(CultureInfo.InvariantCulture, $"Invalid data tree node (mask {mask}, index {index}): the mask must be 2^k - 1 and the index at most the mask."));
        }

        Mask = mask;
        Index = index;
    }

    /// <summary>The node holding every row.</summary>
    public static DataTreeNode Root { get; } = new(0, 0);

    public long Mask { get; }

    public long Index { get; }

    /// <summary>The node's id in file names: mask + 1 + index.</summary>
    public long Id => Mask + 1 + Index;

    /// <summary>The node with the given id.</summary>
    public static DataTreeNode OfId(long id)
    {
        if (id < 1)
        {
            throw new FloeException(FloeErrorKind.InvalidData, string.Create(CultureInfo.InvariantCulture, $"Invalid data tree node id {id}: ids start at 1."));
        }

        long mask = (1L << (63 - BitOperations.LeadingZeroCount((ulong)id))) - 1;
        return new DataTreeNode(mask, id - mask - 1);
    }

    /// <summary>The node for <paramref name="buckets"/> buckets (a power of two) that a key hash falls in.</summary>
    public static DataTreeNode ForHash(int hash, int buckets) => new(buckets - 1, (hash & int.MaxValue) & (buckets - 1));

    /// <summary>Whether rows whose key hash is <paramref name="hash"/> belong to this node.</summary>
    public bool Holds(int hash) => ((hash & int.MaxValue) & Mask) == Index;

    /// <summary>Whether this node lies within <paramref name="ancestor"/> (or is it): its rows are a subset of the ancestor's.</summary>
    public bool IsSonOf(DataTreeNode ancestor) => ancestor.Mask <= Mask && (Index & ancestor.Mask) == ancestor.Index;

    /// <summary>Whether the two nodes share rows: one lies within the other.</summary>
    public bool Overlaps(DataTreeNode other) => IsSonOf(other) || other.IsSonOf(this);

    /// <summary>The node one level up (the root is its own parent).</summary>
    public DataTreeNode Parent => Mask == 0 ? this : new DataTreeNode(Mask >> 1, Index & (Mask >> 1));

    /// <summary>The two nodes one level down.</summary>
    public (DataTreeNode Left, DataTreeNode Right) Children => (new((Mask << 1) | 1, Index), new((Mask << 1) | 1, Index | (Mask + 1)));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"node {Id} ({Index}/{Mask + 1})");
}
