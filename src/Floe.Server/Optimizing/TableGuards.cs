using System.Collections.Concurrent;
using Floe.Server.Store;

namespace Floe.Server.Optimizing;

/// <summary>
/// One exclusive guard per table, taken by whatever changes a table from the server's side: the optimizing commit and
/// each maintenance run. Holding it means no other of them runs on that table meanwhile.
/// </summary>
public sealed class TableGuards
{
    private readonly ConcurrentDictionary<TableKey, SemaphoreSlim> _guards = new();

    /// <summary>Waits for the table's guard; dispose the answer to release it.</summary>
    public async Task<IDisposable> EnterAsync(TableKey table, CancellationToken cancellationToken)
    {
        SemaphoreSlim guard = Of(table);
        await guard.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Held(guard);
    }

    /// <summary>The table's guard when it is free now; null when something holds it.</summary>
    public IDisposable? TryEnter(TableKey table)
    {
        SemaphoreSlim guard = Of(table);
        return guard.Wait(0) ? new Held(guard) : null;
    }

    /// <summary>Whether something holds the table's guard now.</summary>
    public bool IsHeld(TableKey table) => _guards.TryGetValue(table, out SemaphoreSlim? guard) && guard.CurrentCount == 0;

    private SemaphoreSlim Of(TableKey table) => _guards.GetOrAdd(table, _ => new SemaphoreSlim(1, 1));

    private sealed class Held(SemaphoreSlim guard) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                guard.Release();
            }
        }
    }
}
