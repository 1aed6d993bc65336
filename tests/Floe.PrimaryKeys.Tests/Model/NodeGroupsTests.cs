using Floe.PrimaryKeys.Model;

namespace Floe.PrimaryKeys.Tests.Model;

public sealed class NodeGroupsTests
{
    [Fact]
    public void Files_of_one_subtree_meet_in_one_group()
    {
        // Base at 4 buckets, change at 2: each change node holds two base nodes.
        var groups = NodeGroups.Of(
            [(new DataTreeNode(3, 0), 100L, "b0"), (new DataTreeNode(3, 2), 100L, "b2"), (new DataTreeNode(3, 1), 100L, "b1")],
            [(new DataTreeNode(1, 0), 500L, "c0"), (new DataTreeNode(1, 1), 500L, "c1")]);

        Assert.Equal([new DataTreeNode(1, 0), new DataTreeNode(1, 1)], groups.Select(g => g.Node));
        Assert.Equal(["b0", "b2"], groups[0].BaseFiles);
        Assert.Equal(["c0"], groups[0].ChangeFiles);
        Assert.Equal(["b1"], groups[1].BaseFiles);
        Assert.All(groups, g => Assert.False(g.FiltersChangeRows));
    }

    [Fact]
    public void Split_base_nodes_under_few_changes_are_groups_of_their_own_reading_the_coarser_changes()
    {
        // Change node 1/1 over base nodes 7/1 and 7/5 (split from 3/1) and 3/3; 1/0 holds changes only.
        (DataTreeNode, long, string)[] baseFiles = [(new DataTreeNode(7, 1), 1000L, "b71"), (new DataTreeNode(7, 5), 1000L, "b75"), (new DataTreeNode(3, 3), 1000L, "b33")];
        var groups = NodeGroups.Of(baseFiles, [(new DataTreeNode(1, 1), 100L, "c1"), (new DataTreeNode(1, 0), 100L, "c0")]);

        Assert.Equal([new DataTreeNode(1, 0), new DataTreeNode(7, 1), new DataTreeNode(7, 5), new DataTreeNode(3, 3)], groups.Select(g => g.Node));
        Assert.False(groups[0].FiltersChangeRows);
        Assert.All(groups.Skip(1), g => Assert.True(g.FiltersChangeRows));
        Assert.All(groups.Skip(1), g => Assert.Equal(["c1"], g.ChangeFiles));
        Assert.Equal(["b71"], groups[1].BaseFiles);

        // Changes as large as the base: re-reading them per part would cost more than it saves.
        var whole = NodeGroups.Of(baseFiles, [(new DataTreeNode(1, 1), 3000L, "c1")]);
        NodeGroup<string> single = Assert.Single(whole);
        Assert.Equal(new DataTreeNode(1, 1), single.Node);
        Assert.Equal(["b71", "b75", "b33"], single.BaseFiles);
        Assert.False(single.FiltersChangeRows);
    }
}
