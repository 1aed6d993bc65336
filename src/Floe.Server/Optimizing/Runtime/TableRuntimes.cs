using System.Collections.Concurrent;
using Floe.Optimizing.Config;
using Floe.Optimizing.Evaluation;
using Floe.Server.Store;

namespace Floe.Server.Optimizing.Runtime;

/// <summary>
/// Every table's optimizing state (Amoro's table runtimes), as stored. Reads take no lock; every change is a
/// read-modify-write under this store's own lock, so a change decided on a state that moved meanwhile sees the new
/// state. Queues take this lock while holding theirs; it never waits for a queue.
/// </summary>
internal sealed class TableRuntimes(OptimizingStore store, TimeProvider clock)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<TableKey, TableRuntimeRecord> _runtimes = [];
    private readonly ConcurrentDictionary<TableKey, OptimizingConfig> _configs = [];
    private readonly ConcurrentDictionary<TableKey, long> _evaluatedMs = [];

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (TableRuntimeRecord runtime in await store.ListRuntimesAsync(cancellationToken).ConfigureAwait(false))
        {
            _runtimes[runtime.Key] = runtime;
        }
    }

    public TableRuntimeRecord? Get(TableKey key) => _runtimes.TryGetValue(key, out TableRuntimeRecord? runtime) ? runtime : null;

    public IReadOnlyList<TableRuntimeRecord> List() => [.. _runtimes.Values];

    /// <summary>The table's optimizing properties as last loaded (defaults before the first load).</summary>
    public OptimizingConfig ConfigOf(TableKey key) => _configs.TryGetValue(key, out OptimizingConfig? config) ? config : new OptimizingConfig();

    public void SetConfig(TableKey key, OptimizingConfig config) => _configs[key] = config;

    public long? EvaluatedMs(TableKey key) => _evaluatedMs.TryGetValue(key, out long ms) ? ms : null;

    public void MarkEvaluated(TableKey key, long ms) => _evaluatedMs[key] = ms;

    /// <summary>
    /// Changes a table's state atomically: <paramref name="change"/> gets the current state (null for a table not seen
    /// yet) and returns the new one, or null to leave it; returns what is stored afterwards.
    /// </summary>
    public async Task<TableRuntimeRecord?> UpdateAsync(TableKey key, Func<TableRuntimeRecord?, TableRuntimeRecord?> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            TableRuntimeRecord? current = Get(key);
            TableRuntimeRecord? updated = change(current);
            if (updated is null || updated == current)
            {
                return current;
            }

            await store.SaveRuntimeAsync(updated, cancellationToken).ConfigureAwait(false);
            _runtimes[key] = updated;
            return updated;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Moves a known table to <paramref name="status"/> (its since-time moves when the status changes), with <paramref name="change"/> applied too.</summary>
    public Task<TableRuntimeRecord?> SetStatusAsync(
        TableKey key, OptimizingStatus status, CancellationToken cancellationToken, Func<TableRuntimeRecord, TableRuntimeRecord>? change = null) =>
        UpdateAsync(key, runtime =>
        {
            if (runtime is null)
            {
                return null;
            }

            TableRuntimeRecord updated = runtime with { Status = (int)status, StatusSinceMs = runtime.Status == (int)status ? runtime.StatusSinceMs : NowMs() };
            return change is null ? updated : change(updated);
        }, cancellationToken);

    /// <summary>Forgets a table when <paramref name="stillGone"/> holds under the lock.</summary>
    public async Task<bool> DeleteAsync(TableKey key, Func<bool> stillGone, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!stillGone())
            {
                return false;
            }

            await store.DeleteRuntimeAsync(key, cancellationToken).ConfigureAwait(false);
            _runtimes.TryRemove(key, out _);
            _evaluatedMs.TryRemove(key, out _);
            _configs.TryRemove(key, out _);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// A table seen for the first time. Its trigger intervals count from now, not from 1970: a new table with two
    /// small files is not compacted at once, only when the file count or the interval says so.
    /// </summary>
    public TableRuntimeRecord NewRuntime(TableKey key, string format, string group)
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

    private long NowMs() => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
