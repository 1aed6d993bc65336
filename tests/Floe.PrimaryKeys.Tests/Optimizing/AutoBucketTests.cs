using Floe.Core.Expressions;
using Floe.Core.Metadata;
using Floe.Core.Properties;
using Floe.Core.Values;
using Floe.PrimaryKeys.Model;
using Floe.PrimaryKeys.Optimizing;
using Floe.PrimaryKeys.Reading;
using Floe.Table.Scanning;
using Floe.TestKit;

namespace Floe.PrimaryKeys.Tests.Optimizing;

public sealed class AutoBucketTests
{
    private const int Rows = 3000;

    [Fact]
    public async Task Full_optimizing_splits_nodes_that_outgrow_the_target_size_and_merges_them_back_when_they_shrink()
    {
        using TestTable fixture = Create(autoBucket: true);
        PrimaryKeyTable table = fixture.Open();
        CancellationToken ct = TestContext.Current.CancellationToken;
        var model = new Dictionary<long, (string? Name, int? Value)>();
        await UpsertAsync(table, model, Enumerable.Range(0, Rows).Select(i => (long)i), version: 1);

        // The first full optimize writes the base files; the next one finds its nodes over the target and splits them.
        await table.OptimizeAsync(new OptimizeOptions { Mode = OptimizeMode.Full }, ct);
        Assert.All(await BaseNodesAsync(table), f => Assert.Equal(1, f.Node.Mask));
        await table.OptimizeAsync(new OptimizeOptions { Mode = OptimizeMode.Full }, ct);

        List<(DataTreeNode Node, long Bytes)> split = await BaseNodesAsync(table);
        Assert.All(split, f => Assert.True(f.Node.Mask > 1, $"{f.Node} should be finer than the 2 configured buckets"));
        Assert.True(split.Select(f => f.Node).Distinct().Count() >= 8, "each of the two nodes holds several target sizes and splits into several leaves");
        Assert.Equal(split.Count, NodeCover.Of(split.Select(f => f.Node)).Roots.Count);
        Assert.Equal(Sorted(model), await Floe.TestKit.Rows.ReadAsync(table.NewScan()));

        // Merge-on-read over split base nodes and a few changes in the coarser change nodes: one task per base leaf,
        // reading the change files for its own keys.
        HashSet<DataTreeNode> leaves = [.. split.Select(f => f.Node)];
        await UpsertAsync(table, model, Enumerable.Range(0, 12).Select(i => (long)(i * 7)), version: 2);
        IReadOnlyList<MergeTask> tasks = await table.NewScan().PlanAsync(ct);
        Assert.Equal(leaves.Order(ById), tasks.Select(t => t.Node).Order(ById));
        Assert.All(tasks, t => Assert.True(t.FiltersChangeRows));
        Assert.All(tasks, t => Assert.All(t.BaseFiles, f => Assert.True(PrimaryKeyFileName.TryParse(f.File.FilePath)!.Node.IsSonOf(t.Node))));
        Assert.Equal(Sorted(model), await Floe.TestKit.Rows.ReadAsync(table.NewScan()));
        Assert.Equal(Sorted(model), await Floe.TestKit.Rows.ReadAsync(table.NewScan().WithParallelism(1)));
        Assert.Equal(Sorted(model).Where(r => r.Item3 == 2), await Floe.TestKit.Rows.ReadAsync(table.NewScan().Where(Expr.Equal("value", Literal.Of(2)))));

        // Many changes: re-reading them per leaf would cost more than the base, so each change node is one task; the
        // small transaction before, written at the root, is the only file both read for their own keys.
        await UpsertAsync(table, model, Enumerable.Range(0, 2000).Select(i => (long)i), version: 3);
        tasks = await table.NewScan().PlanAsync(ct);
        Assert.Equal([new DataTreeNode(1, 0), new DataTreeNode(1, 1)], tasks.Select(t => t.Node).Order(ById));
        Assert.All(tasks, t => Assert.All(t.ChangeFiles, f => Assert.Equal(
            PrimaryKeyFileName.TryParse(f.File.FilePath)!.Node == DataTreeNode.Root, t.FiltersChangeRows && PrimaryKeyFileName.TryParse(f.File.FilePath)!.TransactionId == 2)));
        Assert.Equal(Sorted(model), await Floe.TestKit.Rows.ReadAsync(table.NewScan()));

        // A minor optimize writes changed rows into the existing leaves.
        await table.OptimizeAsync(new OptimizeOptions { Mode = OptimizeMode.Minor, RewriteRatio = 1 }, ct);
        Assert.All(await BaseNodesAsync(table), f => Assert.Contains(f.Node, leaves));
        Assert.Equal(Sorted(model), await Floe.TestKit.Rows.ReadAsync(table.NewScan()));

        // Most keys deleted: the full optimize that drops them leaves small files in the leaves; the next one merges
        // the leaves back into the two configured buckets (the root would hold their many small files, over half the
        // target size), and the one after into one root file.
        long[] gone = [.. Enumerable.Range(20, Rows - 20).Select(i => (long)i)];
        await DeleteAsync(table, model, gone);
        await table.OptimizeAsync(new OptimizeOptions { Mode = OptimizeMode.Full }, ct);
        Assert.All(await BaseNodesAsync(table), f => Assert.True(f.Node.Mask > 1));
        Assert.Equal(Sorted(model), await Floe.TestKit.Rows.ReadAsync(table.NewScan()));
        await table.OptimizeAsync(new OptimizeOptions { Mode = OptimizeMode.Full }, ct);
        List<(DataTreeNode Node, long Bytes)> merged = await BaseNodesAsync(table);
        Assert.Equal([new DataTreeNode(1, 0), new DataTreeNode(1, 1)], merged.Select(f => f.Node).Distinct().OrderBy(n => n.Id));
        Assert.Equal(Sorted(model), await Floe.TestKit.Rows.ReadAsync(table.NewScan()));
        await table.OptimizeAsync(new OptimizeOptions { Mode = OptimizeMode.Full }, ct);
        Assert.Equal([DataTreeNode.Root], (await BaseNodesAsync(table)).Select(f => f.Node).Distinct());
        Assert.Equal(20, model.Count);
        Assert.Equal(Sorted(model), await Floe.TestKit.Rows.ReadAsync(table.NewScan()));
    }

