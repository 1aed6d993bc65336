using Floe.Server.Store;

namespace Floe.Server.Optimizing.Runtime;

/// <summary>
/// Tables committed through the server's catalogs since the service last looked: a set, so any number of commits of
/// one table before the next look make one refresh of it.
/// </summary>
internal sealed class ChangedTables
{
    private readonly Lock _lock = new();
    private readonly AsyncSignal _signal = new();
    private HashSet<TableKey> _changed = [];

    public void Add(TableKey key)
    {
        lock (_lock)
        {
            if (!_changed.Add(key))
            {
                return; // already waiting for its refresh
            }
        }

        _signal.Pulse();
    }

    /// <summary>Completes once a table has changed (at once when one has since the last <see cref="Take"/>).</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        Task next = _signal.Next;
        lock (_lock)
        {
            if (_changed.Count > 0)
            {
                return Task.CompletedTask;
            }
        }

        return next.WaitAsync(cancellationToken);
    }

    /// <summary>The tables changed since the last call, emptying the set.</summary>
    public IReadOnlyCollection<TableKey> Take()
    {
        lock (_lock)
        {
            HashSet<TableKey> taken = _changed;
            _changed = [];
            return taken;
        }
    }
}
