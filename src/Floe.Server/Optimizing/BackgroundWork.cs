using Microsoft.Extensions.Logging;

namespace Floe.Server.Optimizing;

/// <summary>Slow work (planning, commits, deleting outputs) run off the callers' paths, tracked so that stopping waits for it; failures are logged.</summary>
internal sealed class BackgroundWork(ILogger log)
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];

    /// <summary>Cancelled when the service stops.</summary>
    public CancellationToken Stopping => _stop.Token;

    public void Run(Func<CancellationToken, Task> work, string what)
    {
        Task task = Task.Run(async () =>
        {
            try
            {
                await work(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                log.LogError(e, "Optimizing: {What} failed", what);
            }
        });
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(task);
        }
    }

    /// <summary>Cancels the work and waits for it and for <paramref name="loops"/>.</summary>
    public async Task StopAsync(IEnumerable<Task> loops)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }

        try
        {
            await Task.WhenAll(loops.Concat(running)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
