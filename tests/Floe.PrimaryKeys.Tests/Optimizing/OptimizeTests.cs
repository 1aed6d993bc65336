using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Properties;
using Floe.PrimaryKeys.Model;
using Floe.PrimaryKeys.Optimizing;
using Floe.Table.Scanning;
using Floe.TestKit;

namespace Floe.PrimaryKeys.Tests.Optimizing;

public sealed class OptimizeTests : IDisposable
{
    // Static buckets: auto-bucketing would keep these small tables in one root file.
    private readonly TestTable _fixture = TestTable.Create(properties: new Dictionary<string, string> { [PrimaryKeyProperties.BaseAutoBucket.Key] = "false", });

    // These small base files are fragments, which a minor optimizing rewrites with their changes unless told to keep them.
    private static readonly OptimizeOptions s_keepFragments = new() { MergeFragments = false };

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Optimize_moves_changes_into_bucketed_base_files_and_the_merged_view_stays_the_same()
    {
        PrimaryKeyTable table = _fixture.Open();
        await Rows.UpsertAsync(table, [.. Enumerable.Range(0, 40).Select(i => ((long)i, (string?)$"n{i}", (int?)i))]);
        await Rows.DeleteAsync(table, 3, 4);
        var before = await Rows.ReadAsync(table.NewScan());

        OptimizeResult result = await table.OptimizeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Committed);
        Assert.Equal(1, result.Partitions);
        Assert.Equal(82, result.ChangeRows);
        Assert.Equal(38, result.NewBaseRows);
        Assert.Equal(table.BaseBuckets, result.NewBaseFiles);
        Assert.Equal(0, result.PositionDeleteFiles);
        Assert.True(result.InputBytes > 0);
        await table.RefreshAsync(TestContext.Current.CancellationToken);
        Snapshot snapshot = table.BaseTable.CurrentSnapshot!;
        Assert.Equal(PrimaryKeyTableProperties.OptimizeProducer, snapshot.Summary[PrimaryKeyTableProperties.SnapshotProducer]);
        long lastTransaction = table.ChangeTable.Metadata.LastSequenceNumber;
        Assert.Equal(lastTransaction, OptimizedSequence.Of(table.BaseTable.Metadata, snapshot).Of(""));
        foreach (FileScanTask task in await BaseFilesAsync(table))
        {
            PrimaryKeyFileName name = PrimaryKeyFileName.TryParse(task.File.FilePath)!;
            Assert.Equal(PrimaryKeyFileKind.Base, name.Kind);
            Assert.Equal(lastTransaction, name.TransactionId);
            Assert.Equal(table.BaseBuckets - 1, name.Node.Mask);
        }

