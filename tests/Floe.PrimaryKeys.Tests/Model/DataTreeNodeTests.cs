using Floe.Common.Errors;
using Floe.PrimaryKeys.Model;

namespace Floe.PrimaryKeys.Tests.Model;

public sealed class DataTreeNodeTests
{
    [Theory]
    [InlineData(0, 0, 1)]
    [InlineData(1, 0, 2)]
    [InlineData(1, 1, 3)]
    [InlineData(3, 2, 6)]
    [InlineData(7, 7, 15)]
    public void Ids_number_the_tree_breadth_first_and_parse_back(long mask, long index, long id)
    {
        var node = new DataTreeNode(mask, index);
        Assert.Equal(id, node.Id);
        Assert.Equal(node, DataTreeNode.OfId(id));
    }

    [Fact]
    public void A_node_holds_the_key_hashes_whose_low_bits_are_its_index()
    {
        var node = new DataTreeNode(3, 1);
        Assert.True(node.Holds(5));
        Assert.True(node.Holds(-3)); // the sign bit is dropped first: 0x7FFFFFFD & 3 = 1
        Assert.False(node.Holds(2));
        Assert.True(DataTreeNode.Root.Holds(12345));
        Assert.Equal(DataTreeNode.ForHash(-3, 4), node);
    }

    [Fact]
    public void A_node_is_a_son_of_its_ancestors_only()
    {
        var node = new DataTreeNode(7, 5);
        Assert.True(node.IsSonOf(new DataTreeNode(3, 1)));
        Assert.True(node.IsSonOf(new DataTreeNode(1, 1)));
        Assert.True(node.IsSonOf(DataTreeNode.Root));
        Assert.True(node.IsSonOf(node));
        Assert.False(node.IsSonOf(new DataTreeNode(3, 3)));
        Assert.False(new DataTreeNode(3, 1).IsSonOf(node));
        Assert.True(new DataTreeNode(3, 1).Overlaps(node));
        Assert.Equal(new DataTreeNode(3, 1), node.Parent);
        Assert.Equal((new DataTreeNode(15, 5), new DataTreeNode(15, 13)), node.Children);
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(3, 4)]
    [InlineData(-1, 0)]
    public void Invalid_masks_and_indexes_are_refused(long mask, long index) =>
        Assert.Throws<FloeException>(() => new DataTreeNode(mask, index));

    [Fact]
    public void A_hash_falls_in_the_node_of_its_low_bits_ignoring_the_sign()
    {
        Assert.Equal(new DataTreeNode(3, 2), DataTreeNode.ForHash(6, 4));
        Assert.Equal(new DataTreeNode(3, 3), DataTreeNode.ForHash(-1, 4));
        Assert.Equal(DataTreeNode.Root, DataTreeNode.ForHash(12345, 1));
        Assert.Throws<FloeException>(() => DataTreeNode.OfId(0));
    }
}
