using System.Diagnostics;

/// <summary>
/// Samples the process's working set and managed heap while a phase runs, so each phase reports its own peak
/// (the process's peak working set covers the whole run, setup included).
/// </summary>
internal sealed class PeakMemory : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _workingSet;
    private long _heap;

    private PeakMemory()
    {
        Sample();
        _sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    Sample();
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    /// <summary>The highest working set seen, in MB.</summary>
    public double WorkingSetMb => Interlocked.Read(ref _workingSet) / 1048576.0;

    /// <summary>The highest managed heap size seen (live and not yet collected objects), in MB.</summary>
    public double HeapMb => Interlocked.Read(ref _heap) / 1048576.0;

    /// <summary>Starts sampling after a full collection, so garbage of earlier phases does not count.</summary>
    public static PeakMemory Start()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return new PeakMemory();
    }

    /// <summary>Stops sampling; the peaks are final afterwards.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
            await _sampler;
            Sample();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private void Sample()
    {
        using Process process = Process.GetCurrentProcess();
        Max(ref _workingSet, process.WorkingSet64);
        Max(ref _heap, GC.GetTotalMemory(forceFullCollection: false));
    }

    private static void Max(ref long location, long value)
    {
        long current = Interlocked.Read(ref location);
        while (value > current)
        {
            long seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
