using Floe.Core.Manifests;
using Floe.Core.Properties;
using Floe.Optimizing.Commit;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Execution;
using Floe.Optimizing.Planning;
using Floe.TestKit;
using static Floe.Optimizing.Tests.EndToEnd.Pipeline;

namespace Floe.Optimizing.Tests.EndToEnd;

public sealed class OptimizingEndToEndTests
{
    /// <summary>Eight small appends in category a and six in b, then a row delta with an equality and a position delete.</summary>
    private static async Task<(List<DataFile> A, List<DataFile> B)> FillAsync(TestTable table)
    {
        var a = new List<DataFile>();
        var b = new List<DataFile>();
        for (int i = 0; i < 8; i++)
        {
            DataFile file = await table.WriteDataAsync(Rows("a", i * 10, 10));
            await TestTable.AppendAsync(table.Table, file);
            a.Add(file);
        }

        for (int i = 0; i < 6; i++)
        {
            DataFile file = await table.WriteDataAsync(Rows("b", 100 + (i * 10), 10));
            await TestTable.AppendAsync(table.Table, file);
            b.Add(file);
        }

        DeleteFile eq = await table.WriteIdDeletesAsync("a", 3, 15);
        DeleteFile pos = await table.WritePositionDeletesAsync("a", (a[2], 0), (a[2], 1));
        await TestTable.RowDeltaAsync(table.Table, [], [eq, pos]);
        return (a, b);
    }

    private static async Task<List<string>> DataPathsAsync(TestTable table) =>
        [.. (await new Floe.Table.Scanning.TableScan(table.Metadata, table.Table.Operations.Io).PlanFilesAsync(TestContext.Current.CancellationToken)).Select(t => t.File.FilePath)];

    [Fact]
    public async Task Small_files_and_deletes_are_compacted_and_the_rows_stay_the_same()
    {
        using TestTable table = TestTable.Create(partitioned: true);
        var ct = TestContext.Current.CancellationToken;
        await FillAsync(table);
        List<Row> before = await table.ScanAsync();
        Assert.Equal(136, before.Count);
        Assert.Equal((14, 2), await table.CountFilesAsync());

        TableEvaluation evaluation = await new TableEvaluator(table.Metadata, table.Table.Operations.Io).EvaluateAsync(OptimizingTimes.Never(Now), ct);
        Assert.True(evaluation.IsPending);
        Assert.Equal(OptimizingStatus.Pending, evaluation.Status);
        Assert.Equal(OptimizingType.Minor, evaluation.Type);
        Assert.Equal(2, evaluation.PendingPartitionCount);
        Assert.Equal(14, evaluation.DataFileCount);
        Assert.Equal(2, evaluation.DeleteFileCount);
        Assert.Equal(14, evaluation.Pending.FragmentCount);
        Assert.Equal(1, evaluation.Pending.EqualityDeleteFileCount);
        Assert.Equal(1, evaluation.Pending.PositionDeleteFileCount);
        Assert.Contains("minor.trigger.interval", evaluation.Reason, StringComparison.Ordinal);
        Assert.Equal("category=a", evaluation.PendingPartitions[0].Evaluator.PartitionPath);
        // Tiny files score nothing for size; two of 140 rows deleted each way cost little.
        Assert.InRange(evaluation.HealthScore, 55, 60);

        (OptimizingProcess process, List<RewriteTaskOutput> outputs) = await PlanAndRunAsync(table, 1);
        Assert.Equal(2, process.Tasks.Count);
        Assert.Equal(table.Metadata.CurrentSnapshotId, process.FromSnapshotId);
        Assert.Equal(136, outputs.Sum(o => o.InputRecords));

        OptimizingCommitResult result = await new OptimizingCommitter(table.OpenWriter()).CommitAsync(process, outputs, ct);
        Assert.Equal(CommitOutcome.Committed, result.Outcome);
        Assert.Equal((14, 2, 2, 0), (result.RemovedDataFiles, result.RemovedDeleteFiles, result.AddedDataFiles, result.AddedDeleteFiles));
        Assert.Equal(before, await table.ScanAsync());
        Assert.Equal((2, 0), await table.CountFilesAsync());
        Assert.Equal("1", table.Metadata.CurrentSnapshot!.Summary[OptimizingCommitter.ProcessIdSummaryKey]);

        TableEvaluation after = await new TableEvaluator(table.Metadata, table.Table.Operations.Io).EvaluateAsync(new OptimizingTimes(Now, Now, Now, Now), ct);
        Assert.False(after.IsPending);
        Assert.Equal(OptimizingStatus.Idle, after.Status);
        Assert.Equal(60, after.HealthScore, 0);

        // Committing the same process again changes nothing.
        OptimizingCommitResult again = await new OptimizingCommitter(table.OpenWriter()).CommitAsync(process, outputs, ct);
        Assert.Equal(CommitOutcome.AlreadyCommitted, again.Outcome);
        Assert.Equal(result.SnapshotId, again.SnapshotId);
        Assert.All(outputs.SelectMany(o => o.DataFiles), f => Assert.True(File.Exists(f.FilePath)));
    }

