namespace Floe.Common.Threading;

/// <summary>
/// A fixed number of threads shared by workers that each run on a thread of their own and may borrow idle ones for a
/// short stretch of parallel work. A worker counts from <see cref="Enter"/> to <see cref="Exit"/>; <see cref="Borrow"/>
/// lends only what neither a worker nor another borrower holds, and the lender gives it back as soon as that stretch
/// ends. So the threads kept busy exceed <see cref="Total"/> only when workers start while their threads are lent, and
/// only until the current stretch ends, never for a whole worker's run.
/// </summary>
public sealed class ThreadBudget
{
    private readonly Lock _lock = new();
    private int _workers;
    private int _lent;
    private int _peakBusy;

    public ThreadBudget(int total)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(total, 1);
        Total = total;
    }

    /// <summary>The threads shared out.</summary>
    public int Total { get; }

    /// <summary>Workers running now (each on its own thread) plus threads lent out now.</summary>
    public int Busy
    {
        get
        {
            lock (_lock)
            {
                return _workers + _lent;
            }
        }
    }

    /// <summary>The most threads held at once since this budget was made.</summary>
    public int PeakBusy
    {
        get
        {
            lock (_lock)
            {
                return _peakBusy;
            }
        }
    }

    /// <summary>A worker starts on a thread of its own; <see cref="Exit"/> when it ends.</summary>
    public void Enter()
    {
        lock (_lock)
        {
            _workers++;
            _peakBusy = Math.Max(_peakBusy, _workers + _lent);
        }
    }

    /// <summary>A worker that called <see cref="Enter"/> ends.</summary>
    public void Exit()
    {
        lock (_lock)
        {
            if (_workers == 0)
            {
                throw new InvalidOperationException("No worker of this thread budget is running.");
            }

            _workers--;
        }
    }

    /// <summary>Lends up to <paramref name="wanted"/> idle threads (none when none is idle); give them back with <see cref="Return"/>.</summary>
    public int Borrow(int wanted)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(wanted);
        lock (_lock)
        {
            int lent = Math.Clamp(Total - _workers - _lent, 0, wanted);
            _lent += lent;
            _peakBusy = Math.Max(_peakBusy, _workers + _lent);
            return lent;
        }
    }

    /// <summary>Gives back threads <see cref="Borrow"/> lent.</summary>
    public void Return(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_lock)
        {
            if (count > _lent)
            {
                throw new InvalidOperationException($"{count} threads given back, but only {_lent} are lent.");
            }

            _lent -= count;
        }
    }
}
