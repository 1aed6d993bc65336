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

        OptimizeResult result = await table.OptimizeAsync(cancellationToken: TestContext.Current.CancellationToken);

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
        OptimizeResult small = await table.OptimizeAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, small.PositionDeleteFiles);
        await Rows.UpsertAsync(table, [.. Enumerable.Range(1, 6).Select(i => ((long)i, (string?)"v2", (int?)i))]);
        var before = await Rows.ReadAsync(table.NewScan());

        OptimizeResult result = await table.OptimizeAsync(cancellationToken: TestContext.Current.CancellationToken);

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
    public async Task Full_optimize_leaves_base_files_without_deletes()
    {
        PrimaryKeyTable table = _fixture.Open();
        await Rows.UpsertAsync(table, [.. Enumerable.Range(0, 50).Select(i => ((long)i, (string?)$"n{i}", (int?)i))]);
        await table.OptimizeAsync(cancellationToken: TestContext.Current.CancellationToken);
        await Rows.DeleteAsync(table, 1, 2, 3);
        await table.OptimizeAsync(cancellationToken: TestContext.Current.CancellationToken);
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