    [Fact]
    public async Task A_minor_optimize_splits_a_node_holding_over_twice_the_target_size()
    {
        using TestTable fixture = Create(autoBucket: true);
        PrimaryKeyTable table = fixture.Open();
        CancellationToken ct = TestContext.Current.CancellationToken;
        var model = new Dictionary<long, (string? Name, int? Value)>();
        await UpsertAsync(table, model, Enumerable.Range(0, Rows).Select(i => (long)i), version: 1);
        await table.OptimizeAsync(cancellationToken: ct);
        List<(DataTreeNode Node, long Bytes)> before = await BaseNodesAsync(table);
        Assert.All(before, f => Assert.Equal(1, f.Node.Mask));
        Assert.All(before, f => Assert.True(f.Bytes > 2 * 16384, $"{f.Node} holds {f.Bytes} bytes"));

        await UpsertAsync(table, model, [1, 2, 3], version: 2);
        OptimizeResult result = await table.OptimizeAsync(cancellationToken: ct);

        Assert.Equal(2, result.RewrittenBaseFiles);
        Assert.All(await BaseNodesAsync(table), f => Assert.True(f.Node.Mask > 1, $"{f.Node} should have been split"));
        Assert.Equal(Sorted(model), await Floe.TestKit.Rows.ReadAsync(table.NewScan()));
    }

