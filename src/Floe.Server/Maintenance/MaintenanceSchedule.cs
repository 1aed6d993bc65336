using System.Collections.Concurrent;
using Floe.Server.Store;

namespace Floe.Server.Maintenance;

/// <summary>
/// When each action is next due on each table. A table is first due one interval after the scheduler first saw it
/// (a restart does not run everything at once); after a run, failed or not, or a table that did not take part, the
/// action is due again one interval later. A run skipped because the table was busy stays due.
/// </summary>
internal sealed class MaintenanceSchedule
{
    private readonly ConcurrentDictionary<(TableKey, MaintenanceAction), long> _dueMs = new();

    /// <summary>Notes tables seen for the first time and forgets dropped ones.</summary>
    public void Track(IReadOnlyList<TableKey> tables, IEnumerable<(MaintenanceAction Action, long IntervalMs)> actions, long nowMs)
    {
        var present = tables.ToHashSet();
        foreach ((TableKey table, MaintenanceAction action) in _dueMs.Keys)
        {
            if (!present.Contains(table))
            {
                _dueMs.TryRemove((table, action), out _);
            }
        }

        foreach ((MaintenanceAction action, long intervalMs) in actions)
        {
            foreach (TableKey table in tables)
            {
                _dueMs.TryAdd((table, action), nowMs + intervalMs);
            }
        }
    }

    /// <summary>The actions due now, by table.</summary>
    public IReadOnlyList<(TableKey Table, IReadOnlyList<MaintenanceAction> Actions)> Due(long nowMs) =>
        [.. _dueMs.Where(e => e.Value <= nowMs).GroupBy(e => e.Key.Item1).Select(g => (g.Key, (IReadOnlyList<MaintenanceAction>)[.. g.Select(e => e.Key.Item2).Order()]))];

    public void Done(TableKey table, MaintenanceAction action, long nowMs, long intervalMs) => _dueMs[(table, action)] = nowMs + intervalMs;
}
