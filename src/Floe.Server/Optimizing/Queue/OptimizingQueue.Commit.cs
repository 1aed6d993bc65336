using Floe.Optimizing.Commit;
using Floe.Optimizing.Evaluation;
using Floe.Server.Optimizing.Processes;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Optimizing.Queue;

internal sealed partial class OptimizingQueue
{
    /// <summary>Raised after a process of this queue committed or failed to, so its table is refreshed.</summary>
    public Func<Store.TableKey, CancellationToken, Task>? Committed { get; set; }

    private void StartCommit(RunningProcess process)
    {
        process.Committing = true;
        context.Background.Run(ct => CommitAsync(process, ct), $"committing process {process.Id} of {process.Table}");
    }

    /// <summary>
    /// Commits a process whose tasks all succeeded, on freshly loaded table metadata. Committed (or found committed
    /// already) → success; abandoned because a writer changed what it rewrote → closed, outputs deleted by the target;
    /// any other failure → failed, outputs kept (the commit may have landed; orphan cleaning removes them otherwise).
    /// </summary>
    private async Task CommitAsync(RunningProcess process, CancellationToken cancellationToken)
    {
        await context.Runtimes.SetStatusAsync(process.Table, OptimizingStatus.Committing, cancellationToken).ConfigureAwait(false);
        OptimizingCommitResult? result = null;
        Exception? failure = null;
        try
        {
            // Maintenance of the table waits for the commit (or skips the table) while this guard is held.
            using IDisposable guard = await context.Guards.EnterAsync(process.Table, cancellationToken).ConfigureAwait(false);
            LoadedTable loaded = await context.Tables.LoadAsync(process.Table, cancellationToken).ConfigureAwait(false);
            result = await loaded.Target.CommitAsync(process.Planned, [.. process.Tasks.Values.Select(t => t.Output!)], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failure = e;
            context.Log.LogError(e, "Optimizing: committing process {Process} of {Table} failed", process.Id, process.Table);
        }

        await UnderLockAsync(async () =>
        {
            if (failure is not null)
            {
                await EndAsync(process, ProcessStatuses.Failed, $"Commit failed: {failure.Message}", CancellationToken.None, deleteOutputs: false).ConfigureAwait(false);
            }
            else if (result!.Outcome == CommitOutcome.Abandoned)
            {
                await EndAsync(process, ProcessStatuses.Closed, $"Abandoned: {result.Reason}", CancellationToken.None, deleteOutputs: false).ConfigureAwait(false);
            }
            else
            {
                await _outcomes.FinishAsync(process, result.SnapshotId, CancellationToken.None).ConfigureAwait(false);
                _processes.TryRemove(process.Id, out _);
            }

            return true;
        }, CancellationToken.None).ConfigureAwait(false);
        _work.Pulse();
        if (Committed is { } committed)
        {
            await committed(process.Table, cancellationToken).ConfigureAwait(false);
        }
    }
}
