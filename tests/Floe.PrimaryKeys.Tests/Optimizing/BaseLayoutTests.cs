using Floe.PrimaryKeys.Model;
using Floe.PrimaryKeys.Optimizing;

namespace Floe.PrimaryKeys.Tests.Optimizing;

public sealed class BaseLayoutTests
{
    private const long Target = 1000;

    [Fact]
    public void Without_files_every_key_goes_to_its_configured_bucket()
    {
        var layout = BaseLayout.Create([], [], buckets: 4, Target, NodeResizing.None);

        for (int hash = -50; hash < 50; hash++)
        {
            Assert.Equal(DataTreeNode.ForHash(hash, 4).Id, layout.NodeIdOf(hash));
        }
    }

    [Fact]
    public void Keys_go_to_the_leaf_holding_them_and_uncovered_keys_below_finer_leaves()
    {
        // Node 3/1 was split and only its child 7/1 holds files; 3/0 and 3/2 hold files, 3/3 none.
        var layout = BaseLayout.Create([(new(7, 1), 10, 1000), (new(3, 0), 10, 1000), (new(3, 2), 10, 1000)], [], buckets: 4, Target, NodeResizing.None);

        Assert.Equal(new DataTreeNode(7, 1).Id, layout.NodeIdOf(1));
        Assert.Equal(new DataTreeNode(7, 1).Id, layout.NodeIdOf(9));
        Assert.Equal(new DataTreeNode(7, 5).Id, layout.NodeIdOf(5));
        Assert.Equal(new DataTreeNode(3, 0).Id, layout.NodeIdOf(4));
        Assert.Equal(new DataTreeNode(3, 2).Id, layout.NodeIdOf(6));
        Assert.Equal(new DataTreeNode(3, 3).Id, layout.NodeIdOf(7));
        Assert.Equal(new DataTreeNode(3, 3).Id, layout.NodeIdOf(-1));
    }

    [Fact]
    public void A_coarse_leaf_keeps_its_keys_until_it_is_rewritten_holding_half_the_target()
    {
        var kept = BaseLayout.Create([(DataTreeNode.Root, 10, 1000)], [], buckets: 4, Target, NodeResizing.None);
        Assert.All(Enumerable.Range(0, 16), hash => Assert.Equal(DataTreeNode.Root.Id, kept.NodeIdOf(hash)));

        // Rewritten while small, it stays one node.
        var small = BaseLayout.Create([(DataTreeNode.Root, 10, 1000)], [], buckets: 4, Target, NodeResizing.Full);
        Assert.Equal([DataTreeNode.Root], small.Leaves);
        Assert.Empty(small.Resized);

        // Rewritten holding half the target or more, it is bucketed at the configured count again.
        var grown = BaseLayout.Create([(DataTreeNode.Root, Target / 2, 1000)], [], buckets: 4, Target, NodeResizing.Full);
        Assert.Equal([new DataTreeNode(3, 0), new DataTreeNode(3, 1), new DataTreeNode(3, 2), new DataTreeNode(3, 3)], grown.Leaves);
        Assert.Equal([DataTreeNode.Root], grown.Resized);
    }

    [Fact]
    public void A_leaf_over_the_target_splits_into_as_many_levels_as_bring_it_under()
    {
        var layout = BaseLayout.Create([(new(1, 0), 500, 1000), (new(1, 1), 600, 1000), (new(1, 1), 600, 1000)], [], buckets: 2, Target, NodeResizing.Full);

        // 1/0 holds 500 and stays; 1/1 holds 1,200: two children of 600 each.
        Assert.Equal([new DataTreeNode(1, 0), new DataTreeNode(3, 1), new DataTreeNode(3, 3)], layout.Leaves);
        Assert.Equal(new DataTreeNode(3, 3).Id, layout.NodeIdOf(3));
        Assert.Equal(new DataTreeNode(1, 0).Id, layout.NodeIdOf(2));

        var deep = BaseLayout.Create([(new(1, 1), 7_500, 1000)], [], buckets: 2, Target, NodeResizing.Full);
        Assert.Equal(8, deep.Leaves.Count(l => l.IsSonOf(new DataTreeNode(1, 1))));
        Assert.All(deep.Leaves.Where(l => l.IsSonOf(new DataTreeNode(1, 1))), l => Assert.Equal(15, l.Mask));

        // Rows wider than the target: no level that leaves a child without a row.
        var wide = BaseLayout.Create([(new(1, 1), 7_500, 3)], [], buckets: 2, Target, NodeResizing.Full);
        Assert.Equal([new DataTreeNode(3, 1), new DataTreeNode(3, 3)], wide.Leaves);
        var single = BaseLayout.Create([(new(1, 1), 7_500, 1)], [], buckets: 2, Target, NodeResizing.Full);
        Assert.Equal([new DataTreeNode(1, 1)], single.Leaves);
    }

    [Fact]
    public void Outside_full_rewrites_only_leaves_over_twice_the_target_split()
    {
        var layout = BaseLayout.Create([(new(1, 0), 1_900, 1000), (new(1, 1), 2_500, 1000), (new(3, 2), 100, 1000)], [], buckets: 4, Target, NodeResizing.SplitOversized);

        // 1/0 stays (not over twice the target; no merge or re-bucketing outside full rewrites), 1/1 splits in four.
        Assert.Equal([new DataTreeNode(1, 0), new DataTreeNode(7, 1), new DataTreeNode(7, 3), new DataTreeNode(7, 5), new DataTreeNode(7, 7)], layout.Leaves);
        Assert.Equal([new DataTreeNode(1, 1)], layout.Resized);
    }

