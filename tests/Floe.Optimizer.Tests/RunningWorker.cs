using Floe.Optimizing.Execution;

namespace Floe.Optimizer.Tests;

/// <summary>An <see cref="OptimizerWorker"/> running against a fake server with short intervals, and its log.</summary>
internal sealed class RunningWorker : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;

    private RunningWorker(OptimizerWorker worker, StringWriter log, CancellationTokenSource stop)
    {
        Worker = worker;
        LogWriter = log;
        _stop = stop;
        Run = Task.Run(() => worker.RunAsync(stop.Token), CancellationToken.None);
    }

    public OptimizerWorker Worker { get; }

    public Task Run { get; }

    public string Log => LogWriter.ToString();

    private StringWriter LogWriter { get; }

    public static OptimizerWorkerOptions Options(Uri server, params IOptimizingTaskExecutor[] executors) => new()
    {
        ServerUrl = server,
        Executors = new OptimizingTaskExecutors(executors),
        MinRetryDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromMilliseconds(100),
        RequestTimeout = TimeSpan.FromSeconds(5),
        StopTimeout = TimeSpan.FromSeconds(2),
    };

    public static RunningWorker Start(OptimizerWorkerOptions options)
    {
        var log = new StringWriter();
        var worker = new OptimizerWorker(options with { Log = log });
        return new RunningWorker(worker, log, CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken));
    }

    /// <summary>Stops the worker and waits for its run to end; a failed run fails here.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Run.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!Run.IsCompleted)
        {
            await _stop.CancelAsync();
            await Run.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        Worker.Dispose();
        _stop.Dispose();
    }
}
