namespace Floe.Server.Store;

/// <summary>
/// One run of a maintenance action on one table, as the history keeps it: when, how long, what it removed, and the
/// error when it failed.
/// </summary>
public sealed record MaintenanceRunRecord
{
    public required long RunId { get; init; }

    public required TableKey Table { get; init; }

    /// <summary>The action's name (<c>expire-snapshots</c>, <c>clean-orphan-files</c>, ...).</summary>
    public required string Action { get; init; }

    /// <summary><c>scheduled</c> or <c>manual</c>.</summary>
    public required string Trigger { get; init; }

    public required long StartedMs { get; init; }

    public long DurationMs { get; init; }

    public long FilesRemoved { get; init; }

    public long BytesRemoved { get; init; }

    public long SnapshotsExpired { get; init; }

    public long RowsExpired { get; init; }

    /// <summary>A short line saying what the action did (a tag created, delete files removed, a delete failure).</summary>
    public string Summary { get; init; } = "";

    /// <summary>Why the run failed; null when it succeeded.</summary>
    public string? Error { get; init; }
}
