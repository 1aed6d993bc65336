using System.Globalization;
using System.Runtime.CompilerServices;
using Floe.Common.Errors;
using Floe.Common.Threading;
using Floe.Contracts.Optimizer;
using Floe.Core.IO;
using Floe.Optimizer.Protocol;
using Floe.Optimizing.Execution;

namespace Floe.Optimizer;

/// <summary>
/// A stateless optimizer: registers with a Floe server, heartbeats, and runs <see cref="OptimizerWorkerOptions.Threads"/>
/// loops that poll a task, ack it, run it with the executor of its kind and complete it with its output or error
/// (<c>docs/optimizer-protocol.md</c>, "The loop"). A running task may borrow the threads no task runs on to encode
/// columns, one batch or row group at a time (<see cref="ThreadBudget"/>). It knows nothing of planning or committing.
/// </summary>
public sealed partial class OptimizerWorker : IDisposable
{
    private readonly OptimizerWorkerOptions _options;
    private readonly OptimizerClient _client;
    private readonly OptimizingTaskExecutors _executors;
    private readonly TextWriter _log;
    private readonly SemaphoreSlim _registerLock = new(1, 1);
    private readonly RegisterRequest _registerRequest;
    // Each running task holds its own thread; threads no task runs on are lent to running tasks to encode columns.
    private readonly ThreadBudget _threads;
    private OptimizerRegistration? _registration;
    private int _registrations;
    private long _completed;
    private long _failed;
    private long _dropped;
    private int _running;
    private int _started;

