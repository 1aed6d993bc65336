using Floe.Common.Threading;
using Floe.Core.IO;
using Floe.Core.Properties;
using Floe.Optimizing.Commit;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Execution;
using Floe.Optimizing.PrimaryKeys;
using Floe.Optimizing.Serialization;
using Floe.Optimizing.Targets;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Model;
using Floe.PrimaryKeys.Optimizing;
using Floe.Table.Scanning;

namespace Floe.Optimizing.Tests.PrimaryKeys;

public sealed class PrimaryKeyOptimizingEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OptimizingTimes JustOptimized => new(PrimaryKeyTables.Now, PrimaryKeyTables.Now, PrimaryKeyTables.Now, PrimaryKeyTables.Now);

    [Fact]
    public async Task Random_changes_merged_on_optimizers_keep_the_merged_view_equal_to_the_model()
    {
        using PrimaryKeyTables tables = await PrimaryKeyTables.CreateAsync();
        var random = new Random(42);
        for (int round = 0; round < 3; round++)
        {
            for (int commit = 0; commit < 4; commit++)
            {
                await tables.RandomCommitAsync(random, keySpace: 300, rows: 80);
                Assert.Equal(tables.Expected, await tables.ReadAsync());
            }

            TableEvaluation evaluation = await (await tables.TargetAsync()).EvaluateAsync(OptimizingTimes.Never(PrimaryKeyTables.Now), Ct);
            Assert.Equal(OptimizingType.Minor, evaluation.Type);
            Assert.Contains("change files", evaluation.Reason, StringComparison.Ordinal);
            Assert.Equal(3, evaluation.PendingPartitionCount);
            Assert.True(evaluation.Pending.DataFileCount > 0);
            Assert.InRange(evaluation.HealthScore, 0, 100);

            OptimizingCommitResult result = await tables.OptimizeAsync(processId: round + 1);
            Assert.True(result.AddedDataFiles > 0);
            Assert.Equal(tables.Expected, await tables.ReadAsync());

            PrimaryKeyTable table = await tables.LoadAsync();
            var points = OptimizedSequence.Of(table.BaseTable.Metadata, table.BaseTable.Metadata.CurrentSnapshot);
            Assert.All(points.Points.Values, p => Assert.Equal(table.ChangeTable.Metadata.LastSequenceNumber, p));
            Assert.Equal("OPTIMIZE", table.BaseTable.Metadata.CurrentSnapshot!.Summary[PrimaryKeyTableProperties.SnapshotProducer]);
            TableEvaluation after = await (await tables.TargetAsync()).EvaluateAsync(JustOptimized, Ct);
            Assert.False(after.IsPending);
        }
    }

    [Fact]
    public async Task Evaluation_follows_the_keyed_trigger_rules()
    {
        using PrimaryKeyTables tables = await PrimaryKeyTables.CreateAsync(new Dictionary<string, string> { [SelfOptimizingProperties.MinorTriggerInterval.Key] = "60000" });
        await tables.UpsertAsync((1, "a", 1), (2, "b", 2));
        PrimaryKeyOptimizingTarget target = await tables.TargetAsync();

        // Two change files per partition at most: below max(4 + 1, 12), and the interval has not passed.
        TableEvaluation idle = await target.EvaluateAsync(JustOptimized, Ct);
        Assert.False(idle.IsPending);
        Assert.Equal("", idle.Reason);

        long now = PrimaryKeyTables.Now;
        TableEvaluation due = await target.EvaluateAsync(new OptimizingTimes(now - 120_000, now, now, now), Ct);
        Assert.Equal(OptimizingType.Minor, due.Type);
        Assert.Contains("minor.trigger.interval 60000 ms passed", due.Reason, StringComparison.Ordinal);

        for (int i = 0; i < 12; i++)
        {
            await tables.UpsertAsync((i, $"x{i}", i));
        }

        TableEvaluation many = await (await tables.TargetAsync()).EvaluateAsync(JustOptimized, Ct);
        Assert.Equal(OptimizingType.Minor, many.Type);
        Assert.Contains("reach max(base buckets 4 + 1, minor.trigger.file-count 12)", many.Reason, StringComparison.Ordinal);
        Assert.StartsWith("minor optimizing of ", many.Reason, StringComparison.Ordinal);
        Assert.Matches("^base:none/change:[0-9]+$", target.StateKey);
    }

    [Fact]
    public async Task Pending_change_bytes_trigger_a_minor_optimizing_below_the_file_count()
    {
        using PrimaryKeyTables tables = await PrimaryKeyTables.CreateAsync(new Dictionary<string, string> { [SelfOptimizingProperties.MinorTriggerChangeBytes.Key] = "20000" });
        await tables.UpsertAsync((1, "a", 1));
        Assert.False((await (await tables.TargetAsync()).EvaluateAsync(JustOptimized, Ct)).IsPending);

        // A few thousand rows of incompressible names in one transaction: few files per partition, but past the bytes.
        await tables.UpsertAsync([.. Enumerable.Range(0, 5_000).Select(i => ((long)i, (string?)$"{i}-{Guid.NewGuid():N}", (int?)i))]);
        TableEvaluation due = await (await tables.TargetAsync()).EvaluateAsync(JustOptimized, Ct);
        Assert.Equal(OptimizingType.Minor, due.Type);
        Assert.Contains("reach minor.trigger.change-bytes 20000", due.Reason, StringComparison.Ordinal);

        await tables.OptimizeAsync(1, JustOptimized);
        Assert.False((await (await tables.TargetAsync()).EvaluateAsync(JustOptimized, Ct)).IsPending);
        Assert.Equal(tables.Expected, await tables.ReadAsync());
    }

    [Fact]
    public async Task Full_optimizing_on_its_interval_leaves_base_files_without_deletes()
    {
        // Files of a few KB are segments here (not fragments, which minor optimizing rewrites), so minor leaves position deletes.
        using PrimaryKeyTables tables = await PrimaryKeyTables.CreateAsync(new Dictionary<string, string>
        {
            [SelfOptimizingProperties.FullTriggerInterval.Key] = "1000",
            [SelfOptimizingProperties.FragmentRatio.Key] = "1000000",
        });
        await tables.UpsertAsync([.. Enumerable.Range(0, 200).Select(i => ((long)i, (string?)$"n{i}", (int?)i))]);
        await tables.OptimizeAsync(1, JustOptimized with { LastMinorMs = 0 });
        await tables.UpsertAsync((3, "changed", 3), (50, "changed", 50));
        await tables.DeleteAsync(7);
        await tables.OptimizeAsync(2, JustOptimized with { LastMinorMs = 0 });
        PrimaryKeyTable table = await tables.LoadAsync();
        Assert.Contains(await BaseTasksAsync(table), t => t.Deletes.Count > 0);

        long now = PrimaryKeyTables.Now;
        var (target, process, outputs) = await tables.PlanAndRunAsync(3, new OptimizingTimes(now, now, now - 5000, now));
        Assert.Equal(OptimizingType.Full, process.Type);
        Assert.Contains("full.trigger.interval", process.Reason, StringComparison.Ordinal);
        Assert.Equal(CommitOutcome.Committed, (await target.CommitAsync(process, outputs, Ct)).Outcome);

        table = await tables.LoadAsync();
        Assert.All(await BaseTasksAsync(table), t => Assert.Empty(t.Deletes));
        Assert.Equal(tables.Expected, await tables.ReadAsync());
    }

    [Fact]
    public async Task Minor_optimizing_rewrites_base_fragments_with_their_changes_into_one_file_per_small_partition()
    {
        // Written at the four configured buckets while auto-bucketing is off; then it is turned on.
        using PrimaryKeyTables tables = await PrimaryKeyTables.CreateAsync(
            new Dictionary<string, string> { [PrimaryKeyProperties.BaseAutoBucket.Key] = "false" }, partitioned: false);
        await tables.UpsertAsync([.. Enumerable.Range(0, 200).Select(i => ((long)i, (string?)$"n{i}", (int?)i))]);
        await tables.OptimizeAsync(1, JustOptimized with { LastMinorMs = 0 });
        Assert.Equal(4, (await BaseTasksAsync(await tables.LoadAsync())).Count);
        PrimaryKeyTable loaded = await tables.LoadAsync();
        await loaded.BaseTable.UpdateProperties().Remove(PrimaryKeyProperties.BaseAutoBucket.Key).CommitAsync(Ct);

        for (int round = 2; round <= 4; round++)
        {
            // Changes in every bucket node, so one task covers the partition.
            await tables.UpsertAsync([.. Enumerable.Range(round * 20, 16).Select(i => ((long)i, (string?)"changed", (int?)round)), (1000 + round, "new", round)]);
            await tables.DeleteAsync(150 + round);
            var (target, process, outputs) = await tables.PlanAndRunAsync(round, JustOptimized with { LastMinorMs = 0 });
            Assert.Equal(OptimizingType.Minor, process.Type);
            Assert.Equal(CommitOutcome.Committed, (await target.CommitAsync(process, outputs, Ct)).Outcome);

            // The fragments and the changed rows became one file (the partition holds far less than half the target
            // size, so its four bucket nodes merged into the root): no file beside it, no position deletes.
            FileScanTask file = Assert.Single(await BaseTasksAsync(await tables.LoadAsync()));
            Assert.Equal(DataTreeNode.Root, PrimaryKeyFiles.OfBaseFile(file.File.FilePath).Node);
            Assert.Empty(file.Deletes);
            Assert.Equal(tables.Expected, await tables.ReadAsync());
        }
    }

    [Fact]
    public async Task Writes_committed_between_plan_and_commit_are_kept_and_still_win()
    {
        using PrimaryKeyTables tables = await PrimaryKeyTables.CreateAsync();
        var random = new Random(7);
        for (int i = 0; i < 3; i++)
        {
            await tables.RandomCommitAsync(random, 200, 60);
        }

        var (target, process, outputs) = await tables.PlanAndRunAsync(1);
        long[] merged = [.. tables.Model.Keys.Take(10)];
        await tables.UpsertAsync([.. merged.Take(5).Select(id => (id, (string?)"late", (int?)-1)), (1000, "new", 1)]);
        await tables.DeleteAsync([.. merged.Skip(5)]);

        OptimizingCommitResult result = await target.CommitAsync(process, outputs, Ct);

        Assert.Equal(CommitOutcome.Committed, result.Outcome);
        Assert.Equal(tables.Expected, await tables.ReadAsync());
        TableEvaluation after = await (await tables.TargetAsync()).EvaluateAsync(OptimizingTimes.Never(PrimaryKeyTables.Now), Ct);
        Assert.True(after.IsPending);
        await tables.OptimizeAsync(2);
        Assert.Equal(tables.Expected, await tables.ReadAsync());
    }

    [Fact]
    public async Task A_second_commit_of_the_same_process_is_already_committed()
    {
        using PrimaryKeyTables tables = await PrimaryKeyTables.CreateAsync();
        await tables.RandomCommitAsync(new Random(1), 100, 50);
        var (target, process, outputs) = await tables.PlanAndRunAsync(9);
        OptimizingCommitResult first = await target.CommitAsync(process, outputs, Ct);

        // A server restart: a new target over the reloaded table and the process from its JSON alone.
        OptimizingCommitResult second = await (await tables.TargetAsync()).CommitAsync(process with { Tasks = [] }, outputs, Ct);

        Assert.Equal(CommitOutcome.Committed, first.Outcome);
        Assert.Equal(CommitOutcome.AlreadyCommitted, second.Outcome);
        Assert.Equal(first.SnapshotId, second.SnapshotId);
        Assert.All(outputs.SelectMany(o => TaskPayloads.ParseMergeOutput(o).WrittenPaths), p => Assert.True(File.Exists(p)));
        Assert.Equal(tables.Expected, await tables.ReadAsync());
    }

    [Fact]
    public async Task A_concurrent_optimize_abandons_the_process_and_deletes_its_outputs()
    {
        using PrimaryKeyTables tables = await PrimaryKeyTables.CreateAsync();
        await tables.RandomCommitAsync(new Random(3), 100, 50);
        var (target, process, outputs) = await tables.PlanAndRunAsync(1);
        string[] written = [.. outputs.SelectMany(o => TaskPayloads.ParseMergeOutput(o).WrittenPaths)];
        Assert.NotEmpty(written);

        // Another optimize (optimize now) merges the same changes first.
        OptimizeResult other = await (await tables.LoadAsync()).OptimizeAsync(cancellationToken: Ct);
        Assert.True(other.Committed);
        OptimizingCommitResult result = await target.CommitAsync(process, outputs, Ct);

        Assert.Equal(CommitOutcome.Abandoned, result.Outcome);
        Assert.Contains("optimized point", result.Reason, StringComparison.Ordinal);
        Assert.All(written, p => Assert.False(File.Exists(p)));
        Assert.Equal(tables.Expected, await tables.ReadAsync());
    }

    [Fact]
    public async Task Retried_attempts_write_their_own_files_and_a_superseded_one_can_be_deleted()
    {
        using PrimaryKeyTables tables = await PrimaryKeyTables.CreateAsync(partitioned: false);
        await tables.RandomCommitAsync(new Random(5), 100, 60);
        var (target, process, first) = await tables.PlanAndRunAsync(4, attempt: 1);
        OptimizingTaskExecutors executors = OptimizingTaskExecutors.CreateDefault(new LocalFileIO());
        var second = new List<string>();
        foreach (PlannedTask task in process.Tasks)
        {
            second.Add(await executors.ExecuteAsync(task.Kind, task.Json, 2, Ct));
        }

        string[] firstFiles = [.. first.SelectMany(o => TaskPayloads.ParseMergeOutput(o).WrittenPaths)];
        string[] secondFiles = [.. second.SelectMany(o => TaskPayloads.ParseMergeOutput(o).WrittenPaths)];
        Assert.Empty(firstFiles.Intersect(secondFiles));
        Assert.All(firstFiles, p => Assert.Contains("-opt-4-1-", p, StringComparison.Ordinal));
        Assert.All(secondFiles, p => Assert.Contains("-opt-4-2-", p, StringComparison.Ordinal));
        Assert.All(firstFiles.Concat(secondFiles), p => Assert.True(File.Exists(p)));
        TaskOutputSummary summary = target.DescribeOutput(second[0]);
        Assert.Equal(secondFiles.Length, summary.Files);
        Assert.True(summary.Bytes > 0);

        foreach (string output in first)
        {
            await target.DeleteOutputAsync(output, Ct);
        }

        Assert.All(firstFiles, p => Assert.False(File.Exists(p)));
        Assert.Equal(CommitOutcome.Committed, (await target.CommitAsync(process, second, Ct)).Outcome);
        Assert.Equal(tables.Expected, await tables.ReadAsync());
    }

    [Fact]
    public async Task A_merge_given_several_threads_writes_the_same_files_as_on_one()
    {
        using PrimaryKeyTables tables = await PrimaryKeyTables.CreateAsync();
        var random = new Random(8);
        for (int i = 0; i < 3; i++)
        {
            await tables.RandomCommitAsync(random, 200, 80);
        }

        var (target, process, serial) = await tables.PlanAndRunAsync(6, attempt: 1);
        OptimizingTaskExecutors executors = OptimizingTaskExecutors.CreateDefault(new LocalFileIO());
        var parallel = new List<string>();
        var threads = new ThreadBudget(3);
        foreach (PlannedTask task in process.Tasks)
        {
            parallel.Add(await executors.ExecuteAsync(task.Kind, task.Json, 2, threads, Ct));
        }

        // The merge borrowed the budget's threads while it encoded, and gave every one back.
        Assert.Equal((2, 0), (threads.PeakBusy, threads.Busy));

        // Attempts differ only in the attempt number of their file names.
        string[] serialFiles = [.. serial.SelectMany(o => TaskPayloads.ParseMergeOutput(o).WrittenPaths).Order(StringComparer.Ordinal)];
        string[] parallelFiles = [.. parallel.SelectMany(o => TaskPayloads.ParseMergeOutput(o).WrittenPaths).Order(StringComparer.Ordinal)];
        Assert.NotEmpty(serialFiles);
        Assert.Equal(serialFiles.Select(p => p.Replace("-opt-6-1-", "-opt-6-2-", StringComparison.Ordinal)), parallelFiles);
        foreach ((string one, string other) in serialFiles.Zip(parallelFiles))
        {
            Assert.Equal(await File.ReadAllBytesAsync(one, Ct), await File.ReadAllBytesAsync(other, Ct));
        }

        foreach (string output in serial)
        {
            await target.DeleteOutputAsync(output, Ct);
        }

        Assert.Equal(CommitOutcome.Committed, (await target.CommitAsync(process, parallel, Ct)).Outcome);
        Assert.Equal(tables.Expected, await tables.ReadAsync());
    }

    [Fact]
    public async Task Small_task_capacity_splits_partitions_by_bucket_node_and_respects_the_input_limit()
    {
        using PrimaryKeyTables tables = await PrimaryKeyTables.CreateAsync(new Dictionary<string, string>
        {
            [SelfOptimizingProperties.TargetSize.Key] = "4096",
            [SelfOptimizingProperties.MaxTaskSizeBytes.Key] = "4096",
        });
        var random = new Random(11);
        for (int i = 0; i < 4; i++)
        {
            await tables.RandomCommitAsync(random, 400, 100);
        }

        // One partition at most within a tiny input limit.
        var (limitedTarget, limited, limitedOutputs) = await tables.PlanAndRunAsync(1, maxInputBytes: 1);
        Assert.Single(TaskPayloads.ParseMergeProcess(limited.Json).Partitions);
        foreach (string output in limitedOutputs)
        {
            await limitedTarget.DeleteOutputAsync(output, Ct);
        }

        var (target, process, outputs) = await tables.PlanAndRunAsync(3);
        PrimaryKeyOptimizingProcess parsed = TaskPayloads.ParseMergeProcess(process.Json);
        Assert.Equal(3, parsed.Partitions.Count);
        Assert.True(process.Tasks.Count > 3);
        Assert.Contains(parsed.Tasks, t => t.PartitionBaseFiles.Count > 0 || t.BaseFiles.Count == 0);
        Assert.Equal(CommitOutcome.Committed, (await target.CommitAsync(process, outputs, Ct)).Outcome);
        Assert.Equal(tables.Expected, await tables.ReadAsync());
    }

    [Fact]
    public async Task A_task_over_some_bucket_nodes_lists_every_base_file_of_its_partition()
    {
        // Static buckets: auto-bucketing would keep so small a partition in one root file.
        using PrimaryKeyTables tables = await PrimaryKeyTables.CreateAsync(
            new Dictionary<string, string> { [PrimaryKeyProperties.BaseAutoBucket.Key] = "false" }, partitioned: false);
        await tables.UpsertAsync([.. Enumerable.Range(0, 100).Select(i => ((long)i, (string?)$"n{i}", (int?)i))]);
        await tables.OptimizeAsync(1);
        await tables.UpsertAsync((42, "changed", 42));

        var (target, process, outputs) = await tables.PlanAndRunAsync(2);

        PrimaryKeyMergeTask task = Assert.Single(TaskPayloads.ParseMergeProcess(process.Json).Tasks);
        Assert.Equal(4, task.PartitionBaseFiles.Count);
        Assert.Equal(2, task.BaseFiles.Count);
        Assert.Equal(CommitOutcome.Committed, (await target.CommitAsync(process, outputs, Ct)).Outcome);
        Assert.Equal(tables.Expected, await tables.ReadAsync());
    }

    [Fact]
    public async Task Optimizers_split_a_bucket_node_holding_over_twice_the_target_size_and_merge_split_nodes_as_separate_tasks()
    {
        using PrimaryKeyTables tables = await PrimaryKeyTables.CreateAsync(
            new Dictionary<string, string> { [SelfOptimizingProperties.TargetSize.Key] = "16384", [SelfOptimizingProperties.MaxTaskSizeBytes.Key] = "8192" }, partitioned: false);
        await tables.UpsertAsync([.. Enumerable.Range(0, 6000).Select(i => ((long)i, (string?)$"{i:D8}-{Guid.NewGuid():N}", (int?)i))]);
        await tables.OptimizeAsync(1);
        string[] merged = tables.Files("base");
        Assert.All(merged, f => Assert.Equal(3, PrimaryKeyFileName.TryParse(f)!.Node.Mask));
        Assert.All(merged, f => Assert.True(new FileInfo(f).Length > 2 * 8192, $"{f} should hold over twice the target size"));

        await tables.UpsertAsync([.. Enumerable.Range(0, 8).Select(i => ((long)i, (string?)"changed", (int?)-i))]);
        var (target, process, outputs) = await tables.PlanAndRunAsync(2);

        // Tasks group the split base nodes under the coarser change nodes (2 change buckets).
        Assert.All(TaskPayloads.ParseMergeProcess(process.Json).Tasks, t => Assert.True(t.ChangeFiles.Count > 0));
        Assert.Equal(CommitOutcome.Committed, (await target.CommitAsync(process, outputs, Ct)).Outcome);
        PrimaryKeyTable table = await tables.LoadAsync();
        IReadOnlyList<FileScanTask> files = await new TableScan(table.BaseTable.Metadata, table.BaseTable.Operations.Io).PlanFilesAsync(Ct);
        Assert.All(files, f => Assert.True(PrimaryKeyFileName.TryParse(f.File.FilePath)!.Node.Mask > 3, $"{f.File.FilePath} should be in a split node"));
        Assert.Equal(tables.Expected, await tables.ReadAsync());

        // A few changes over split nodes: one task per split node (or the nodes between them), each merging the
        // changes of its own keys out of the coarser change files.
        await tables.UpsertAsync([.. Enumerable.Range(0, 6).Select(i => ((long)(i * 101), (string?)"again", (int?)i))]);
        var (splitTarget, split, splitOutputs) = await tables.PlanAndRunAsync(3);
        IReadOnlyList<PrimaryKeyMergeTask> tasks = TaskPayloads.ParseMergeProcess(split.Json).Tasks;
        Assert.True(tasks.Count > 2, $"{tasks.Count} tasks for 2 change buckets; base " + string.Join(" ", tables.Files("base").Select(f => $"{Path.GetFileName(f)[..12]}:{new FileInfo(f).Length}")) + "; change " + string.Join(" ", tables.Files("change").Select(f => $"{Path.GetFileName(f)[..12]}:{new FileInfo(f).Length}")));
        Assert.All(tasks, t => Assert.NotEmpty(t.Nodes));
        Assert.Equal(tasks.Count, tasks.SelectMany(t => t.Nodes).Distinct().Count());
        Assert.Equal(CommitOutcome.Committed, (await splitTarget.CommitAsync(split, splitOutputs, Ct)).Outcome);
        Assert.Equal(tables.Expected, await tables.ReadAsync());
    }

    [Fact]
    public async Task Processes_over_different_partitions_both_commit()
    {
        using PrimaryKeyTables tables = await PrimaryKeyTables.CreateAsync();
        await tables.RandomCommitAsync(new Random(21), 300, 120);
        PrimaryKeyOptimizingTarget target = await tables.TargetAsync();
        PlannedProcess? planned = await target.PlanAsync(1, OptimizingTimes.Never(PrimaryKeyTables.Now), long.MaxValue, Ct);
        Assert.NotNull(planned);
        PrimaryKeyOptimizingProcess whole = TaskPayloads.ParseMergeProcess(planned.Json);
        string first = whole.Partitions[0].Path;

        // Two processes planned from the same state: one for the first partition, one for the others.
        OptimizingTaskExecutors executors = OptimizingTaskExecutors.CreateDefault(new LocalFileIO());
        var results = new List<OptimizingCommitResult>();
        foreach ((long id, bool firstPartition) in new[] { (1L, true), (2L, false) })
        {
            PrimaryKeyOptimizingProcess part = whole with
            {
                ProcessId = id,
                Partitions = [.. whole.Partitions.Where(p => (p.Path == first) == firstPartition)],
                Tasks = [.. whole.Tasks.Where(t => (t.PartitionPath == first) == firstPartition).Select(t => t with { ProcessId = id })],
            };
            var outputs = new List<string>();
            foreach (PrimaryKeyMergeTask task in part.Tasks)
            {
                outputs.Add(await executors.ExecuteAsync(OptimizingTaskKinds.PrimaryKeyMerge, TaskPayloads.ToJson(task), 1, Ct));
            }

            PlannedProcess process = planned with { ProcessId = id, Json = TaskPayloads.ToJson(part), Tasks = [] };
            results.Add(await (await tables.TargetAsync()).CommitAsync(process, outputs, Ct));
        }

        Assert.All(results, r => Assert.Equal(CommitOutcome.Committed, r.Outcome));
        PrimaryKeyTable table = await tables.LoadAsync();
        var points = OptimizedSequence.Of(table.BaseTable.Metadata, table.BaseTable.Metadata.CurrentSnapshot);
        Assert.Equal(whole.Partitions.Select(p => (p.Path, p.ToPoint)), points.Points.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
        Assert.Equal(tables.Expected, await tables.ReadAsync());
    }

    private static async Task<IReadOnlyList<FileScanTask>> BaseTasksAsync(PrimaryKeyTable table) =>
        await new TableScan(table.BaseTable.Metadata, table.BaseTable.Operations.Io).PlanFilesAsync(Ct);
}
