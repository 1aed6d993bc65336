using System.Text.Json.Serialization;

namespace Floe.Contracts.Management;

/// <summary>One run of a maintenance action on a table: when, how long, what it removed, and its error when it failed.</summary>
public sealed record MaintenanceRunView
{
    [JsonPropertyName("run-id")]
    public required long RunId { get; init; }

    [JsonPropertyName("catalog")]
    public required string Catalog { get; init; }

    /// <summary>The namespace in its dotted form.</summary>
    [JsonPropertyName("namespace")]
    public required string Namespace { get; init; }

    [JsonPropertyName("table")]
    public required string Table { get; init; }

    /// <summary><c>expire-snapshots</c>, <c>clean-orphan-files</c>, <c>clean-dangling-delete-files</c>, <c>expire-data</c> or <c>auto-create-tags</c>.</summary>
    [JsonPropertyName("action")]
    public required string Action { get; init; }

    /// <summary><c>scheduled</c> or <c>manual</c>.</summary>
    [JsonPropertyName("trigger")]
    public required string Trigger { get; init; }

    [JsonPropertyName("started-ms")]
    public required long StartedMs { get; init; }

    [JsonPropertyName("duration-ms")]
    public required long DurationMs { get; init; }

    [JsonPropertyName("files-removed")]
    public required long FilesRemoved { get; init; }

    [JsonPropertyName("bytes-removed")]
    public required long BytesRemoved { get; init; }

    [JsonPropertyName("snapshots-expired")]
    public required long SnapshotsExpired { get; init; }

    [JsonPropertyName("rows-expired")]
    public required long RowsExpired { get; init; }

    [JsonPropertyName("summary")]
    public required string Summary { get; init; }

    /// <summary>Why the run failed; null when it succeeded.</summary>
    [JsonPropertyName("error")]
    public required string? Error { get; init; }
}

/// <summary>Maintenance runs, newest first.</summary>
public sealed record MaintenanceRunList
{
    [JsonPropertyName("runs")]
    public required IReadOnlyList<MaintenanceRunView> Runs { get; init; }
}

/// <summary>Runs one maintenance action on the table now: <c>{"action": "expire-snapshots"}</c>.</summary>
public sealed record RunMaintenanceRequest
{
    [JsonPropertyName("action")]
    public required string Action { get; init; }
}
