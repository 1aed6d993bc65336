using Floe.Server.Optimizing.Runtime;
using Floe.Server.Store;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Optimizing;

/// <summary>
/// The service's loops on its clock: refreshing every table each <c>refresh-interval</c> (the safety net for tables
/// other processes write), refreshing tables committed through the server's catalogs soon after their commits, and
/// expiring optimizers and tasks a few times per timeout (pruning the history hourly).
/// </summary>
internal sealed class ServiceLoops(
    OptimizingContext context,
    Func<CancellationToken, Task> refresh,
    ChangedTables changes,
    Func<IReadOnlyCollection<TableKey>, CancellationToken, Task> refreshChanged,
    Func<CancellationToken, Task> expire,
    Func<CancellationToken, Task<int>> prune)
{
    /// <summary>How often the history is pruned.</summary>
    private const long HistoryPruneIntervalMs = 60 * 60 * 1000;

    private readonly List<Task> _running = [];

    public IReadOnlyList<Task> Running => _running;

    public void Start()
    {
        CancellationToken stop = context.Background.Stopping;
        _running.Add(Task.Run(() => RefreshLoopAsync(stop), CancellationToken.None));
        _running.Add(Task.Run(() => ChangeLoopAsync(stop), CancellationToken.None));
        _running.Add(Task.Run(() => KeeperLoopAsync(stop), CancellationToken.None));
    }

    private async Task ChangeLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await changes.WaitAsync(cancellationToken).ConfigureAwait(false);
                // Commits arriving meanwhile join this round: a table committed many times is refreshed once.
                await DelayAsync(context.Options.CommitRefreshDelayMs, cancellationToken).ConfigureAwait(false);
                await refreshChanged(changes.Take(), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                context.Log.LogError(e, "Optimizing: refreshing committed tables failed");
            }
        }
    }

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await refresh(cancellationToken).ConfigureAwait(false);
                await DelayAsync(context.Options.RefreshIntervalMs, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                context.Log.LogError(e, "Optimizing: refreshing tables failed");
                await DelayAsync(context.Options.RefreshIntervalMs, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task KeeperLoopAsync(CancellationToken cancellationToken)
    {
        long period = Math.Clamp(Math.Min(context.Options.HeartbeatTimeoutMs, context.Options.TaskAckTimeoutMs) / 4, 50, 1000);
        long lastPruneMs = context.NowMs(); // pruned at start
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await DelayAsync(period, cancellationToken).ConfigureAwait(false);
                await expire(cancellationToken).ConfigureAwait(false);
                if (context.NowMs() - lastPruneMs >= HistoryPruneIntervalMs)
                {
                    lastPruneMs = context.NowMs();
                    await prune(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                context.Log.LogError(e, "Optimizing: expiring optimizers and tasks failed");
            }
        }
    }

    private Task DelayAsync(long ms, CancellationToken cancellationToken) => Task.Delay(TimeSpan.FromMilliseconds(ms), context.Clock, cancellationToken);
}
