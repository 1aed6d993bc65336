namespace Floe.Optimizing.Evaluation;

/// <summary>
/// When the table was last optimized of each type (Unix milliseconds; 0 for never) and the time evaluation runs at.
/// Trigger intervals are measured from these.
/// </summary>
public sealed record OptimizingTimes(long LastMinorMs, long LastMajorMs, long LastFullMs, long NowMs)
{
    /// <summary>A table never optimized, evaluated at <paramref name="nowMs"/>.</summary>
    public static OptimizingTimes Never(long nowMs) => new(0, 0, 0, nowMs);

    /// <summary>Whether <paramref name="intervalMs"/> (negative: off) has passed since <paramref name="lastMs"/>.</summary>
    public bool Reached(long intervalMs, long lastMs) => intervalMs >= 0 && NowMs - lastMs >= intervalMs;
}
