using Floe.Common.Errors;
using Floe.Optimizing.Config;
using Floe.Optimizing.Evaluation;
using Floe.Server.Store;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Optimizing;

public sealed partial class OptimizingService
{
    /// <summary>
    /// Looks at every table once: new tables get a state, dropped ones lose theirs, and an idle or pending table is
    /// evaluated again when its snapshots changed or a trigger interval may have passed.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        TableListing listing = await _tables.ListTablesAsync(cancellationToken).ConfigureAwait(false);
        foreach ((string catalog, string error) in listing.UnreadableCatalogs)
        {
            _log.LogWarning("Optimizing: cannot list the tables of catalog {Catalog}: {Error}", catalog, error);
        }

        IReadOnlyList<TableKey> keys = listing.Tables;
        foreach (TableKey key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await RefreshTableAsync(key, cancellationToken).ConfigureAwait(false);
        }

        var live = keys.ToHashSet();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A table of a catalog that could not be listed is not gone; it keeps its state until the catalog answers.
            foreach (TableKey gone in _runtimes.Keys
                .Where(k => !live.Contains(k) && !listing.UnreadableCatalogs.ContainsKey(k.Catalog) && !_processes.Values.Any(p => p.Table == k)).ToList())
            {
                await _store.DeleteRuntimeAsync(gone, cancellationToken).ConfigureAwait(false);
                _runtimes.Remove(gone);
                _evaluatedMs.Remove(gone);
                _quota.Forget(gone);
            }
        }
        finally
        {
            _gate.Release();
        }

        _work.Pulse();
    }

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromMilliseconds(_options.RefreshIntervalMs), _clock, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _log.LogError(e, "Optimizing: refreshing tables failed");
                await Task.Delay(TimeSpan.FromMilliseconds(_options.RefreshIntervalMs), _clock, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RefreshTableAsync(TableKey key, CancellationToken cancellationToken)
    {
        LoadedTable loaded;
        try
        {
            loaded = await _tables.LoadAsync(key, cancellationToken).ConfigureAwait(false);
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

        TableRuntimeRecord runtime;
        bool evaluate;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _configs[key] = config;
            runtime = _runtimes.TryGetValue(key, out TableRuntimeRecord? known) ? known : NewRuntime(key, loaded.Format, config.Group);
            if (runtime.Group != config.Group || runtime.Format != loaded.Format || !_runtimes.ContainsKey(key))
            {
                runtime = runtime with { Group = config.Group, Format = loaded.Format };
                await SaveRuntimeAsync(runtime, cancellationToken).ConfigureAwait(false);
            }

            if (!_groups.ContainsKey(config.Group))
            {
                string missing = $"Optimizer group {config.Group} (self-optimizing.group) does not exist; create it or change the property.";
                if (runtime.LastError != missing)
                {
                    runtime = runtime with { LastError = missing };
                    await SaveRuntimeAsync(runtime, cancellationToken).ConfigureAwait(false);
                }
            }

            var status = (OptimizingStatus)runtime.Status;
            if (!config.Enabled)
            {
                if (_processes.Values.FirstOrDefault(p => p.Table == key && !p.Committing) is { } running)
                {
                    await EndProcessAsync(running, ProcessStatuses.Closed, "Cancelled: self-optimizing.enabled was set to false", cancellationToken).ConfigureAwait(false);
                    status = OptimizingStatus.Idle;
                }

                if (status is OptimizingStatus.Pending || runtime.Reason.Length > 0 && status is OptimizingStatus.Idle)
                {
                    await SetStatusAsync(key, OptimizingStatus.Idle, cancellationToken, r => r with { Reason = "", OptimizingType = null, StateKey = loaded.Target.StateKey })
                        .ConfigureAwait(false);
                }

                return;
            }

            evaluate = status is OptimizingStatus.Idle or OptimizingStatus.Pending
                && (runtime.StateKey != loaded.Target.StateKey || IntervalMayHavePassed(key, config));
        }
        finally
        {
            _gate.Release();
        }

        if (!evaluate)
        {
            return;
        }

        long now = NowMs();
        TableEvaluation evaluation;
        try
        {
            evaluation = await loaded.Target.EvaluateAsync(new OptimizingTimes(runtime.LastMinorMs, runtime.LastMajorMs, runtime.LastFullMs, now), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.LogWarning(e, "Optimizing: evaluating {Table} failed", key);
            await NoteErrorAsync(key, $"Evaluation failed: {e.Message}", cancellationToken).ConfigureAwait(false);
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _evaluatedMs[key] = now;
            if (!_runtimes.TryGetValue(key, out TableRuntimeRecord? current) || (OptimizingStatus)current.Status is not (OptimizingStatus.Idle or OptimizingStatus.Pending))
            {
                return; // Planned meanwhile.
            }

            await SetStatusAsync(key, evaluation.Status, cancellationToken, r => r with
            {
                OptimizingType = evaluation.Type?.ToString().ToLowerInvariant(),
                Reason = evaluation.Reason,
                Pending = OptimizingViews.PendingJson(evaluation),
                HealthScore = evaluation.HealthScore,
                StateKey = loaded.Target.StateKey,
            }).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        if (evaluation.IsPending)
        {
            // Optimizers waiting in a poll may plan it now rather than at their next poll.
            _work.Pulse();
        }
    }

    /// <summary>True when a minor or full trigger interval may have passed since the last evaluation.</summary>
    private bool IntervalMayHavePassed(TableKey key, OptimizingConfig config)
    {
        if (!_evaluatedMs.TryGetValue(key, out long last))
        {
            return true;
        }

        long elapsed = NowMs() - last;
        return (config.MinorTriggerIntervalMs >= 0 && elapsed >= config.MinorTriggerIntervalMs * 4 / 5)
            || (config.FullTriggerIntervalMs >= 0 && elapsed >= config.FullTriggerIntervalMs * 4 / 5);
    }

    /// <summary>
    /// A table seen for the first time. Its trigger intervals count from now, not from 1970: a new table with two
    /// small files is not compacted at once, only when the file count or the interval says so.
    /// </summary>
    private TableRuntimeRecord NewRuntime(TableKey key, string format, string group)
    {
        long now = NowMs();
        return new TableRuntimeRecord
        {
            Key = key,
            Format = format,
            Group = group,
            Status = (int)OptimizingStatus.Idle,
            StatusSinceMs = now,
            LastMinorMs = now,
            LastMajorMs = now,
            LastFullMs = now,
        };
    }

    private async Task NoteErrorAsync(TableKey key, string message, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            TableRuntimeRecord runtime = _runtimes.TryGetValue(key, out TableRuntimeRecord? known) ? known : NewRuntime(key, CatalogTableSource.IcebergFormat, DefaultGroup);
            await SaveRuntimeAsync(runtime with { LastError = message }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
