namespace Floe.Optimizer;

/// <summary>Delays that double from a minimum to a maximum while failures go on, and start over after a success.</summary>
internal sealed class Backoff
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public Backoff(TimeSpan min, TimeSpan max)
    {
        _min = min;
        _max = max;
        _next = min;
    }

    /// <summary>How many delays were taken since the last <see cref="Reset"/>.</summary>
    public int Count { get; private set; }

    public TimeSpan Next()
    {
        TimeSpan delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_max.Ticks, _next.Ticks * 2));
        Count++;
        return delay;
    }

    public void Reset()
    {
        _next = _min;
        Count = 0;
    }
}
