using Floe.Optimizer;
using Floe.Server.Store;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Optimizing;

/// <summary>
/// The optimizers the server runs itself: one <see cref="OptimizerWorker"/> per group with local threads, talking to
/// this server over loopback HTTP like any other optimizer (so they follow the same protocol, timeouts and
/// recovery), authenticated with the server's internal secret. A group resized or dropped restarts or stops its
/// worker; the worker unregisters on stop, so its tasks go back to the queue at once.
/// </summary>
public sealed class LocalOptimizers : IAsyncDisposable
{
    private readonly Uri _server;
    private readonly string _secret;
    private readonly ILogger _log;
    private readonly TimeSpan _heartbeat;
    private readonly Dictionary<string, (CancellationTokenSource Stop, Task Run, int Threads)> _running = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    public LocalOptimizers(Uri server, string secret, TimeSpan heartbeat, ILogger logger)
    {
        _server = server;
        _secret = secret;
        _heartbeat = heartbeat;
        _log = logger;
    }

    /// <summary>Threads running per group now.</summary>
    public IReadOnlyDictionary<string, int> Threads
    {
        get
        {
            lock (_running)
            {
                return _running.ToDictionary(r => r.Key, r => r.Value.Threads, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Makes the group's local optimizer run <see cref="OptimizerGroupRecord.LocalThreads"/> threads (none for 0).</summary>
    public async Task ApplyAsync(OptimizerGroupRecord group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            (CancellationTokenSource Stop, Task Run, int Threads) current;
            lock (_running)
            {
                _running.TryGetValue(group.Name, out current);
            }

            if (current.Run is not null && current.Threads == group.LocalThreads)
            {
                return;
            }

            if (current.Run is not null)
            {
                await StopAsync(group.Name, current).ConfigureAwait(false);
            }

            if (group.LocalThreads > 0)
            {
                Start(group.Name, group.LocalThreads);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Start(string group, int threads)
    {
        var stop = new CancellationTokenSource();
        var worker = new OptimizerWorker(new OptimizerWorkerOptions
        {
            ServerUrl = _server,
            Group = group,
            Threads = threads,
            BearerToken = _secret,
            HeartbeatInterval = _heartbeat,
            ResourceId = "local",
            Properties = new Dictionary<string, string> { [OptimizingService.LocalOptimizerProperty] = "true" },
        });
        Task run = Task.Run(async () =>
        {
            using (worker)
            {
                try
                {
                    await worker.RunAsync(stop.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    _log.LogError(e, "The local optimizer of group {Group} stopped", group);
                }
            }
        }, CancellationToken.None);
        lock (_running)
        {
            _running[group] = (stop, run, threads);
        }

        _log.LogInformation("Local optimizer of group {Group} started with {Threads} threads", group, threads);
    }

    private async Task StopAsync(string group, (CancellationTokenSource Stop, Task Run, int Threads) running)
    {
        await running.Stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await running.Run.ConfigureAwait(false);
        }
        finally
        {
            running.Stop.Dispose();
            lock (_running)
            {
                _running.Remove(group);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            List<KeyValuePair<string, (CancellationTokenSource Stop, Task Run, int Threads)>> all;
            lock (_running)
            {
                all = [.. _running];
            }

            foreach ((string group, var running) in all)
            {
                await StopAsync(group, running).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