    [Fact]
    public void Small_subtrees_merge_while_their_parent_holds_under_half_the_target_up_to_the_root()
    {
        // 3/1 + 7/3 + 7/7 (subtree of 1/1) hold 300 together: below half the target, so they merge into 1/1. 3/0 and 3/2
        // hold 400 together and merge into 1/0. The root would hold 700: they stay two.
        var layout = BaseLayout.Create(
            [(new(3, 1), 100, 1000), (new(7, 3), 100, 1000), (new(7, 7), 100, 1000), (new(3, 0), 200, 1000), (new(3, 2), 200, 1000)], [], buckets: 2, Target, NodeResizing.Full);
        Assert.Equal([new DataTreeNode(1, 0), new DataTreeNode(1, 1)], layout.Leaves);

        // Under half the target in all: one node at the root, above the configured four buckets.
        var small = BaseLayout.Create(
            [(new(3, 0), 100, 1000), (new(3, 1), 100, 1000), (new(3, 2), 100, 1000), (new(3, 3), 100, 1000)], [], buckets: 4, Target, NodeResizing.Full);
        Assert.Equal([DataTreeNode.Root], small.Leaves);
        Assert.All([new DataTreeNode(3, 0), new DataTreeNode(3, 1), new DataTreeNode(3, 2), new DataTreeNode(3, 3)], n => Assert.Contains(n, small.Resized));
        Assert.All(Enumerable.Range(-8, 16), hash => Assert.Equal(DataTreeNode.Root.Id, small.NodeIdOf(hash)));
    }

    [Fact]
    public void A_partition_without_base_files_starts_at_the_root_while_its_new_rows_are_under_half_the_target()
    {
        Assert.Equal([DataTreeNode.Root], BaseLayout.Create([], [], buckets: 4, Target, NodeResizing.SplitOversized, newBytes: Target / 2 - 1).Leaves);
        Assert.All(Enumerable.Range(-8, 16), hash => Assert.Equal(DataTreeNode.Root.Id, BaseLayout.Create([], [], buckets: 4, Target, NodeResizing.Full, newBytes: 10).NodeIdOf(hash)));

        // Larger, unknown (a merge of some nodes' changes), or without auto-bucketing: the configured buckets.
        Assert.Equal(DataTreeNode.ForHash(5, 4).Id, BaseLayout.Create([], [], buckets: 4, Target, NodeResizing.SplitOversized, newBytes: Target / 2).NodeIdOf(5));
        Assert.Equal(DataTreeNode.ForHash(5, 4).Id, BaseLayout.Create([], [], buckets: 4, Target, NodeResizing.SplitOversized).NodeIdOf(5));
        Assert.Equal(DataTreeNode.ForHash(5, 4).Id, BaseLayout.Create([], [], buckets: 4, Target, NodeResizing.None, newBytes: 10).NodeIdOf(5));
    }

    [Fact]
    public void Outside_a_full_rewrite_small_subtrees_merge_only_where_every_file_is_rewritten_anyway()
    {
        (DataTreeNode, long, long)[] files = [(new(3, 0), 100, 1000), (new(3, 1), 100, 1000), (new(3, 2), 100, 1000), (new(3, 3), 100, 1000)];

        Assert.Equal([DataTreeNode.Root], BaseLayout.Create(files, [], buckets: 4, Target, NodeResizing.SplitOversized, keptNodes: []).Leaves);

        // 3/2 keeps its file (position deletes, say): 1/0 cannot merge, 1/1 can, the root cannot.
        var partly = BaseLayout.Create(files, [], buckets: 4, Target, NodeResizing.SplitOversized, keptNodes: [new DataTreeNode(3, 2)]);
        Assert.Equal([new DataTreeNode(1, 1), new DataTreeNode(3, 0), new DataTreeNode(3, 2)], partly.Leaves);
        Assert.Equal([new DataTreeNode(3, 1), new DataTreeNode(3, 3)], partly.Resized);

        // Without the kept nodes, nothing merges outside a full rewrite.
        Assert.Equal(4, BaseLayout.Create(files, [], buckets: 4, Target, NodeResizing.SplitOversized).Leaves.Count);
    }

    [Fact]
    public void Siblings_that_are_not_both_small_stay_apart()
    {
        var layout = BaseLayout.Create([(new(3, 1), 100, 1000), (new(3, 3), 700, 1000)], [], buckets: 2, Target, NodeResizing.Full);

        Assert.Equal([new DataTreeNode(3, 1), new DataTreeNode(3, 3)], layout.Leaves);
    }

    [Fact]
    public void Nodes_holding_files_the_merge_does_not_cover_are_left_as_they_are()
    {
        // 3/3 holds files of another task: 3/1 cannot merge into 1/1, and a split of 3/3's subtree is not this merge's.
        var layout = BaseLayout.Create([(new(3, 1), 100, 1000)], [new(3, 3)], buckets: 2, Target, NodeResizing.Full);
        Assert.Equal([new DataTreeNode(3, 1)], layout.Leaves);

        var coarse = BaseLayout.Create([(new(3, 1), 5_000, 1000)], [new(1, 1)], buckets: 2, Target, NodeResizing.Full);
        Assert.Equal([new DataTreeNode(3, 1)], coarse.Leaves);
    }
}