    [Fact]
    public async Task With_auto_bucketing_off_full_optimizing_keeps_the_configured_buckets()
    {
        using TestTable fixture = Create(autoBucket: false);
        PrimaryKeyTable table = fixture.Open();
        var model = new Dictionary<long, (string? Name, int? Value)>();
        await UpsertAsync(table, model, Enumerable.Range(0, Rows).Select(i => (long)i), version: 1);

        await table.OptimizeAsync(new OptimizeOptions { Mode = OptimizeMode.Full }, TestContext.Current.CancellationToken);

        List<(DataTreeNode Node, long Bytes)> files = await BaseNodesAsync(table);
        Assert.Equal([new DataTreeNode(1, 0), new DataTreeNode(1, 1)], files.Select(f => f.Node).Distinct().OrderBy(n => n.Id));
        Assert.Equal(Sorted(model), await Floe.TestKit.Rows.ReadAsync(table.NewScan()));
    }

    [Fact]
    public void A_bad_auto_bucket_value_is_refused_by_name_when_the_table_is_created()
    {
        var error = Assert.Throws<Floe.Common.Errors.FloeException>(() => PrimaryKeyTableProperties.AutoBucket(new Dictionary<string, string> { [PrimaryKeyProperties.BaseAutoBucket.Key] = "sometimes" }));
        Assert.Contains(PrimaryKeyProperties.BaseAutoBucket.Key, error.Message, StringComparison.Ordinal);
        Assert.True(PrimaryKeyTableProperties.AutoBucket(new Dictionary<string, string>()));
        var atCreate = Assert.Throws<Floe.Common.Errors.FloeException>(() => PrimaryKeyTableMetadata.Create(TestTable.DefaultSchema, null, ["id"], "/tables/t", new Dictionary<string, string> { [PrimaryKeyProperties.BaseAutoBucket.Key] = "1" }));
        Assert.Contains(PrimaryKeyProperties.BaseAutoBucket.Key, atCreate.Message, StringComparison.Ordinal);
    }

    private static Comparer<DataTreeNode> ById { get; } = Comparer<DataTreeNode>.Create((a, b) => a.Id.CompareTo(b.Id));

    private static TestTable Create(bool autoBucket) => TestTable.Create(properties: new Dictionary<string, string>
    {
        [PrimaryKeyProperties.BaseHashBucket.Key] = "2",
        [PrimaryKeyProperties.ChangeHashBucket.Key] = "2",
        [PrimaryKeyProperties.BaseAutoBucket.Key] = autoBucket ? "true" : "false",
        ["write.target-file-size-bytes"] = "16384",
        ["write.parquet.compression-codec"] = "uncompressed",
    });

    private static async Task UpsertAsync(PrimaryKeyTable table, Dictionary<long, (string? Name, int? Value)> model, IEnumerable<long> keys, int version)
    {
        // Names of 40 distinct characters, so that files hold about 50 bytes a row.
        (long, string?, int?)[] rows = [.. keys.Select(k => (k, (string?)$"{version:D2}-{k:D8}-{Guid.NewGuid():N}"[..40], (int?)version))];
        await Floe.TestKit.Rows.UpsertAsync(table, rows);
        foreach ((long id, string? name, int? value) in rows)
        {
            model[id] = (name, value);
        }
    }

    private static async Task DeleteAsync(PrimaryKeyTable table, Dictionary<long, (string? Name, int? Value)> model, long[] keys)
    {
        await Floe.TestKit.Rows.DeleteAsync(table, keys);
        foreach (long key in keys)
        {
            model.Remove(key);
        }
    }

    private static List<(long, string?, int?)> Sorted(Dictionary<long, (string? Name, int? Value)> model) =>
        [.. model.OrderBy(p => p.Key).Select(p => (p.Key, p.Value.Name, p.Value.Value))];

    private static async Task<List<(DataTreeNode Node, long Bytes)>> BaseNodesAsync(PrimaryKeyTable table)
    {
        await table.RefreshAsync(TestContext.Current.CancellationToken);
        TableMetadata metadata = table.BaseTable.Metadata;
        IReadOnlyList<FileScanTask> files = await new TableScan(metadata, table.BaseTable.Operations.Io).PlanFilesAsync(TestContext.Current.CancellationToken);
        return [.. files.Select(f => (PrimaryKeyFileName.TryParse(f.File.FilePath)!.Node, f.File.FileSizeInBytes))];
    }
}
