using System.Net;
using System.Net.Sockets;
using Floe.TestKit.Optimizing;

namespace Floe.Cli.Tests;

public sealed class OptimizerCommandTests
{
    [Fact]
    public async Task Help_lists_the_flags()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("optimizer", "--help");

        Assert.Equal(0, exitCode);
        foreach (string flag in new[] { "--server", "--group", "--threads", "--token", "--heartbeat-interval-ms", "FLOE_TOKEN" })
        {
            Assert.Contains(flag, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Zero_threads_is_refused()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("optimizer", "--server", "http://127.0.0.1:1630", "--threads", "0");

        Assert.NotEqual(0, exitCode);
        Assert.Equal("--threads must be 1 or more.", error.Trim());
    }

    [Theory]
    [InlineData("localhost:1630")]
    [InlineData("ftp://host")]
    public async Task A_bad_server_URL_is_refused_in_one_line(string url)
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("optimizer", "--server", url);

        Assert.NotEqual(0, exitCode);
        Assert.Equal($"'{url}' is not a server URL; give the Floe server's address, such as http://localhost:1630.", error.Trim());
    }

    [Fact]
    public async Task An_unreachable_server_is_retried_with_a_message_until_stopped()
    {
        int port = FreePort();
        var output = new StringWriter();
        var error = new StringWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        Task<int> running = CliApp.RunAsync(
            ["optimizer", "--server", $"http://127.0.0.1:{port}", "--group", "g", "--threads", "2"],
            TextWriter.Synchronized(output),
            TextWriter.Synchronized(error),
            stop.Token);

        for (int i = 0; i < 200 && !output.ToString().Contains("Retrying in", StringComparison.Ordinal) && !running.IsCompleted; i++)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        await stop.CancelAsync();
        int exitCode = await running.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error.ToString());
        string text = output.ToString();
        Assert.Contains($"Cannot reach the Floe server at http://127.0.0.1:{port} (register)", text, StringComparison.Ordinal);
        Assert.Contains("Retrying in 1 s.", text, StringComparison.Ordinal);
        Assert.Contains("Optimizer stopped: 0 task(s) completed", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_against_a_server_printing_a_line_per_registration_and_task_then_unregisters()
    {
        await using FakeOptimizerServer server = await FakeOptimizerServer.StartAsync();
        server.RequiredBearer = "s3cret";
        server.Enqueue(FakeOptimizerServer.TaskOf(7, 2, 1, "no-such-kind", "{}"));
        var output = new StringWriter();
        var error = new StringWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        Task<int> running = CliApp.RunAsync(
            ["optimizer", "--server", server.Url.ToString(), "--threads", "2", "--token", "s3cret"],
            TextWriter.Synchronized(output),
            TextWriter.Synchronized(error),
            stop.Token);

        for (int i = 0; i < 400 && server.Completions.Count == 0 && !running.IsCompleted; i++)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        await stop.CancelAsync();
        int exitCode = await running.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error.ToString());
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("Optimizer starting: server http://127.0.0.1:", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Registered with http://127.0.0.1:", lines[1], StringComparison.Ordinal);
        Assert.Contains("in group 'default' with 2 threads", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("process 7 task 2 attempt 1: failed after", StringComparison.Ordinal)
            && l.EndsWith("This optimizer cannot run tasks of kind 'no-such-kind' (it runs iceberg-rewrite, mixed-merge).", StringComparison.Ordinal));
        Assert.Equal("Unregistered; stopped.", lines[^2]);
        Assert.Equal("Optimizer stopped: 0 task(s) completed, 1 failed, 0 dropped.", lines[^1]);
        Assert.Equal("unregister", server.Calls[^1].Call);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
