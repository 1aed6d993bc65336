using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>
/// How often and how long a commit retries after a conflict (the <c>commit.retry.*</c> properties): exponential
/// back-off from min-wait doubling up to max-wait, with jitter so that competing writers spread out.
/// </summary>
public sealed record RetryPolicy(int NumRetries, TimeSpan MinWait, TimeSpan MaxWait, TimeSpan TotalTimeout)
{
    public static RetryPolicy From(TableMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new RetryPolicy(
            Math.Max(0, metadata.PropertyAsInt(CommitProperties.NumRetries, CommitProperties.NumRetriesDefault)),
            TimeSpan.FromMilliseconds(Math.Max(0, metadata.PropertyAsInt(CommitProperties.MinWaitMs, CommitProperties.MinWaitMsDefault))),
            TimeSpan.FromMilliseconds(Math.Max(0, metadata.PropertyAsInt(CommitProperties.MaxWaitMs, CommitProperties.MaxWaitMsDefault))),
            TimeSpan.FromMilliseconds(Math.Max(0, metadata.PropertyAsInt(CommitProperties.TotalTimeoutMs, CommitProperties.TotalTimeoutMsDefault))));
    }

    /// <summary>The pause before retry number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan Delay(int attempt)
    {
        double exponential = MinWait.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        double capped = Math.Min(exponential, MaxWait.TotalMilliseconds);
        double jittered = capped * (0.5 + (Random.Shared.NextDouble() / 2));
        return TimeSpan.FromMilliseconds(jittered);
    }
}