    [Fact]
    public async Task Appends_and_row_deltas_committed_during_execution_are_kept_and_their_deletes_apply()
    {
        using TestTable table = TestTable.Create(partitioned: true);
        var ct = TestContext.Current.CancellationToken;
        await FillAsync(table);
        (OptimizingProcess process, List<RewriteTaskOutput> outputs) = await PlanAndRunAsync(table, 2);

        // A writer commits while the optimizer runs: new rows, and an equality delete of a row the process rewrote.
        var writer = table.OpenWriter();
        DataFile added = await table.WriteDataAsync(Rows("a", 1000, 5));
        await TestTable.AppendAsync(writer, added);
        DeleteFile lateEq = await table.WriteIdDeletesAsync("a", 5, 1001);
        DataFile addedB = await table.WriteDataAsync(Rows("b", 2000, 3));
        await TestTable.RowDeltaAsync(writer, [addedB], [lateEq]);
        List<Row> expected = await table.ScanAsync();
        Assert.DoesNotContain(expected, r => r.Id is 5 or 1001);
        Assert.Contains(expected, r => r.Id == 2000);

        OptimizingCommitResult result = await new OptimizingCommitter(table.OpenWriter()).CommitAsync(process, outputs, ct);
        Assert.Equal(CommitOutcome.Committed, result.Outcome);
        Assert.Equal(expected, await table.ScanAsync());
        Assert.Contains(added.FilePath, await DataPathsAsync(table));
    }

    [Fact]
    public async Task A_commit_that_loses_the_swap_to_a_writer_is_retried_on_fresh_metadata()
    {
        using TestTable table = TestTable.Create(partitioned: true);
        var ct = TestContext.Current.CancellationToken;
        await FillAsync(table);
        (OptimizingProcess process, List<RewriteTaskOutput> outputs) = await PlanAndRunAsync(table, 6);
        DataFile late = await table.WriteDataAsync(Rows("b", 5000, 4));
        DeleteFile lateEq = await table.WriteIdDeletesAsync("a", 7);
        var operations = new InterleavingOperations(
            new FolderTableOperations(table.Store),
            () => TestTable.RowDeltaAsync(table.OpenWriter(), [late], [lateEq]));

        OptimizingCommitResult result = await new OptimizingCommitter(new Floe.Table.Operations.IcebergTable("t", operations)).CommitAsync(process, outputs, ct);
        Assert.Equal(CommitOutcome.Committed, result.Outcome);
        Assert.Equal(2, operations.Commits);
        List<Row> rows = await table.ScanAsync();
        Assert.Contains(rows, r => r.Id == 5000);
        Assert.DoesNotContain(rows, r => r.Id == 7);
        Assert.Equal(136 - 1 + 4, rows.Count);
    }

    [Fact]
    public async Task A_position_delete_on_a_rewritten_file_abandons_the_process_and_removes_its_files()
    {
        using TestTable table = TestTable.Create(partitioned: true);
        var ct = TestContext.Current.CancellationToken;
        (List<DataFile> a, _) = await FillAsync(table);
        (OptimizingProcess process, List<RewriteTaskOutput> outputs) = await PlanAndRunAsync(table, 3);
        var writer = table.OpenWriter();
        DeleteFile conflicting = await table.WritePositionDeletesAsync("a", (a[0], 0));
        await TestTable.RowDeltaAsync(writer, [], [conflicting]);
        long? writerSnapshot = table.Metadata.CurrentSnapshotId;
        List<Row> expected = await table.ScanAsync();
        Assert.DoesNotContain(expected, r => r.Id == 0);

        OptimizingCommitResult result = await new OptimizingCommitter(table.OpenWriter()).CommitAsync(process, outputs, ct);
        Assert.Equal(CommitOutcome.Abandoned, result.Outcome);
        Assert.Contains(a[0].FilePath, result.Reason, StringComparison.Ordinal);
        Assert.Equal(writerSnapshot, table.Metadata.CurrentSnapshotId);
        Assert.All(outputs.SelectMany(o => o.DataFiles), f => Assert.False(File.Exists(f.FilePath)));
        Assert.Equal(expected, await table.ScanAsync());

        // A fresh plan on the new state commits.
        (OptimizingProcess retry, List<RewriteTaskOutput> retryOutputs) = await PlanAndRunAsync(table, 4);
        Assert.Equal(CommitOutcome.Committed, (await new OptimizingCommitter(table.OpenWriter()).CommitAsync(retry, retryOutputs, ct)).Outcome);
        Assert.Equal(expected, await table.ScanAsync());
    }

