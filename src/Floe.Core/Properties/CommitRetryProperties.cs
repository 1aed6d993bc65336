namespace Floe.Core.Properties;

/// <summary>
/// How the table committer retries a commit that lost to a concurrent one (Iceberg's <c>commit.retry.*</c>):
/// exponential back-off from min-wait up to max-wait, at most num-retries times within total-timeout.
/// </summary>
public static class CommitRetryProperties
{
    public const string Group = "Commits";

    public static readonly IntProperty NumRetries = new(
        "commit.retry.num-retries", 4, Group, "Retries after a commit conflict before the commit fails.");

    public static readonly IntProperty MinWaitMs = new(
        "commit.retry.min-wait-ms", 100, Group, "Pause before the first retry; it doubles on each retry.", unit: "ms");

    public static readonly IntProperty MaxWaitMs = new(
        "commit.retry.max-wait-ms", 60_000, Group, "Longest pause between retries.", unit: "ms");

    public static readonly IntProperty TotalTimeoutMs = new(
        "commit.retry.total-timeout-ms", 1_800_000, Group, "No retry starts after this long since the first attempt.", unit: "ms");
}
