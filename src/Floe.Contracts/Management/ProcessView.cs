using System.Text.Json.Serialization;

namespace Floe.Contracts.Management;

/// <summary>An optimizing process: its table, type, status, totals and, when asked for one process, its tasks.</summary>
public sealed record ProcessView
{
    [JsonPropertyName("process-id")]
    public required long ProcessId { get; init; }

    [JsonPropertyName("catalog")]
    public required string Catalog { get; init; }

    /// <summary>The namespace in its dotted form.</summary>
    [JsonPropertyName("namespace")]
    public required string Namespace { get; init; }

    [JsonPropertyName("table")]
    public required string Table { get; init; }

    [JsonPropertyName("group")]
    public required string Group { get; init; }

    [JsonPropertyName("format")]
    public required string Format { get; init; }

    [JsonPropertyName("optimizing-type")]
    public required string OptimizingType { get; init; }

    /// <summary><c>running</c>, <c>success</c>, <c>failed</c> or <c>cancelled</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("reason")]
    public required string Reason { get; init; }

    [JsonPropertyName("started-ms")]
    public required long StartedMs { get; init; }

    [JsonPropertyName("ended-ms")]
    public required long? EndedMs { get; init; }

    /// <summary>Until it ended, or until the answer for a running process.</summary>
    [JsonPropertyName("duration-ms")]
    public required long DurationMs { get; init; }

    [JsonPropertyName("fail-reason")]
    public required string? FailReason { get; init; }

    [JsonPropertyName("task-count")]
    public required int TaskCount { get; init; }

    [JsonPropertyName("input-files")]
    public required long InputFiles { get; init; }

    [JsonPropertyName("input-bytes")]
    public required long InputBytes { get; init; }

    [JsonPropertyName("output-files")]
    public required long OutputFiles { get; init; }

    [JsonPropertyName("output-bytes")]
    public required long OutputBytes { get; init; }

    /// <summary>The snapshot the process committed; null until it did.</summary>
    [JsonPropertyName("snapshot-id")]
    public required long? SnapshotId { get; init; }

    /// <summary>The tasks; left out of listings.</summary>
    [JsonPropertyName("tasks")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TaskView>? Tasks { get; init; }
}

/// <summary>The answer to <c>GET /optimizing/processes</c> and a table's <c>.../optimizing/processes</c>, newest first.</summary>
public sealed record ProcessList
{
    [JsonPropertyName("processes")]
    public required IReadOnlyList<ProcessView> Processes { get; init; }
}

/// <summary>A task of a process.</summary>
public sealed record TaskView
{
    [JsonPropertyName("task-id")]
    public required int TaskId { get; init; }

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("attempt")]
    public required int Attempt { get; init; }

    [JsonPropertyName("retries")]
    public required int Retries { get; init; }

    /// <summary>The optimizer thread running it; null when none does.</summary>
    [JsonPropertyName("thread")]
    public required int? Thread { get; init; }

    [JsonPropertyName("error")]
    public required string? Error { get; init; }

    [JsonPropertyName("input-files")]
    public required long InputFiles { get; init; }

    [JsonPropertyName("input-bytes")]
    public required long InputBytes { get; init; }

    [JsonPropertyName("output-files")]
    public required long OutputFiles { get; init; }

    [JsonPropertyName("output-bytes")]
    public required long OutputBytes { get; init; }

    [JsonPropertyName("started-ms")]
    public required long? StartedMs { get; init; }

    [JsonPropertyName("ended-ms")]
    public required long? EndedMs { get; init; }
}
