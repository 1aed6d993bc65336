namespace Floe.Optimizer;

/// <summary>
/// The threads of an optimizer shared out among the tasks it runs: a task starting takes what no running task holds
/// (at least one), so a task that starts while the optimizer has fewer tasks than threads may use the idle ones, and
/// gives them back when it ends. The count is fixed for the task's run: a task arriving while another holds the
/// spare threads runs on one, so for that while the optimizer keeps at most twice its threads busy.
/// </summary>
internal sealed class TaskThreads
{
    private readonly Lock _lock = new();
    private readonly int _total;
    private int _held;

    public TaskThreads(int total)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(total, 1);
        _total = total;
    }

    /// <summary>The threads running tasks hold now.</summary>
    public int Held
    {
        get
        {
            lock (_lock)
            {
                return _held;
            }
        }
    }

    /// <summary>The threads a task starting now may use; give them back with <see cref="Return"/>.</summary>
    public int Take()
    {
        lock (_lock)
        {
            int grant = Math.Max(1, _total - _held);
            _held += grant;
            return grant;
        }
    }

    /// <summary>Gives back what <see cref="Take"/> granted.</summary>
    public void Return(int threads)
    {
        lock (_lock)
        {
            _held -= threads;
        }
    }
}
