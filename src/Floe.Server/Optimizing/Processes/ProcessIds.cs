namespace Floe.Server.Optimizing.Processes;

/// <summary>Process ids, unique across groups: one more than the highest stored.</summary>
internal sealed class ProcessIds
{
    private long _last;

    public void StartAfter(long last) => Interlocked.Exchange(ref _last, last);

    public long Next() => Interlocked.Increment(ref _last);
}
