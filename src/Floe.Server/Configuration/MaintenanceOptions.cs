namespace Floe.Server.Configuration;

/// <summary>One maintenance action's global switch and interval (Amoro: <c>expire-snapshots.enabled</c>, <c>.interval</c>).</summary>
public sealed record MaintenanceActionOptions(bool Enabled, TimeSpan Interval);

/// <summary>
/// The maintenance scheduler's settings (<c>maintenance:</c> in <c>floe.yaml</c>): per action a switch and an
/// interval with Amoro's defaults; a table takes part only where its own <c>*.enabled</c> property allows it.
/// </summary>
public sealed record MaintenanceOptions
{
    /// <summary>Whether the server schedules maintenance at all (a run asked for through the API always runs).</summary>
    public bool Enabled { get; init; } = true;

    public MaintenanceActionOptions ExpireSnapshots { get; init; } = new(true, TimeSpan.FromHours(1));

    public MaintenanceActionOptions CleanOrphanFiles { get; init; } = new(true, TimeSpan.FromDays(1));

    public MaintenanceActionOptions CleanDanglingDeleteFiles { get; init; } = new(true, TimeSpan.FromDays(1));

    public MaintenanceActionOptions ExpireData { get; init; } = new(true, TimeSpan.FromDays(1));

    public MaintenanceActionOptions AutoCreateTags { get; init; } = new(true, TimeSpan.FromMinutes(1));

    /// <summary>Tables maintained at the same time (Amoro: <c>thread-count</c>).</summary>
    public int Workers { get; init; } = 2;

    /// <summary>How long runs stay in the history (as <c>optimizing.history-keep-ms</c>, 7 days).</summary>
    public long HistoryKeepMs { get; init; } = 7L * 24 * 60 * 60 * 1000;
}
