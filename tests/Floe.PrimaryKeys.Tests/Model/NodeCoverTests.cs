using Floe.PrimaryKeys.Model;

namespace Floe.PrimaryKeys.Tests.Model;

public sealed class NodeCoverTests
{
    [Fact]
    public void Roots_are_the_coarsest_nodes_and_hold_every_finer_one()
    {
        DataTreeNode[] nodes = [new(7, 1), new(7, 5), new(3, 1), new(3, 2), new(7, 2), new(1, 1), new(15, 3), new(7, 3)];

        NodeCover cover = NodeCover.Of(nodes);

        Assert.Equal([new DataTreeNode(1, 1), new DataTreeNode(3, 2)], cover.Roots);
        Assert.Equal(new DataTreeNode(1, 1), cover.RootOf(new DataTreeNode(7, 5)));
        Assert.Equal(new DataTreeNode(1, 1), cover.RootOf(new DataTreeNode(15, 3)));
        Assert.Equal(new DataTreeNode(3, 2), cover.RootOf(new DataTreeNode(7, 2)));
        Assert.Throws<ArgumentException>(() => cover.RootOf(new DataTreeNode(3, 0)));
    }

    [Fact]
    public void The_root_node_covers_everything_and_disjoint_nodes_are_their_own_roots()
    {
        Assert.Equal([DataTreeNode.Root], NodeCover.Of([new(3, 1), DataTreeNode.Root, new(1, 0)]).Roots);
        Assert.Equal([new DataTreeNode(3, 0), new DataTreeNode(3, 3), new DataTreeNode(7, 5)], NodeCover.Of([new(7, 5), new(3, 3), new(3, 0), new(3, 0)]).Roots);
        Assert.Empty(NodeCover.Of([]).Roots);
    }
}