    [Fact]
    public async Task Segments_get_rewrite_pos_or_major_rewrite_and_rows_stay_the_same()
    {
        // A tiny target size makes every written file a segment.
        using TestTable table = TestTable.Create(partitioned: false, new Dictionary<string, string> { [SelfOptimizingProperties.TargetSize.Key] = "1024" });
        var ct = TestContext.Current.CancellationToken;
        DataFile piled = await table.WriteDataAsync(Rows("a", 0, 100));
        DataFile heavy = await table.WriteDataAsync(Rows("a", 100, 100));
        await TestTable.AppendAsync(table.Table, piled, heavy);
        DeleteFile first = await table.WritePositionDeletesAsync("a", (piled, 1));
        DeleteFile second = await table.WritePositionDeletesAsync("a", (piled, 7));
        DeleteFile many = await table.WritePositionDeletesAsync("a", [.. Enumerable.Range(0, 30).Select(i => (heavy, (long)(i * 3)))]);
        await TestTable.RowDeltaAsync(table.Table, [], [first, second, many]);
        List<Row> before = await table.ScanAsync();
        Assert.Equal(168, before.Count);

        TableEvaluation evaluation = await new TableEvaluator(table.Metadata, table.Table.Operations.Io).EvaluateAsync(new OptimizingTimes(Now, Now, Now, Now), ct);
        Assert.Equal(OptimizingType.Major, evaluation.Type);
        Assert.Equal(2, evaluation.Pending.SegmentCount);

        (OptimizingProcess process, List<RewriteTaskOutput> outputs) = await PlanAndRunAsync(table, 5);
        RewriteTask pos = Assert.Single(process.Tasks, t => t.RewritePosDataFiles.Count > 0);
        Assert.Equal(piled.FilePath, Assert.Single(pos.RewritePosDataFiles).File.FilePath);
        Assert.Equal(2, pos.RewrittenDeleteFiles.Count);
        RewriteTask rewrite = Assert.Single(process.Tasks, t => t.RewrittenDataFiles.Count > 0);
        Assert.Equal(heavy.FilePath, Assert.Single(rewrite.RewrittenDataFiles).File.FilePath);
        DeleteFile newDeletes = Assert.Single(outputs.SelectMany(o => o.DeleteFiles));
        Assert.Equal(2, newDeletes.RecordCount);
        Assert.Equal(piled.FilePath, newDeletes.ReferencedDataFile);

        Assert.Equal(CommitOutcome.Committed, (await new OptimizingCommitter(table.OpenWriter()).CommitAsync(process, outputs, ct)).Outcome);
        Assert.Equal(before, await table.ScanAsync());
        (int data, int deletes) = await table.CountFilesAsync();
        Assert.Equal(1, deletes);
        Assert.True(data >= 2);
    }

    [Fact]
    public async Task A_retried_attempt_writes_new_names_and_the_failed_attempts_files_can_be_removed()
    {
        using TestTable table = TestTable.Create(partitioned: true);
        var ct = TestContext.Current.CancellationToken;
        await FillAsync(table);
        List<Row> before = await table.ScanAsync();
        (OptimizingProcess process, List<RewriteTaskOutput> first) = await PlanAndRunAsync(table, 77, attempt: 0);
        List<RewriteTaskOutput> second = await RunAsync(new RewriteTaskExecutor(table.Table.Operations.Io), process, attempt: 1);

        foreach (var (output, task) in second.Zip(process.Tasks))
        {
            Assert.All(output.DataFiles, f => Assert.Contains($"-{task.TaskId}-opt-77-1-", Path.GetFileName(f.FilePath), StringComparison.Ordinal));
        }

        Assert.Empty(first.SelectMany(o => o.DataFiles).Select(f => f.FilePath).Intersect(second.SelectMany(o => o.DataFiles).Select(f => f.FilePath)));
        foreach (RewriteTaskOutput output in first)
        {
            await RewriteTaskExecutor.DeleteOutputAsync(table.Table.Operations.Io, output, ct);
        }

        Assert.All(first.SelectMany(o => o.DataFiles), f => Assert.False(File.Exists(f.FilePath)));
        Assert.Equal(CommitOutcome.Committed, (await new OptimizingCommitter(table.OpenWriter()).CommitAsync(process, second, ct)).Outcome);
        Assert.Equal(before, await table.ScanAsync());
    }

