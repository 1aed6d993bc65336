using Floe.Catalog.Metastore;
using Floe.Contracts.Optimizer;
using Floe.Optimizing.Commit;
using Floe.Optimizing.Config;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Targets;
using Floe.Server.Configuration;
using Floe.Server.Optimizing;
using Floe.Server.Store;
using Floe.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Floe.Server.Tests.Optimizing;

/// <summary>Ack and execute timeouts, silent optimizers and retries, on a clock the test moves; the test expires, no loop waits.</summary>
public sealed class TaskTimeoutTests : IAsyncLifetime
{
    private const long AckTimeoutMs = 200;
    private const long ExecuteTimeoutMs = 5_000;
    private const long HeartbeatTimeoutMs = 60_000;
    private static readonly TableKey Table = new("main", "db", "t");

    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
    private MetastoreDatabase? _database;
    private OptimizingService _service = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await MetastoreDatabase.OpenAsync(MetastoreSettings.Sqlite(_directory.Combine("floe.db")), cancellationToken: Ct);
        var options = new OptimizingOptions
        {
            TaskAckTimeoutMs = AckTimeoutMs,
            TaskExecuteTimeoutMs = ExecuteTimeoutMs,
            HeartbeatTimeoutMs = HeartbeatTimeoutMs,
            RefreshIntervalMs = 24 * 60 * 60 * 1000,
            PollTimeoutMs = 60_000,
        };
        _service = new OptimizingService(new OptimizingStore(_database), new OneTable(), options, NullLogger.Instance, _clock);
        await _service.StartAsync(Ct);
        await _service.RefreshAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        _database?.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_task_not_acknowledged_within_the_ack_timeout_is_dispatched_again_and_the_late_ack_is_stale()
    {
        string token = await RegisterAsync(threads: 2);
        TaskDispatch first = await PollAsync(token, 0);

        _clock.Advance(TimeSpan.FromMilliseconds(AckTimeoutMs + 1));
        await _service.ExpireAsync(Ct);
        TaskDispatch again = await PollAsync(token, 1);

        Assert.Equal((first.TaskId, 2), (again.TaskId, again.Attempt));
        var late = await Assert.ThrowsAsync<OptimizerFault>(() => _service.AckAsync(token, 0, first.ProcessId, first.TaskId, first.Attempt, Ct));
        Assert.Equal(OptimizerErrorTypes.StaleTask, late.ErrorType);
    }

    [Fact]
    public async Task An_acknowledged_task_keeps_its_optimizer_until_the_execute_timeout()
    {
        string token = await RegisterAsync(threads: 2);
        TaskDispatch first = await PollAsync(token, 0);
        await _service.AckAsync(token, 0, first.ProcessId, first.TaskId, first.Attempt, Ct);

        _clock.Advance(TimeSpan.FromMilliseconds(ExecuteTimeoutMs));
        await _service.ExpireAsync(Ct);
        Assert.Equal(1, (await _service.RunningTasksAsync(Ct))[token]);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await _service.ExpireAsync(Ct);
        Assert.Empty(await _service.RunningTasksAsync(Ct));
        Assert.Equal(2, (await PollAsync(token, 1)).Attempt);
    }

    [Fact]
    public async Task A_silent_optimizer_is_dropped_its_task_goes_to_another_and_its_late_result_is_an_unknown_optimizer()
    {
        string silent = await RegisterAsync(threads: 1);
        TaskDispatch lost = await PollAsync(silent, 0);
        await _service.AckAsync(silent, 0, lost.ProcessId, lost.TaskId, lost.Attempt, Ct);

        _clock.Advance(TimeSpan.FromMilliseconds(HeartbeatTimeoutMs + 1));
        await _service.ExpireAsync(Ct);
        string live = await RegisterAsync(threads: 1);
        TaskDispatch again = await PollAsync(live, 0);

        Assert.Equal((lost.TaskId, 2), (again.TaskId, again.Attempt));
        var late = await Assert.ThrowsAsync<OptimizerFault>(() => _service.CompleteAsync(silent, 0, lost.ProcessId, lost.TaskId, lost.Attempt, "{}", null, Ct));
        Assert.Equal(OptimizerErrorTypes.UnknownOptimizer, late.ErrorType);
    }

    [Fact]
    public async Task A_failed_task_is_retried_up_to_its_retries_then_its_process_fails()
    {
        string token = await RegisterAsync(threads: 1);
        int retries = new OptimizingConfig().ExecuteNumRetries;
        TaskDispatch task = await PollAsync(token, 0);
        for (int attempt = 1; attempt <= retries; attempt++)
        {
            await _service.CompleteAsync(token, 0, task.ProcessId, task.TaskId, task.Attempt, null, $"boom {attempt}", Ct);
            task = await PollAsync(token, 0);
            Assert.Equal(attempt + 1, task.Attempt);
        }

        await _service.CompleteAsync(token, 0, task.ProcessId, task.TaskId, task.Attempt, null, "boom last", Ct);

        var (process, tasks) = await _service.ProcessAsync(task.ProcessId, Ct);
        Assert.Equal("failed", process.Status);
        Assert.Equal(("failed", retries + 1), (tasks[0].Status, tasks[0].Retries));
        Assert.Contains("boom last", (await _service.TableAsync(Table, Ct)).Runtime.LastError, StringComparison.Ordinal);
    }

    private async Task<string> RegisterAsync(int threads) =>
        (await _service.RegisterAsync(OptimizingService.DefaultGroup, threads, null, 0, new Dictionary<string, string>(), Ct)).Token;

    /// <summary>A poll that gets a task: planning runs in the background and wakes the poll when the task is ready.</summary>
    private async Task<TaskDispatch> PollAsync(string token, int thread) =>
        await _service.PollAsync(token, thread, Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct) ?? throw new InvalidOperationException("The poll got no task.");

    /// <summary>One table that always has work: each plan is one task.</summary>
    private sealed class OneTable : ITableSource
    {
        private readonly PendingTarget _target = new();

        public Task<TableListing> ListTablesAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new TableListing([Table], new Dictionary<string, string>()));

        public Task<LoadedTable> LoadAsync(TableKey key, CancellationToken cancellationToken) =>
            Task.FromResult(new LoadedTable(key, CatalogTableSource.IcebergFormat, _target));
    }

    private sealed class PendingTarget : IOptimizingTarget
    {
        public string StateKey => "1";

        public OptimizingConfig Config { get; } = new();

        public Task<TableEvaluation> EvaluateAsync(OptimizingTimes times, CancellationToken cancellationToken) =>
            Task.FromResult(new TableEvaluation { SnapshotId = 1, Type = OptimizingType.Minor, Reason = "always" });

        public Task<PlannedProcess?> PlanAsync(long processId, OptimizingTimes times, long maxInputBytes, CancellationToken cancellationToken) =>
            Task.FromResult<PlannedProcess?>(new PlannedProcess
            {
                ProcessId = processId,
                Type = OptimizingType.Minor,
                Json = "{}",
                Tasks = [new PlannedTask(1, "rewrite", "{}", 2, 20)],
            });

        public Task<OptimizingCommitResult> CommitAsync(PlannedProcess process, IReadOnlyList<string> outputs, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("These tests never commit.");

        public TaskOutputSummary DescribeOutput(string output) => new(1, 10, 1);

        public Task DeleteOutputAsync(string output, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
