using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Floe.Common.Errors;
using Floe.Contracts.Optimizer;
using Floe.Optimizer.Protocol;
using Floe.TestKit.Optimizing;

namespace Floe.Optimizer.Tests;

public sealed class OptimizerWorkerTests
{
    private static PolledTask Task(int taskId, string input, long processId = 7, int attempt = 1) =>
        FakeOptimizerServer.TaskOf(processId, taskId, attempt, FakeExecutor.FakeKind, input);

    [Fact]
    public async Task A_task_is_polled_acked_run_and_completed_with_the_executor_output()
    {
        await using FakeOptimizerServer server = await FakeOptimizerServer.StartAsync();
        server.RequiredBearer = "s3cret";
        var executor = new FakeExecutor();
        server.Enqueue(Task(2, """{"rows": 42}"""));
        await using RunningWorker worker = RunningWorker.Start(RunningWorker.Options(server.Url, executor) with { BearerToken = "s3cret", Group = "default", Threads = 2 });

        await Eventually.TrueAsync(() => worker.Worker.Status.TasksCompleted == 1, "the task is completed");

        Completion completion = Assert.Single(server.Completions);
        Assert.Equal((7L, 2, 1), (completion.Request.ProcessId, completion.Request.TaskId, completion.Request.Attempt));
        Assert.Null(completion.Error);
        using (JsonDocument output = JsonDocument.Parse(completion.OutputJson!))
        {
            Assert.Equal(42, output.RootElement.GetProperty("rows").GetInt64());
            Assert.Equal(1, output.RootElement.GetProperty("attempt").GetInt32());
        }

        IReadOnlyList<RecordedCall> calls = server.Calls;
        RecordedCall register = calls[0];
        Assert.Equal("register", register.Call);
        Assert.Null(register.Token);
        Assert.Equal("default", register.Body.GetProperty("group").GetString());
        Assert.Equal(2, register.Body.GetProperty("threads").GetInt32());
        Assert.Equal(JsonValueKind.Null, register.Body.GetProperty("resource-id").ValueKind);
        Assert.All(calls, c => Assert.Equal("Bearer s3cret", c.Bearer));
        Assert.All(calls.Skip(1), c => Assert.Equal("opt-1", c.Token));
        RecordedCall ack = Assert.Single(calls, c => c.Call == "ack");
        Assert.Equal(completion.Thread, ack.Body.GetProperty("thread").GetInt32());
        Assert.Equal(2, ack.Body.GetProperty("task-id").GetInt32());
        string[] order = [.. calls.Where(c => c.Call is "ack" or "complete").Select(c => c.Call)];
        Assert.Equal(["ack", "complete"], order);
        // The input as the server wrote it (its serializer writes compact JSON), unchanged by the client.
        Assert.Equal("""{"rows":42}""", Assert.Single(executor.Inputs));
        Assert.NotNull(worker.Worker.Status.Registration);
        Assert.Contains("Registered with", worker.Log, StringComparison.Ordinal);
        Assert.Contains("process 7 task 2 attempt 1: done in", worker.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("opt-1", worker.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_executor_failure_completes_the_task_with_its_message()
    {
        await using FakeOptimizerServer server = await FakeOptimizerServer.StartAsync();
        var executor = new FakeExecutor();
        server.Enqueue(Task(3, """{"fail": "input file gone"}"""));
        server.Enqueue(FakeOptimizerServer.TaskOf(7, 4, 2, "no-such-kind", "{}"));
        await using RunningWorker worker = RunningWorker.Start(RunningWorker.Options(server.Url, executor));

        await Eventually.TrueAsync(() => worker.Worker.Status.TasksFailed == 2, "both failures are reported");

        IReadOnlyList<Completion> completions = server.Completions;
        Assert.All(completions, c => Assert.Null(c.OutputJson));
        Assert.Equal("input file gone", completions.Single(c => c.Request.TaskId == 3).Error);
        Assert.Contains("cannot run tasks of kind 'no-such-kind'", completions.Single(c => c.Request.TaskId == 4).Error, StringComparison.Ordinal);
        Assert.Equal(0, worker.Worker.Status.TasksCompleted);
        Assert.Contains("process 7 task 3 attempt 1: failed after", worker.Log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("heartbeat")]
    [InlineData("poll")]
    public async Task UnknownOptimizer_registers_again_and_goes_on(string call)
    {
        await using FakeOptimizerServer server = await FakeOptimizerServer.StartAsync();
        var executor = new FakeExecutor();
        // Only the call under test may notice: heartbeats are rare unless they are the subject.
        TimeSpan heartbeat = call == "heartbeat" ? TimeSpan.FromMilliseconds(30) : TimeSpan.FromMinutes(5);
        await using RunningWorker worker = RunningWorker.Start(RunningWorker.Options(server.Url, executor) with { HeartbeatInterval = heartbeat });
        await Eventually.TrueAsync(() => server.CountOf(call) > 0, "the first " + call);

        server.FailNext(call, 401, OptimizerProtocolException.UnknownOptimizerType);
        await Eventually.TrueAsync(() => worker.Worker.Status.Registrations == 2, "the worker registers again");
        server.Enqueue(Task(5, """{"rows": 1}"""));
        await Eventually.TrueAsync(() => worker.Worker.Status.TasksCompleted == 1, "a task after re-registering completes");

        Assert.Equal("opt-2", Assert.Single(server.Completions).Token);
        Assert.Equal("opt-2", worker.Worker.Status.Registration!.Token);
        Assert.Contains("Registered again", worker.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forgotten_optimizer_registers_once_for_all_its_threads()
    {
        await using FakeOptimizerServer server = await FakeOptimizerServer.StartAsync();
        await using RunningWorker worker = RunningWorker.Start(RunningWorker.Options(server.Url, new FakeExecutor()) with { Threads = 4 });
        await Eventually.TrueAsync(() => server.CountOf("poll") >= 4, "every thread polls");

        server.ForgetOptimizers();
        await Eventually.TrueAsync(() => worker.Worker.Status.Registrations == 2, "the worker registers again");
        int polls = server.CountOf("poll");
        await Eventually.TrueAsync(() => server.CountOf("poll") >= polls + 8, "the threads poll again");

        Assert.Equal(2, worker.Worker.Status.Registrations);
        Assert.Equal(2, server.CountOf("register"));
    }

    [Fact]
    public async Task A_StaleTask_answer_to_ack_drops_the_task_without_running_it()
    {
        await using FakeOptimizerServer server = await FakeOptimizerServer.StartAsync();
        var executor = new FakeExecutor();
        server.FailNext("ack", 409, OptimizerProtocolException.StaleTaskType);
        server.Enqueue(Task(6, """{"rows": 1}"""));
        await using RunningWorker worker = RunningWorker.Start(RunningWorker.Options(server.Url, executor));

        await Eventually.TrueAsync(() => worker.Worker.Status.TasksDropped == 1, "the task is dropped");
        server.Enqueue(Task(7, """{"rows": 2}"""));
        await Eventually.TrueAsync(() => worker.Worker.Status.TasksCompleted == 1, "the next task runs");

        Assert.Equal(7, Assert.Single(server.Completions).Request.TaskId);
        Assert.Single(executor.Inputs);
        Assert.Contains("process 7 task 6 attempt 1: dropped before it ran", worker.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_is_retried_through_server_errors_until_it_is_accepted()
    {
        await using FakeOptimizerServer server = await FakeOptimizerServer.StartAsync();
        var executor = new FakeExecutor();
        server.FailNext("complete", 503, "ServiceUnavailable", times: 2);
        server.FailNext("complete", 502, type: null);
        server.Enqueue(Task(8, """{"rows": 9}"""));
        await using RunningWorker worker = RunningWorker.Start(RunningWorker.Options(server.Url, executor));

        await Eventually.TrueAsync(() => worker.Worker.Status.TasksCompleted == 1, "the output is accepted");

        Assert.Equal(4, server.CountOf("complete"));
        Assert.Single(executor.Inputs);
        Assert.Contains("9", Assert.Single(server.Completions).OutputJson, StringComparison.Ordinal);
        Assert.Contains("process 7 task 8 attempt 1: complete: The Floe server refused complete: scripted ServiceUnavailable (ServiceUnavailable, HTTP 503). Retrying in", worker.Log, StringComparison.Ordinal);
        Assert.Contains("answered complete with 502", worker.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_finished_task_is_completed_under_a_new_registration_when_the_server_forgot_the_optimizer()
    {
        await using FakeOptimizerServer server = await FakeOptimizerServer.StartAsync();
        var executor = new FakeExecutor();
        server.FailNext("complete", 401, OptimizerProtocolException.UnknownOptimizerType);
        server.Enqueue(Task(10, """{"rows": 3}"""));
        await using RunningWorker worker = RunningWorker.Start(RunningWorker.Options(server.Url, executor));

        await Eventually.TrueAsync(() => worker.Worker.Status.TasksCompleted == 1, "the output is accepted");

        Assert.Equal("opt-2", Assert.Single(server.Completions).Token);
        Assert.Equal(2, worker.Worker.Status.Registrations);
        Assert.Single(executor.Inputs);
    }

    [Fact]
    public async Task A_StaleTask_answer_to_complete_drops_the_output()
    {
        await using FakeOptimizerServer server = await FakeOptimizerServer.StartAsync();
        server.FailNext("complete", 409, OptimizerProtocolException.StaleTaskType);
        server.Enqueue(Task(11, """{"rows": 3}"""));
        await using RunningWorker worker = RunningWorker.Start(RunningWorker.Options(server.Url, new FakeExecutor()));

        await Eventually.TrueAsync(() => worker.Worker.Status.TasksDropped == 1, "the output is dropped");

        Assert.Equal(1, server.CountOf("complete"));
        Assert.Equal((0L, 0L), (worker.Worker.Status.TasksCompleted, worker.Worker.Status.TasksFailed));
        Assert.Contains("process 7 task 11 attempt 1: dropped after it finished; the server no longer assigns it", worker.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_gives_up_reporting_to_an_unavailable_server_after_the_stop_timeout()
    {
        await using FakeOptimizerServer server = await FakeOptimizerServer.StartAsync();
        server.FailNext("complete", 503, "ServiceUnavailable", times: 10_000);
        server.Enqueue(Task(12, """{"rows": 3}"""));
        OptimizerWorkerOptions options = RunningWorker.Options(server.Url, new FakeExecutor()) with { StopTimeout = TimeSpan.FromMilliseconds(300) };
        await using RunningWorker worker = RunningWorker.Start(options);
        await Eventually.TrueAsync(() => server.CountOf("complete") >= 3, "complete is retried");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await worker.StopAsync();

        Assert.InRange(clock.ElapsedMilliseconds, 0, 3_000);
        Assert.Equal(1, worker.Worker.Status.TasksDropped);
        Assert.Contains("process 7 task 12 attempt 1: dropped after it finished; the optimizer is stopping.", worker.Log, StringComparison.Ordinal);
        Assert.Equal("unregister", server.Calls[^1].Call);
    }

    [Fact]
    public async Task A_refused_bearer_token_ends_the_run_as_unauthorized()
    {
        await using FakeOptimizerServer server = await FakeOptimizerServer.StartAsync();
        server.RequiredBearer = "right";
        await using RunningWorker worker = RunningWorker.Start(RunningWorker.Options(server.Url, new FakeExecutor()) with { BearerToken = "wrong" });

        var error = await Assert.ThrowsAsync<OptimizerProtocolException>(() => worker.Run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        Assert.Equal(FloeErrorKind.Unauthorized, error.Kind);
        Assert.False(error.IsUnknownOptimizer);
        Assert.Contains("a bearer token is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_threads_run_tasks_at_once()
    {
        await using FakeOptimizerServer server = await FakeOptimizerServer.StartAsync();
        var executor = new FakeExecutor();
        for (int i = 1; i <= 3; i++)
        {
            server.Enqueue(Task(i, """{"rows": 1, "wait-for-peers": 3}"""));
        }

        await using RunningWorker worker = RunningWorker.Start(RunningWorker.Options(server.Url, executor) with { Threads = 3 });

        await Eventually.TrueAsync(() => worker.Worker.Status.TasksCompleted == 3, "all three tasks complete");

        Assert.Equal(3, executor.MostAtOnce);
        Assert.Equal([0, 1, 2], server.Completions.Select(c => c.Thread).Order());
    }

    [Fact]
    public async Task A_task_running_alone_may_borrow_every_idle_thread_of_the_optimizer()
    {
        await using FakeOptimizerServer server = await FakeOptimizerServer.StartAsync();
        var executor = new FakeExecutor();
        server.Enqueue(Task(1, """{"rows": 1}"""));
        await using RunningWorker worker = RunningWorker.Start(RunningWorker.Options(server.Url, executor) with { Threads = 3 });

        await Eventually.TrueAsync(() => worker.Worker.Status.TasksCompleted == 1, "the task completes");

        Assert.Equal([3], executor.Threads);
    }

    [Fact]
    public async Task Tasks_running_on_every_thread_borrow_none_and_a_task_alone_again_borrows_them()
    {
        await using FakeOptimizerServer server = await FakeOptimizerServer.StartAsync();
        var executor = new FakeExecutor();
        server.Enqueue(Task(1, """{"rows": 1, "wait-for-peers": 2}"""));
        server.Enqueue(Task(2, """{"rows": 1, "wait-for-peers": 2}"""));
        await using RunningWorker worker = RunningWorker.Start(RunningWorker.Options(server.Url, executor) with { Threads = 2 });
        await Eventually.TrueAsync(() => worker.Worker.Status.TasksCompleted == 2, "both tasks complete");
        Assert.Equal(2, executor.MostAtOnce);

        // With both threads running a task, neither could borrow one; afterwards a task alone may borrow the other.
        Assert.Equal([1, 1], executor.Threads);
        server.Enqueue(Task(3, """{"rows": 1}"""));
        await Eventually.TrueAsync(() => worker.Worker.Status.TasksCompleted == 3, "the third task completes");
        Assert.Equal(2, executor.Threads.Last());
    }

    [Fact]
    public async Task Stopping_cancels_running_tasks_and_unregisters()
    {
        await using FakeOptimizerServer server = await FakeOptimizerServer.StartAsync();
        var executor = new FakeExecutor();
        server.Enqueue(Task(9, """{"block": true}"""));
        await using RunningWorker worker = RunningWorker.Start(RunningWorker.Options(server.Url, executor) with { Threads = 2 });
        await Eventually.TrueAsync(() => executor.Running == 1, "the task runs");
        Assert.Equal(1, worker.Worker.Status.TasksRunning);

        await worker.StopAsync();

        Assert.Equal(1, executor.Cancelled);
        Assert.Empty(server.Completions);
        RecordedCall unregister = Assert.Single(server.Calls, c => c.Call == "unregister");
        Assert.Equal("opt-1", unregister.Token);
        Assert.Equal("unregister", server.Calls[^1].Call);
        Assert.Null(worker.Worker.Status.Registration);
        Assert.Equal(0, worker.Worker.Status.TasksRunning);
        Assert.Contains("cancelled, the optimizer is stopping", worker.Log, StringComparison.Ordinal);
        Assert.Contains("Unregistered", worker.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_polls_back_off_after_five_in_a_row()
    {
        await using FakeOptimizerServer server = await FakeOptimizerServer.StartAsync();
        server.PollTimeoutMs = 0;
        OptimizerWorkerOptions options = RunningWorker.Options(server.Url, new FakeExecutor()) with
        {
            MinRetryDelay = TimeSpan.FromMilliseconds(400),
            MaxRetryDelay = TimeSpan.FromMilliseconds(400),
        };
        await using RunningWorker worker = RunningWorker.Start(options);
        await Eventually.TrueAsync(() => server.CountOf("poll") >= 5, "five polls");

        await System.Threading.Tasks.Task.Delay(600, TestContext.Current.CancellationToken);

        // Without the back-off, polls answered at once would number in the hundreds by now.
        Assert.InRange(server.CountOf("poll"), 5, 9);
    }

    [Fact]
    public async Task An_unreachable_server_is_retried_until_stopped()
    {
        int port = FreePort();
        var options = RunningWorker.Options(new Uri($"http://127.0.0.1:{port}"), new FakeExecutor());
        await using RunningWorker worker = RunningWorker.Start(options);

        await Eventually.TrueAsync(() => worker.Log.Split('\n').Count(l => l.Contains("Retrying in", StringComparison.Ordinal)) >= 2, "two retries are logged");
        await worker.StopAsync();

        Assert.Equal(0, worker.Worker.Status.Registrations);
        Assert.Contains($"Cannot reach the Floe server at http://127.0.0.1:{port} (register)", worker.Log, StringComparison.Ordinal);
        Assert.Contains("Stopped before registering.", worker.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_first_registration_ends_the_run_with_the_server_message()
    {
        await using FakeOptimizerServer server = await FakeOptimizerServer.StartAsync();
        await using RunningWorker worker = RunningWorker.Start(RunningWorker.Options(server.Url, new FakeExecutor()) with { Group = "spark" });

        var error = await Assert.ThrowsAsync<OptimizerProtocolException>(() => worker.Run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        Assert.Equal(FloeErrorKind.NotFound, error.Kind);
        Assert.Equal("NoSuchGroup", error.ErrorType);
        Assert.Equal("The Floe server refused register: there is no optimizer group 'spark' (NoSuchGroup, HTTP 404).", error.Message);
    }

    [Fact]
    public async Task A_server_that_is_not_a_Floe_server_is_named_in_the_error()
    {
        await using FakeOptimizerServer server = await FakeOptimizerServer.StartAsync();
        await using RunningWorker worker = RunningWorker.Start(RunningWorker.Options(new Uri(server.Url, "elsewhere/"), new FakeExecutor()));

        var error = await Assert.ThrowsAsync<OptimizerProtocolException>(() => worker.Run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        Assert.Equal(404, error.StatusCode);
        Assert.Contains("elsewhere/api/optimizer/v1/register answered 404", error.Message, StringComparison.Ordinal);
        Assert.Contains("a Floe server?", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost:1630")]
    [InlineData("ftp://host/")]
    [InlineData("not a url")]
    [InlineData("")]
    public void A_bad_server_URL_is_refused_with_a_clear_message(string url)
    {
        var error = Assert.Throws<FloeException>(() => OptimizerClient.ParseServerUrl(url));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Equal($"'{url}' is not a server URL; give the Floe server's address, such as http://localhost:1630.", error.Message);
    }

    [Fact]
    public void Bad_options_are_refused_before_running()
    {
        var options = RunningWorker.Options(new Uri("http://127.0.0.1:1"), new FakeExecutor());

        Assert.Contains("at least one thread", Assert.Throws<FloeException>(() => new OptimizerWorker(options with { Threads = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("optimizer group", Assert.Throws<FloeException>(() => new OptimizerWorker(options with { Group = " " })).Message, StringComparison.Ordinal);
        Assert.Contains("not a server URL", Assert.Throws<FloeException>(() => new OptimizerWorker(options with { ServerUrl = new Uri("ftp://host/") })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_API_path_is_added_once()
    {
        using var plain = new OptimizerClient(new Uri("http://host:1630"));
        using var nested = new OptimizerClient(new Uri("https://host/floe/"));
        using var full = new OptimizerClient(new Uri("http://host:1630/api/optimizer/v1"));

        Assert.Equal("http://host:1630/api/optimizer/v1/", plain.ApiBase.ToString());
        Assert.Equal("https://host/floe/api/optimizer/v1/", nested.ApiBase.ToString());
        Assert.Equal("http://host:1630/api/optimizer/v1/", full.ApiBase.ToString());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
