using Floe.Server.Store;

namespace Floe.Server.Optimizing.Queue;

/// <summary>
/// Task execution time per table over the last hour, for Amoro's quota scheduling: a table's occupation is its
/// execution time in that window divided by the window and by its quota threads; the lowest goes first.
/// </summary>
internal sealed class QuotaTracker
{
    public const long WindowMs = 60 * 60 * 1000;
    private readonly Dictionary<TableKey, List<(long StartMs, long EndMs)>> _runs = [];

    public void Record(TableKey table, long startMs, long endMs)
    {
        if (!_runs.TryGetValue(table, out var runs))
        {
            runs = [];
            _runs[table] = runs;
        }

        runs.Add((startMs, Math.Max(startMs, endMs)));
    }

    /// <summary>The share of its quota threads <paramref name="table"/> used in the last hour, counting running tasks until now.</summary>
    public double Occupation(TableKey table, int quotaThreads, IEnumerable<long> runningSinceMs, long nowMs)
    {
        long from = nowMs - WindowMs;
        long busy = 0;
        if (_runs.TryGetValue(table, out var runs))
        {
            runs.RemoveAll(r => r.EndMs < from);
            busy += runs.Sum(r => r.EndMs - Math.Max(r.StartMs, from));
        }

        busy += runningSinceMs.Sum(start => nowMs - Math.Max(start, from));
        return busy / (double)WindowMs / Math.Max(1, quotaThreads);
    }

    public void Forget(TableKey table) => _runs.Remove(table);
}
