using Floe.Common.Threading;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Execution;
using Floe.Optimizing.Planning;
using Floe.Optimizing.Serialization;
using Floe.TestKit.Optimizing;

namespace Floe.Optimizer.Tests;

public sealed class IcebergRewriteTaskTests
{
    [Fact]
    public async Task Planned_rewrite_tasks_run_with_the_default_executors_and_their_outputs_parse()
    {
        var ct = TestContext.Current.CancellationToken;
        using RewriteTable table = RewriteTable.Create();
        for (int i = 0; i < 6; i++)
        {
            await table.AppendAsync("a", i * 10, 10);
        }

        for (int i = 0; i < 4; i++)
        {
            await table.AppendAsync("b", 100 + (i * 10), 5);
        }

        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        OptimizingProcess? process = await new OptimizingPlanner(table.Metadata, table.Table.Operations.Io).PlanAsync(3, OptimizingTimes.Never(now), ct);
        Assert.NotNull(process);
        Assert.Equal(2, process.Tasks.Count);

        await using FakeOptimizerServer server = await FakeOptimizerServer.StartAsync();
        foreach (RewriteTask task in process.Tasks)
        {
            server.Enqueue(FakeOptimizerServer.TaskOf(task.ProcessId, task.TaskId, 2, OptimizingTaskKinds.IcebergRewrite, TaskPayloads.ToJson(task)));
        }

        // No executors given: the worker runs the built-in ones over local files.
        OptimizerWorkerOptions options = RunningWorker.Options(server.Url) with { Executors = null, Threads = 2 };
        await using RunningWorker worker = RunningWorker.Start(options);
        await Eventually.TrueAsync(() => worker.Worker.Status.TasksCompleted + worker.Worker.Status.TasksFailed == 2, "both tasks finish", seconds: 30);

        IReadOnlyList<Completion> completions = server.Completions;
        Assert.All(completions, c => Assert.Null(c.Error));
        RewriteTaskOutput[] outputs = [.. completions.Select(c => TaskPayloads.ParseOutput(c.OutputJson!)).OrderBy(o => o.TaskId)];
        Assert.Equal(process.Tasks.Select(t => t.TaskId).Order(), outputs.Select(o => o.TaskId));
        Assert.All(outputs, o => Assert.Equal(2, o.Attempt));
        Assert.All(outputs, o => Assert.Equal(3, o.ProcessId));
        Assert.Equal(80, outputs.Sum(o => o.OutputRecords));
        Assert.Equal(80, outputs.Sum(o => o.InputRecords));
        Assert.Equal([60L, 20L], outputs.Select(o => o.OutputRecords).OrderDescending());
        Assert.All(outputs.SelectMany(o => o.DataFiles), f => Assert.True(File.Exists(f.FilePath), f.FilePath));
    }

    [Fact]
    public async Task A_rewrite_task_given_several_threads_writes_the_same_files_as_on_one()
    {
        var ct = TestContext.Current.CancellationToken;
        using RewriteTable table = RewriteTable.Create();
        string json = TaskPayloads.ToJson(await PlanOneTaskAsync(table, 4, ct));
        OptimizingTaskExecutors executors = OptimizingTaskExecutors.CreateDefault(new Core.IO.LocalFileIO());

        RewriteTaskOutput serial = TaskPayloads.ParseOutput(await executors.ExecuteAsync(OptimizingTaskKinds.IcebergRewrite, json, 1, ct));
        var threads = new ThreadBudget(3);
        RewriteTaskOutput parallel = TaskPayloads.ParseOutput(await executors.ExecuteAsync(OptimizingTaskKinds.IcebergRewrite, json, 2, threads, ct));
        Assert.Equal((2, 0), (threads.PeakBusy, threads.Busy));

        Assert.Equal(serial.DataFiles.Count, parallel.DataFiles.Count);
        foreach ((var one, var other) in serial.DataFiles.Zip(parallel.DataFiles))
        {
            Assert.NotEqual(one.FilePath, other.FilePath);
            Assert.Equal(await File.ReadAllBytesAsync(one.FilePath, ct), await File.ReadAllBytesAsync(other.FilePath, ct));
        }
    }

    [Fact]
    public async Task A_task_naming_files_outside_its_table_location_is_refused_and_touches_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using RewriteTable table = RewriteTable.Create();
        RewriteTask planned = await PlanOneTaskAsync(table, 3, ct);
        // The task claims another table's location: its input files, in this table, lie outside it.
        string other = Path.Combine(table.Folder, "..", Path.GetFileName(table.Folder) + "-other");
        RewriteTask task = planned with { Table = planned.Table with { Location = other } };
        string[] before = [.. Directory.GetFiles(table.Folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

        var error = await Assert.ThrowsAsync<Common.Errors.FloeException>(() =>
            OptimizingTaskExecutors.CreateDefault(new Core.IO.LocalFileIO()).ExecuteAsync(OptimizingTaskKinds.IcebergRewrite, TaskPayloads.ToJson(task), 1, ct));

        Assert.Equal(Common.Errors.FloeErrorKind.InvalidData, error.Kind);
        Assert.Contains("outside the table location", error.Message);
        Assert.Contains(planned.RewrittenDataFiles[0].AsData.FilePath, error.Message);
        string[] after = [.. Directory.GetFiles(table.Folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
        Assert.Equal(before, after);
        Assert.False(Directory.Exists(other));
    }

    /// <summary>Appends <paramref name="files"/> small files to one partition and plans them as process 3: one task.</summary>
    private static async Task<RewriteTask> PlanOneTaskAsync(RewriteTable table, int files, CancellationToken ct)
    {
        for (int i = 0; i < files; i++)
        {
            await table.AppendAsync("a", i * 10, 10);
        }

        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        OptimizingProcess? process = await new OptimizingPlanner(table.Metadata, table.Table.Operations.Io).PlanAsync(3, OptimizingTimes.Never(now), ct);
        Assert.NotNull(process);
        return Assert.Single(process.Tasks);
    }
}