        Assert.Equal(before, await Rows.ReadAsync(table.NewScan()));
        Assert.False((await table.OptimizeAsync(cancellationToken: TestContext.Current.CancellationToken)).Committed);
    }

    [Fact]
    public async Task Updated_and_deleted_base_rows_get_position_deletes_and_new_rows_new_files()
    {
        PrimaryKeyTable table = _fixture.Open();
        await Rows.UpsertAsync(table, [.. Enumerable.Range(0, 100).Select(i => ((long)i, (string?)$"n{i}", (int?)i))]);
        await table.OptimizeAsync(cancellationToken: TestContext.Current.CancellationToken);
        await Rows.UpsertAsync(table, (5, "five", 500), (200, "new", 200));
        await Rows.DeleteAsync(table, 7, 8, 1000);
        var before = await Rows.ReadAsync(table.NewScan());

        OptimizeResult result = await table.OptimizeAsync(s_keepFragments, TestContext.Current.CancellationToken);

        Assert.Equal(3, result.DeletedBaseRows);
        Assert.True(result.PositionDeleteFiles >= 1);
        Assert.Equal(0, result.RewrittenBaseFiles);
        Assert.Equal(2, result.NewBaseRows);
        Assert.Equal(before, await Rows.ReadAsync(table.NewScan()));
        Assert.Contains(await BaseFilesAsync(table), t => t.Deletes.Any(d => PrimaryKeyFileName.TryParse(d.FilePath)?.Kind == PrimaryKeyFileKind.PositionDelete));
    }

    [Fact]
    public async Task A_base_file_mostly_changed_is_rewritten_and_its_deletes_removed()
    {
        using TestTable oneBucket = TestTable.Create(properties: new Dictionary<string, string> { [PrimaryKeyProperties.BaseHashBucket.Key] = "1", [PrimaryKeyProperties.ChangeHashBucket.Key] = "1" });
        PrimaryKeyTable table = oneBucket.Open();
        await Rows.UpsertAsync(table, [.. Enumerable.Range(0, 10).Select(i => ((long)i, (string?)"v1", (int?)i))]);
        await table.OptimizeAsync(cancellationToken: TestContext.Current.CancellationToken);
        await Rows.DeleteAsync(table, 0);
        OptimizeResult small = await table.OptimizeAsync(s_keepFragments, TestContext.Current.CancellationToken);
        Assert.Equal(1, small.PositionDeleteFiles);
        await Rows.UpsertAsync(table, [.. Enumerable.Range(1, 6).Select(i => ((long)i, (string?)"v2", (int?)i))]);
        var before = await Rows.ReadAsync(table.NewScan());

        OptimizeResult result = await table.OptimizeAsync(s_keepFragments, TestContext.Current.CancellationToken);

        Assert.Equal(1, result.RewrittenBaseFiles);
        Assert.Equal(1, result.RemovedDeleteFiles);
        Assert.Equal(0, result.PositionDeleteFiles);
        Assert.Equal(9, result.NewBaseRows);
        Assert.Equal(before, await Rows.ReadAsync(table.NewScan()));
        var files = await BaseFilesAsync(table);
        Assert.Single(files);
        Assert.Empty(files[0].Deletes);
    }

    [Fact]
    public async Task Minor_rewrites_the_fragments_of_changed_nodes_so_small_commits_do_not_pile_up_base_files()
    {
        PrimaryKeyTable table = _fixture.Open();
        await Rows.UpsertAsync(table, [.. Enumerable.Range(0, 200).Select(i => ((long)i, (string?)$"n{i}", (int?)i))]);
        await table.OptimizeAsync(cancellationToken: TestContext.Current.CancellationToken);
        int nodes = (await BaseFilesAsync(table)).Count;
        var random = new Random(5);
        for (int round = 0; round < 12; round++)
        {
            await Rows.UpsertAsync(table, [.. Enumerable.Range(0, 3).Select(_ => random.Next(250)).Distinct().Select(k => ((long)k, (string?)$"r{round}", (int?)k))]);
            await Rows.DeleteAsync(table, random.Next(250));
            var before = await Rows.ReadAsync(table.NewScan());

            OptimizeResult result = await table.OptimizeAsync(cancellationToken: TestContext.Current.CancellationToken);

            Assert.True(result.Committed);
            Assert.Equal(0, result.PositionDeleteFiles);
            Assert.True(result.RewrittenBaseFiles >= 1, $"round {round}: no fragment rewritten");
            Assert.Equal(before, await Rows.ReadAsync(table.NewScan()));
        }

        // Every node keeps one base file and no delete file: the changed ones were rewritten with their changes.
        IReadOnlyList<FileScanTask> files = await BaseFilesAsync(table);
        Assert.Equal(nodes, files.Count);
        Assert.All(files, f => Assert.Empty(f.Deletes));
    }

    [Fact]
    public async Task Minor_keeping_fragments_gives_them_position_deletes_and_files_pile_up()
    {
        PrimaryKeyTable table = _fixture.Open();
        await Rows.UpsertAsync(table, [.. Enumerable.Range(0, 200).Select(i => ((long)i, (string?)$"n{i}", (int?)i))]);
        await table.OptimizeAsync(cancellationToken: TestContext.Current.CancellationToken);
        int nodes = (await BaseFilesAsync(table)).Count;
        for (int round = 0; round < 3; round++)
        {
            await Rows.UpsertAsync(table, (round, $"r{round}", round), (1000 + round, "new", round));
            await table.OptimizeAsync(s_keepFragments, TestContext.Current.CancellationToken);
        }

        IReadOnlyList<FileScanTask> files = await BaseFilesAsync(table);
        Assert.True(files.Count > nodes, $"{files.Count} base files, {nodes} nodes");
        Assert.Contains(files, f => f.Deletes.Count > 0);
    }

    [Fact]
    public async Task Fragments_are_files_up_to_target_size_over_fragment_ratio()
    {
        using TestTable smallFragments = TestTable.Create(properties: new Dictionary<string, string>
        {
            [PrimaryKeyProperties.BaseAutoBucket.Key] = "false",
            [SelfOptimizingProperties.TargetSize.Key] = "1000",
            [SelfOptimizingProperties.FragmentRatio.Key] = "2",
        });
        PrimaryKeyTable table = smallFragments.Open();
        Assert.Equal(500, MinorFragments.SizeOf(table.BaseTable.Metadata));
        await Rows.UpsertAsync(table, [.. Enumerable.Range(0, 100).Select(i => ((long)i, (string?)$"n{i}", (int?)i))]);
        await table.OptimizeAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.All(await BaseFilesAsync(table), f => Assert.True(f.File.FileSizeInBytes > 500));
        await Rows.UpsertAsync(table, (5, "five", 500));

        // No base file is a fragment here: the changed one gets a position delete, as with fragments kept.
        OptimizeResult result = await table.OptimizeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, result.RewrittenBaseFiles);
        Assert.Equal(1, result.PositionDeleteFiles);
    }

    [Fact]
    public async Task Full_optimize_leaves_base_files_without_deletes()
    {
        PrimaryKeyTable table = _fixture.Open();
        await Rows.UpsertAsync(table, [.. Enumerable.Range(0, 50).Select(i => ((long)i, (string?)$"n{i}", (int?)i))]);
        await table.OptimizeAsync(cancellationToken: TestContext.Current.CancellationToken);
        await Rows.DeleteAsync(table, 1, 2, 3);
        await table.OptimizeAsync(s_keepFragments, TestContext.Current.CancellationToken);
        Assert.Contains(await BaseFilesAsync(table), t => t.Deletes.Count > 0);
        await Rows.UpsertAsync(table, (60, "x", 60));
        var before = await Rows.ReadAsync(table.NewScan());

        OptimizeResult result = await table.OptimizeAsync(new OptimizeOptions { Mode = OptimizeMode.Full }, TestContext.Current.CancellationToken);

        Assert.Equal(48, result.NewBaseRows);
        Assert.True(result.RemovedDeleteFiles >= 1);
        Assert.All(await BaseFilesAsync(table), t => Assert.Empty(t.Deletes));
        Assert.Equal(before, await Rows.ReadAsync(table.NewScan()));
    }

    [Fact]
    public async Task Partitions_keep_their_own_optimized_points()
    {
        using TestTable partitioned = TestTable.Create(spec: schema => new PartitionSpecBuilder(schema).Bucket("value", 2).Build());
        PrimaryKeyTable table = partitioned.Open();
        await Rows.UpsertAsync(table, [.. Enumerable.Range(0, 20).Select(i => ((long)i, (string?)$"n{i}", (int?)i))]);
        await table.OptimizeAsync(cancellationToken: TestContext.Current.CancellationToken);
        long firstPoint = table.ChangeTable.Metadata.LastSequenceNumber;
        await Rows.UpsertAsync(table, (0, "changed", 0));
        var before = await Rows.ReadAsync(table.NewScan());

        OptimizeResult result = await table.OptimizeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, result.Partitions);
        Assert.Equal(2, result.OptimizedPoints.Count);
        Assert.Contains(firstPoint, result.OptimizedPoints.Values);
        Assert.Contains(firstPoint + 1, result.OptimizedPoints.Values);
        Assert.Equal(before, await Rows.ReadAsync(table.NewScan()));
    }

    [Fact]
    public async Task Optimize_plans_again_when_another_optimize_moved_the_base_store()
    {
        PrimaryKeyTable first = _fixture.Open();
        PrimaryKeyTable second = _fixture.Open();
        await Rows.UpsertAsync(first, [.. Enumerable.Range(0, 30).Select(i => ((long)i, (string?)$"n{i}", (int?)i))]);
        await second.RefreshAsync(TestContext.Current.CancellationToken);
        var before = await Rows.ReadAsync(first.NewScan());

        // Two optimizers race on the same changes: one commits, the other finds the base moved and plans again.
        OptimizeResult[] results = await Task.WhenAll(
            first.OptimizeAsync(cancellationToken: TestContext.Current.CancellationToken),
            second.OptimizeAsync(cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(1, results.Count(r => r.Committed));
        await first.RefreshAsync(TestContext.Current.CancellationToken);
        Assert.Equal(before, await Rows.ReadAsync(first.NewScan()));
        Assert.Equal(30, (await BaseFilesAsync(first)).Sum(t => t.File.RecordCount));
        Assert.Equal(_fixture.DataFiles("base").Length, (await BaseFilesAsync(first)).Count);
    }

    [Fact]
    public async Task Bad_options_are_rejected()
    {
        PrimaryKeyTable table = _fixture.Open();
        var error = await Assert.ThrowsAsync<FloeException>(() => table.OptimizeAsync(new OptimizeOptions { RewriteRatio = 2 }, TestContext.Current.CancellationToken));
        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.False((await table.OptimizeAsync(cancellationToken: TestContext.Current.CancellationToken)).Committed);
    }

    private static async Task<IReadOnlyList<FileScanTask>> BaseFilesAsync(PrimaryKeyTable table)
    {
        await table.RefreshAsync(TestContext.Current.CancellationToken);
        TableMetadata metadata = table.BaseTable.Metadata;
        return await new TableScan(metadata, table.BaseTable.Operations.Io).PlanFilesAsync(TestContext.Current.CancellationToken);
    }
}