    public OptimizerWorker(OptimizerWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Threads < 1)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"An optimizer needs at least one thread (got {options.Threads}).");
        }

        if (string.IsNullOrWhiteSpace(options.Group))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "An optimizer needs the name of the optimizer group it serves.");
        }

        if (options.MinRetryDelay <= TimeSpan.Zero || options.MaxRetryDelay < options.MinRetryDelay)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "Retry delays must be positive, the longest no shorter than the first.");
        }

        if (options.HeartbeatInterval is { } interval && interval <= TimeSpan.Zero)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "The heartbeat interval must be positive.");
        }

        _options = options;
        _client = new OptimizerClient(options.ServerUrl, options.BearerToken, requestTimeout: options.RequestTimeout);
        _executors = options.Executors ?? OptimizingTaskExecutors.CreateDefault(new LocalFileIO());
        _log = TextWriter.Synchronized(options.Log ?? TextWriter.Null);
        _threads = new ThreadBudget(options.Threads);
        _registerRequest = new RegisterRequest
        {
            Group = options.Group,
            Threads = options.Threads,
            MemoryMb = options.MemoryMb,
            ResourceId = options.ResourceId,
            Properties = options.Properties,
        };
    }

    /// <summary>What the worker has done so far; safe to read while it runs.</summary>
    public OptimizerWorkerStatus Status => new(
        Volatile.Read(ref _registration),
        Volatile.Read(ref _registrations),
        Interlocked.Read(ref _completed),
        Interlocked.Read(ref _failed),
        Interlocked.Read(ref _dropped),
        Volatile.Read(ref _running));

    /// <summary>
    /// Registers (retrying while the server is unreachable), then heartbeats and runs the task threads until
    /// <paramref name="cancellationToken"/> is cancelled; then stops polling, cancels running tasks, and unregisters.
    /// Returns normally after a stop. A refusal of the first registration (an unknown group, a refused bearer token,
    /// not a Floe server) ends the run with that <see cref="OptimizerProtocolException"/>; later refusals are retried,
    /// as the server may be restarting.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("An optimizer worker runs once; create another one to run again.");
        }

        try
        {
            await RegisterAsync(first: true, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log("Stopped before registering.");
            return;
        }

        // Reporting a task that just finished, and unregistering, may go on for a while after the stop.
        using var drain = new CancellationTokenSource();
        using CancellationTokenRegistration stopping = cancellationToken.Register(() => drain.CancelAfter(_options.StopTimeout));
        var loops = new List<Task> { Task.Run(() => HeartbeatLoopAsync(cancellationToken), CancellationToken.None) };
        for (int thread = 0; thread < _options.Threads; thread++)
        {
            int number = thread;
            loops.Add(Task.Run(() => ThreadLoopAsync(number, cancellationToken, drain.Token), CancellationToken.None));
        }

        try
        {
            await Task.WhenAll(loops).ConfigureAwait(false);
        }
        finally
        {
            await UnregisterAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _registerLock.Dispose();
    }

    private async Task HeartbeatLoopAsync(CancellationToken stop)
    {
        bool failing = false;
        while (!stop.IsCancellationRequested)
        {
            await DelayAsync(_options.HeartbeatInterval ?? Volatile.Read(ref _registration)!.HeartbeatInterval, stop);
            if (stop.IsCancellationRequested)
            {
                break;
            }

            // Read after the wait: a thread may have registered again meanwhile.
            OptimizerRegistration registration = Volatile.Read(ref _registration)!;

            try
            {
                await _client.HeartbeatAsync(registration.Token, stop).ConfigureAwait(false);
                failing = false;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (OptimizerProtocolException ex) when (ex.IsUnknownOptimizer)
            {
                await RenewOrStopAsync(registration, stop).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // The server drops a silent optimizer; keep trying at the usual pace, saying so once per outage.
                if (!failing)
                {
                    Log($"Heartbeat failed: {ex.Message} Trying again every heartbeat.");
                    failing = true;
                }
            }
        }
    }

    /// <summary>Registers, retrying with back-off while the server is unreachable (and, after the first time, while it refuses).</summary>
    private async Task<OptimizerRegistration> RegisterAsync(bool first, CancellationToken cancellationToken)
    {
        var backoff = NewBackoff();
        while (true)
        {
            try
            {
                OptimizerRegistration registration = await _client.RegisterAsync(_registerRequest, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _registration, registration);
                int count = Interlocked.Increment(ref _registrations);
                TimeSpan heartbeat = _options.HeartbeatInterval ?? registration.HeartbeatInterval;
                Log(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{(count == 1 ? "Registered" : "Registered again")} with {_client.ApiBase.GetLeftPart(UriPartial.Authority)} in group '{registration.Group}' with {_options.Threads} thread{(_options.Threads == 1 ? "" : "s")} (heartbeat every {heartbeat.TotalSeconds:0.###} s)."));
                return registration;
            }
            catch (OptimizerProtocolException ex) when (ex.IsTransient || !first)
            {
                TimeSpan delay = backoff.Next();
                Log(string.Create(CultureInfo.InvariantCulture, $"{ex.Message} Retrying in {delay.TotalSeconds:0.###} s."));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Registers again after the server forgot <paramref name="stale"/>; threads that find the same stale token
    /// wait for one registration and share it.
    /// </summary>
    private async Task<OptimizerRegistration> RenewAsync(OptimizerRegistration stale, CancellationToken cancellationToken)
    {
        await _registerLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            OptimizerRegistration current = Volatile.Read(ref _registration)!;
            if (!ReferenceEquals(current, stale))
            {
                return current;
            }

            Log("The server no longer knows this optimizer; registering again.");
            return await RegisterAsync(first: false, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _registerLock.Release();
        }
    }

    private async Task RenewOrStopAsync(OptimizerRegistration stale, CancellationToken stop)
    {
        try
        {
            await RenewAsync(stale, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping: the loop ends on its next check.
        }
    }

    private async Task UnregisterAsync()
    {
        OptimizerRegistration? registration = Interlocked.Exchange(ref _registration, null);
        if (registration is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(_options.StopTimeout);
        try
        {
            await _client.UnregisterAsync(registration.Token, timeout.Token).ConfigureAwait(false);
            Log("Unregistered; stopped.");
        }
        catch (Exception ex) when (ex is FloeException or OperationCanceledException)
        {
            // The server drops a silent optimizer after its heartbeat timeout anyway.
            Log($"Stopped without unregistering: {(ex is FloeException ? ex.Message : "the server did not answer in time.")}");
        }
    }

    private Backoff NewBackoff() => new(_options.MinRetryDelay, _options.MaxRetryDelay);

    /// <summary>Waits, ending early and quietly on <paramref name="stop"/>; callers check it next.</summary>
    private static ConfiguredTaskAwaitable DelayAsync(TimeSpan delay, CancellationToken stop) =>
        Task.Delay(delay, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    private void Log(string line) => _log.WriteLine(line);
}
