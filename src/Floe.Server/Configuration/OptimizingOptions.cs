namespace Floe.Server.Configuration;

/// <summary>
/// The optimizing service's settings (<c>optimizing:</c> in <c>floe.yaml</c>), with Amoro's defaults where Amoro has
/// the same setting. Times are milliseconds.
/// </summary>
public sealed record OptimizingOptions
{
    /// <summary>Whether the server evaluates, plans and commits optimizing at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How often every table is looked at again (Amoro: <c>refresh-tables.interval</c>).</summary>
    public long RefreshIntervalMs { get; init; } = 60_000;

    /// <summary>
    /// How long after a commit through the server's catalogs the table is refreshed; commits of the meantime join
    /// the same refresh. 0 refreshes at once.
    /// </summary>
    public long CommitRefreshDelayMs { get; init; } = 1_000;

    /// <summary>An optimizer silent this long is dropped and its tasks go back to the queue.</summary>
    public long HeartbeatTimeoutMs { get; init; } = 60_000;

    /// <summary>A dispatched task not acknowledged this long goes back to the queue.</summary>
    public long TaskAckTimeoutMs { get; init; } = 30_000;

    /// <summary>An acknowledged task running this long goes back to the queue; 0 for no limit.</summary>
    public long TaskExecuteTimeoutMs { get; init; }

    /// <summary>How long a poll waits for a task.</summary>
    public long PollTimeoutMs { get; init; } = 3_000;

    /// <summary>How often optimizers are told to send heartbeats.</summary>
    public long HeartbeatIntervalMs { get; init; } = 10_000;

    /// <summary>Threads of the optimizer the server runs itself for the <c>default</c> group when it creates that group.</summary>
    public int LocalThreads { get; init; } = 1;

    /// <summary>Input bytes a process may take per optimizer thread of its group (Amoro: <c>max-input-file-size-per-thread</c>).</summary>
    public long MaxInputBytesPerThread { get; init; } = 512L * 1024 * 1024;

    /// <summary>How long ended processes stay in the history (Amoro: <c>process.history-data-keep-time</c>, 7 days).</summary>
    public long HistoryKeepMs { get; init; } = 7L * 24 * 60 * 60 * 1000;

    /// <summary>Lets a table run more tasks than its quota when no other table has work (Amoro: <c>break-quota-limit-enabled</c>).</summary>
    public bool BreakQuotaLimit { get; init; } = true;
}
