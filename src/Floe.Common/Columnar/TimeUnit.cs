namespace Floe.Common.Columnar;

/// <summary>The unit of a timestamp column's values.</summary>
public enum TimeUnit
{
    Milliseconds,
    Microseconds,
    Nanoseconds,
}