    [Fact]
    public async Task An_attempt_that_encodes_columns_in_parallel_writes_the_same_files()
    {
        using TestTable table = TestTable.Create(partitioned: true);
        var ct = TestContext.Current.CancellationToken;
        await FillAsync(table);
        List<Row> before = await table.ScanAsync();
        (OptimizingProcess process, List<RewriteTaskOutput> serial) = await PlanAndRunAsync(table, 5, attempt: 0);
        List<RewriteTaskOutput> parallel = await RunAsync(new RewriteTaskExecutor(table.Table.Operations.Io) { EncodingParallelism = 3 }, process, attempt: 1);

        DataFile[] serialFiles = [.. serial.SelectMany(o => o.DataFiles)];
        DataFile[] parallelFiles = [.. parallel.SelectMany(o => o.DataFiles)];
        Assert.Equal(serialFiles.Length, parallelFiles.Length);
        foreach ((DataFile one, DataFile other) in serialFiles.Zip(parallelFiles))
        {
            Assert.NotEqual(one.FilePath, other.FilePath);
            Assert.Equal(await File.ReadAllBytesAsync(one.FilePath, ct), await File.ReadAllBytesAsync(other.FilePath, ct));
        }

        Assert.Equal(CommitOutcome.Committed, (await new OptimizingCommitter(table.OpenWriter()).CommitAsync(process, parallel, ct)).Outcome);
        Assert.Equal(before, await table.ScanAsync());
        Assert.Throws<ArgumentOutOfRangeException>(() => new RewriteTaskExecutor(table.Table.Operations.Io) { EncodingParallelism = 0 });
    }

    [Fact]
    public async Task Outputs_that_do_not_match_the_process_are_refused()
    {
        using TestTable table = TestTable.Create(partitioned: true);
        var ct = TestContext.Current.CancellationToken;
        await FillAsync(table);
        (OptimizingProcess process, List<RewriteTaskOutput> outputs) = await PlanAndRunAsync(table, 8);
        var committer = new OptimizingCommitter(table.OpenWriter());
        await Assert.ThrowsAsync<Floe.Common.Errors.FloeException>(() => committer.CommitAsync(process, outputs.Take(1).ToList(), ct));
        await Assert.ThrowsAsync<Floe.Common.Errors.FloeException>(() => committer.CommitAsync(process, [.. outputs, outputs[0]], ct));
        await Assert.ThrowsAsync<Floe.Common.Errors.FloeException>(() => committer.CommitAsync(process, [outputs[0] with { ProcessId = 9 }, outputs[1]], ct));
        await Assert.ThrowsAsync<Floe.Common.Errors.FloeException>(() => committer.CommitAsync(process, [outputs[0] with { InputRecords = 1 }, outputs[1]], ct));
        Assert.Equal(CommitOutcome.Committed, (await committer.CommitAsync(process, outputs, ct)).Outcome);
    }

    [Fact]
    public async Task Tables_without_snapshots_or_with_optimizing_disabled_are_idle()
    {
        using TestTable empty = TestTable.Create(partitioned: false);
        var ct = TestContext.Current.CancellationToken;
        Assert.False((await new TableEvaluator(empty.Metadata, empty.Table.Operations.Io).EvaluateAsync(OptimizingTimes.Never(Now), ct)).IsPending);
        Assert.Null(await new OptimizingPlanner(empty.Metadata, empty.Table.Operations.Io).PlanAsync(1, OptimizingTimes.Never(Now), ct));

        using TestTable disabled = TestTable.Create(partitioned: true, new Dictionary<string, string> { ["self-optimizing.enabled"] = "false" });
        await FillAsync(disabled);
        Assert.False((await new TableEvaluator(disabled.Metadata, disabled.Table.Operations.Io).EvaluateAsync(OptimizingTimes.Never(Now), ct)).IsPending);
    }
}
