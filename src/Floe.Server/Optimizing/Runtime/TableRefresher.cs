using Floe.Common.Errors;
using Floe.Optimizing.Config;
using Floe.Optimizing.Evaluation;
using Floe.Server.Optimizing.Queue;
using Floe.Server.Optimizing.Registry;
using Floe.Server.Store;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Optimizing.Runtime;

/// <summary>
/// Keeps every table's optimizing state current: new tables get a state, dropped ones lose theirs, and an idle or
/// pending table is evaluated again when its snapshots changed or a trigger interval may have passed.
/// </summary>
internal sealed class TableRefresher(OptimizingContext context, OptimizerGroups groups, OptimizingQueues queues)
{
    private TableRuntimes Runtimes => context.Runtimes;

    /// <summary>Looks at every table once.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        TableListing listing = await context.Tables.ListTablesAsync(cancellationToken).ConfigureAwait(false);
        foreach ((string catalog, string error) in listing.UnreadableCatalogs)
        {
            context.Log.LogWarning("Optimizing: cannot list the tables of catalog {Catalog}: {Error}", catalog, error);
        }

        foreach (TableKey key in listing.Tables)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await RefreshTableAsync(key, cancellationToken).ConfigureAwait(false);
        }

        // A table of a catalog that could not be listed is not gone; it keeps its state until the catalog answers.
        var live = listing.Tables.ToHashSet();
        foreach (TableRuntimeRecord runtime in Runtimes.List().Where(r => !live.Contains(r.Key) && !listing.UnreadableCatalogs.ContainsKey(r.Key.Catalog)))
        {
            if (await Runtimes.DeleteAsync(runtime.Key, () => !queues.All.Any(q => q.HasProcessFor(runtime.Key)), cancellationToken).ConfigureAwait(false))
            {
                foreach (OptimizingQueue queue in queues.All)
                {
                    await queue.ForgetAsync(runtime.Key, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        queues.PulseAll();
    }

    /// <summary>Tables refreshed because a commit through the server's catalogs changed them.</summary>
    public long ChangeRefreshes => Interlocked.Read(ref _changeRefreshes);

    private long _changeRefreshes;

    /// <summary>
    /// Refreshes tables committed through the server's catalogs, one after another. A table already pending, planning
    /// or optimizing is left alone: planning reads its newest state anyway, and a process's commit refreshes it.
    /// </summary>
    public async Task RefreshChangedAsync(IReadOnlyCollection<TableKey> keys, CancellationToken cancellationToken)
    {
        foreach (TableKey key in keys)
        {
            if (Runtimes.Get(key) is { } runtime && (OptimizingStatus)runtime.Status is not OptimizingStatus.Idle)
            {
                continue;
            }

            try
            {
                await RefreshTableAsync(key, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _changeRefreshes);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The periodic refresh looks at the table again.
                context.Log.LogWarning(e, "Optimizing: refreshing {Table} after a commit failed", key);
            }
        }
    }

    public async Task RefreshTableAsync(TableKey key, CancellationToken cancellationToken)
    {
        LoadedTable loaded;
        try
        {
            loaded = await context.Tables.LoadAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (FloeException e) when (e.Kind != FloeErrorKind.NotFound)
        {
            await NoteErrorAsync(key, $"Cannot load the table: {e.Message}", cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (FloeException)
        {
            return; // Dropped between the listing and the load.
        }

        OptimizingConfig config;
        try
        {
            config = loaded.Target.Config;
        }
        catch (FloeException e)
        {
            await NoteErrorAsync(key, e.Message, cancellationToken).ConfigureAwait(false);
            return;
        }

        Runtimes.SetConfig(key, config);
        string? missingGroup = groups.Exists(config.Group) ? null : $"Optimizer group {config.Group} (self-optimizing.group) does not exist; create it or change the property.";
        TableRuntimeRecord runtime = (await Runtimes.UpdateAsync(key, known =>
        {
            TableRuntimeRecord current = known ?? Runtimes.NewRuntime(key, loaded.Format, config.Group);
            current = current with { Group = config.Group, Format = loaded.Format };
            return missingGroup is null ? current : current with { LastError = missingGroup };
        }, cancellationToken).ConfigureAwait(false))!;

        var status = (OptimizingStatus)runtime.Status;
        if (!config.Enabled)
        {
            foreach (OptimizingQueue queue in queues.All)
            {
                if (await queue.CloseTableAsync(key, "Cancelled: self-optimizing.enabled was set to false", cancellationToken).ConfigureAwait(false))
                {
                    status = OptimizingStatus.Idle;
                }
            }

            if (status is OptimizingStatus.Pending || runtime.Reason.Length > 0 && status is OptimizingStatus.Idle)
            {
                await Runtimes.SetStatusAsync(key, OptimizingStatus.Idle, cancellationToken, r => r with { Reason = "", OptimizingType = null, StateKey = loaded.Target.StateKey })
                    .ConfigureAwait(false);
            }

            return;
        }

        bool evaluate = status is OptimizingStatus.Idle or OptimizingStatus.Pending
            && (runtime.StateKey != loaded.Target.StateKey || IntervalMayHavePassed(key, config));
        if (!evaluate)
        {
            return;
        }

        long now = context.NowMs();
        TableEvaluation evaluation;
        try
        {
            evaluation = await loaded.Target.EvaluateAsync(new OptimizingTimes(runtime.LastMinorMs, runtime.LastMajorMs, runtime.LastFullMs, now), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.Log.LogWarning(e, "Optimizing: evaluating {Table} failed", key);
            await NoteErrorAsync(key, $"Evaluation failed: {e.Message}", cancellationToken).ConfigureAwait(false);
            return;
        }

        Runtimes.MarkEvaluated(key, now);
        // Only a table still idle or pending takes the evaluation; one planned meanwhile keeps its state.
        await Runtimes.UpdateAsync(key, current => current is null || (OptimizingStatus)current.Status is not (OptimizingStatus.Idle or OptimizingStatus.Pending) ? null : current with
        {
            Status = (int)evaluation.Status,
            StatusSinceMs = current.Status == (int)evaluation.Status ? current.StatusSinceMs : context.NowMs(),
            OptimizingType = evaluation.Type?.ToString().ToLowerInvariant(),
            Reason = evaluation.Reason,
            Pending = OptimizingViews.PendingJson(evaluation),
            HealthScore = evaluation.HealthScore,
            StateKey = loaded.Target.StateKey,
        }, cancellationToken).ConfigureAwait(false);
        if (evaluation.IsPending)
        {
            // Optimizers waiting in a poll may plan it now rather than at their next poll.
            queues.Of(runtime.Group).Pulse();
        }
    }

    /// <summary>True when a minor or full trigger interval may have passed since the last evaluation.</summary>
    private bool IntervalMayHavePassed(TableKey key, OptimizingConfig config)
    {
        if (Runtimes.EvaluatedMs(key) is not long last)
        {
            return true;
        }

        long elapsed = context.NowMs() - last;
        return (config.MinorTriggerIntervalMs >= 0 && elapsed >= config.MinorTriggerIntervalMs * 4 / 5)
            || (config.FullTriggerIntervalMs >= 0 && elapsed >= config.FullTriggerIntervalMs * 4 / 5);
    }

    private Task NoteErrorAsync(TableKey key, string message, CancellationToken cancellationToken) =>
        Runtimes.UpdateAsync(key, known => (known ?? Runtimes.NewRuntime(key, CatalogTableSource.IcebergFormat, OptimizerGroups.DefaultGroup)) with { LastError = message },
            cancellationToken);
}
