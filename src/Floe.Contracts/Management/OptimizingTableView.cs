using System.Text.Json;
using System.Text.Json.Serialization;

namespace Floe.Contracts.Management;

/// <summary>A table's optimizing state: status, pending input, last optimizing times and running process.</summary>
public sealed record OptimizingTableView
{
    [JsonPropertyName("catalog")]
    public required string Catalog { get; init; }

    /// <summary>The namespace in its dotted form.</summary>
    [JsonPropertyName("namespace")]
    public required string Namespace { get; init; }

    [JsonPropertyName("table")]
    public required string Table { get; init; }

    [JsonPropertyName("format")]
    public required string Format { get; init; }

    [JsonPropertyName("group")]
    public required string Group { get; init; }

    /// <summary>The status's name (<c>idle</c>, <c>pending</c>, <c>planning</c>, <c>minor-optimizing</c>, ...).</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("status-code")]
    public required int StatusCode { get; init; }

    [JsonPropertyName("status-since-ms")]
    public required long StatusSinceMs { get; init; }

    /// <summary>The optimizing type pending or running (<c>minor</c>, <c>major</c>, <c>full</c>); null when none.</summary>
    [JsonPropertyName("optimizing-type")]
    public required string? OptimizingType { get; init; }

    [JsonPropertyName("reason")]
    public required string Reason { get; init; }

    [JsonPropertyName("health-score")]
    public required double HealthScore { get; init; }

    /// <summary>The last evaluation's pending input, an object of counts (<c>docs/optimizing-service.md</c>).</summary>
    [JsonPropertyName("pending")]
    public required JsonElement Pending { get; init; }

    [JsonPropertyName("last-minor-optimizing-ms")]
    public required long LastMinorOptimizingMs { get; init; }

    [JsonPropertyName("last-major-optimizing-ms")]
    public required long LastMajorOptimizingMs { get; init; }

    [JsonPropertyName("last-full-optimizing-ms")]
    public required long LastFullOptimizingMs { get; init; }

    [JsonPropertyName("last-plan-ms")]
    public required long LastPlanMs { get; init; }

    [JsonPropertyName("process-id")]
    public required long? ProcessId { get; init; }

    [JsonPropertyName("last-error")]
    public required string? LastError { get; init; }

    /// <summary>The table's share of its group's threads lately; only in one table's answer.</summary>
    [JsonPropertyName("quota-occupation")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? QuotaOccupation { get; init; }
}

/// <summary>The answer to <c>GET /optimizing/tables</c> and <c>POST /optimizing/refresh</c>.</summary>
public sealed record OptimizingTableList
{
    [JsonPropertyName("tables")]
    public required IReadOnlyList<OptimizingTableView> Tables { get; init; }
}

/// <summary>The answer to <c>GET .../tables/{table}/optimizing</c>: the table's state and its running process with tasks.</summary>
public sealed record TableOptimizing
{
    [JsonPropertyName("table")]
    public required OptimizingTableView Table { get; init; }

    /// <summary>The running process; null when none runs.</summary>
    [JsonPropertyName("process")]
    public required ProcessView? Process { get; init; }
}
