namespace Floe.Http;

/// <summary>
/// When a call is tried again: only idempotent calls, only after a transport failure, a timeout or a transient status
/// (<see cref="HttpErrorTable.IsTransient"/>), at most <see cref="MaxAttempts"/> times, with doubling delays.
/// A non-idempotent call (a commit) is never repeated: the first attempt may have taken effect.
/// </summary>
public sealed record HttpRetryPolicy
{
    /// <summary>Tries of one call, the first included.</summary>
    public int MaxAttempts { get; init; } = 4;

    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Never retries.</summary>
    public static HttpRetryPolicy None { get; } = new() { MaxAttempts = 1 };

    /// <summary>
    /// Whether attempt number <paramref name="attempt"/> (1 for the first) is followed by another;
    /// <paramref name="status"/> is null when no answer came.
    /// </summary>
    public bool ShouldRetry(int attempt, bool idempotent, int? status) =>
        idempotent && attempt < MaxAttempts && (status is null || HttpErrorTable.IsTransient(status.Value));

    /// <summary>The pause after attempt <paramref name="attempt"/>: the initial delay doubled per attempt, capped.</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        double factor = Math.Pow(2, Math.Max(0, attempt - 1));
        return TimeSpan.FromTicks((long)Math.Min(MaxDelay.Ticks, InitialDelay.Ticks * factor));
    }
}
