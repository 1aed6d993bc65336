using Floe.Core.Metadata;
using Floe.Core.Properties;

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
        var settings = metadata.Settings;
        return new RetryPolicy(
            settings.Get(CommitRetryProperties.NumRetries),
            TimeSpan.FromMilliseconds(settings.Get(CommitRetryProperties.MinWaitMs)),
            TimeSpan.FromMilliseconds(settings.Get(CommitRetryProperties.MaxWaitMs)),
            TimeSpan.FromMilliseconds(settings.Get(CommitRetryProperties.TotalTimeoutMs)));
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
