using Floe.Server.Optimizing.Processes;
using Floe.Server.Store;

namespace Floe.Server.Tests.Optimizing;

/// <summary>The task and process state machine: which moves are allowed, and what each step writes.</summary>
public sealed class TaskTransitionTests
{
    private static readonly OptimizingTaskRecord Planned = new() { ProcessId = 7, TaskId = 2, Kind = "rewrite", Input = "{}", Status = TaskStatuses.Planned };

    [Theory]
    [InlineData("planned", "scheduled", true)]
    [InlineData("planned", "acked", false)]
    [InlineData("planned", "success", false)]
    [InlineData("scheduled", "acked", true)]
    [InlineData("scheduled", "success", true)]
    [InlineData("acked", "planned", true)]
    [InlineData("acked", "scheduled", false)]
    [InlineData("success", "planned", false)]
    [InlineData("success", "canceled", false)]
    [InlineData("failed", "planned", true)]
    [InlineData("canceled", "planned", false)]
    [InlineData("acked", "canceled", true)]
    public void Transitions_are_allowed_only_along_the_task_lifecycle(string from, string to, bool allowed)
    {
        Assert.Equal(allowed, TaskStatuses.IsAllowed(TaskStatuses.Parse(from), TaskStatuses.Parse(to)));
        Assert.Equal(from, TaskStatuses.ToText(TaskStatuses.Parse(from)));
    }

    [Fact]
    public void Steps_write_the_attempt_its_holder_and_its_end()
    {
        OptimizingTaskRecord scheduled = TaskTransitions.Schedule(Planned, "tok", 1, 100);
        OptimizingTaskRecord acked = TaskTransitions.Ack(scheduled);
        OptimizingTaskRecord retried = TaskTransitions.Fail(acked, "boom", maxRetries: 1, 150);
        OptimizingTaskRecord failed = TaskTransitions.Fail(TaskTransitions.Schedule(retried, "tok", 0, 160), "again", maxRetries: 1, 170);

        Assert.Equal((TaskStatuses.Scheduled, 1, "tok", 1, 100L), (scheduled.Status, scheduled.Attempt, scheduled.Optimizer, scheduled.Thread!.Value, scheduled.StartedMs!.Value));
        Assert.Equal((TaskStatuses.Planned, 1, (string?)null, "boom"), (retried.Status, retried.Retries, retried.Optimizer, retried.Error));
        Assert.Equal((TaskStatuses.Failed, 2, 2, 170L), (failed.Status, failed.Retries, failed.Attempt, failed.EndedMs!.Value));
        Assert.Equal(TaskStatuses.Planned, TaskTransitions.Requeue(acked).Status);
        Assert.Equal(1, TaskTransitions.Requeue(acked).Attempt);
        Assert.Throws<InvalidOperationException>(() => TaskTransitions.Ack(Planned));
        Assert.Throws<InvalidOperationException>(() => TaskTransitions.Requeue(Planned));
    }

    [Fact]
    public void A_process_ends_once_from_running()
    {
        Assert.True(ProcessStatuses.IsAllowed(ProcessStatuses.Running, ProcessStatuses.Success));
        Assert.True(ProcessStatuses.IsAllowed(ProcessStatuses.Running, ProcessStatuses.Closed));
        Assert.False(ProcessStatuses.IsAllowed(ProcessStatuses.Success, ProcessStatuses.Failed));
        Assert.False(ProcessStatuses.IsAllowed(ProcessStatuses.Closed, ProcessStatuses.Running));
    }
}
