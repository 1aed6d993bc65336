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

    [Fact]
    public void A_small_root_change_file_is_read_by_the_groups_of_the_finer_nodes_below_it()
    {
        // A small transaction written at the root over bucketed base and change files.
        DataTreeNode[] leaves = [new(3, 0), new(3, 1), new(3, 2), new(3, 3)];
        var groups = NodeGroups.Of(
            [.. leaves.Select(n => (n, 1000L, $"b{n.Index}"))],
            [(DataTreeNode.Root, 100L, "root"), (new DataTreeNode(3, 0), 500L, "c0"), (new DataTreeNode(3, 1), 500L, "c1")]);

        Assert.Equal(leaves, groups.Select(g => g.Node).OrderBy(n => n.Id));
        Assert.All(groups, g => Assert.True(g.FiltersChangeRows));
        Assert.All(groups, g => Assert.Contains("root", g.ChangeFiles));
        Assert.Equal(["root", "c0"], groups.Single(g => g.Node == leaves[0]).ChangeFiles);
        Assert.Equal(["b2"], groups.Single(g => g.Node == leaves[2]).BaseFiles);

        // Without base files the finer change files alone are split over.
        var changesOnly = NodeGroups.Of<string>([], [(DataTreeNode.Root, 10L, "root"), (new DataTreeNode(1, 0), 1000L, "c0"), (new DataTreeNode(1, 1), 1000L, "c1")]);
        Assert.Equal([new DataTreeNode(1, 0), new DataTreeNode(1, 1)], changesOnly.Select(g => g.Node));
        Assert.Equal(["root", "c1"], changesOnly[1].ChangeFiles);

        // A root file as large as the rest: re-reading it per part costs more than it saves.
        var whole = NodeGroups.Of<string>([], [(DataTreeNode.Root, 5000L, "root"), (new DataTreeNode(1, 0), 1000L, "c0"), (new DataTreeNode(1, 1), 1000L, "c1")]);
        NodeGroup<string> single = Assert.Single(whole);
        Assert.Equal(DataTreeNode.Root, single.Node);
        Assert.False(single.FiltersChangeRows);

        // A base file at the root keeps the subtree whole.
        Assert.Single(NodeGroups.Of([(DataTreeNode.Root, 1000L, "b")], [(new DataTreeNode(1, 0), 10L, "c0"), (new DataTreeNode(1, 1), 10L, "c1")]));
    }
}
