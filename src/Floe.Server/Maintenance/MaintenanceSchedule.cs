using System.Collections.Concurrent;
using Floe.Server.Store;

namespace Floe.Server.Maintenance;

/// <summary>
/// When each action is next due on each table. An action is due one interval after its last recorded run finished
/// (so a restart resumes the schedule it left off with), and at once on a table it never ran on; after a run, failed
/// or not, or a table that did not take part, it is due again one interval later. A run skipped because the table
/// was busy stays due.
/// </summary>
internal sealed class MaintenanceSchedule
{
    private readonly ConcurrentDictionary<(TableKey, MaintenanceAction), long> _dueMs = new();
    private IReadOnlyDictionary<(TableKey Table, string Action), long> _lastFinishedMs = new Dictionary<(TableKey, string), long>();

    /// <summary>The history's last finish time of every table and action (by action name), read at start.</summary>
    public void Resume(IReadOnlyDictionary<(TableKey Table, string Action), long> lastFinishedMs) => _lastFinishedMs = lastFinishedMs;

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
                _dueMs.TryAdd((table, action), _lastFinishedMs.TryGetValue((table, action.Name()), out long finishedMs) ? finishedMs + intervalMs : nowMs);
            }
        }
    }

    /// <summary>The actions due now, by table.</summary>
    public IReadOnlyList<(TableKey Table, IReadOnlyList<MaintenanceAction> Actions)> Due(long nowMs) =>
        [.. _dueMs.Where(e => e.Value <= nowMs).GroupBy(e => e.Key.Item1).Select(g => (g.Key, (IReadOnlyList<MaintenanceAction>)[.. g.Select(e => e.Key.Item2).Order()]))];

    public void Done(TableKey table, MaintenanceAction action, long nowMs, long intervalMs) => _dueMs[(table, action)] = nowMs + intervalMs;

    /// <summary>A run outside the schedule (a manual one) counts as its last run when the action is scheduled on the table.</summary>
    public void RanOutside(TableKey table, MaintenanceAction action, long nowMs, long intervalMs)
    {
        if (_dueMs.TryGetValue((table, action), out long dueMs))
        {
            _dueMs.TryUpdate((table, action), nowMs + intervalMs, dueMs);
        }
    }
}
