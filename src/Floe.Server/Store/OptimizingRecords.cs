namespace Floe.Server.Store;

/// <summary>An optimizer group: a named pool of optimizer threads; <see cref="LocalThreads"/> run inside the server.</summary>
public sealed record OptimizerGroupRecord(string Name, int LocalThreads, IReadOnlyDictionary<string, string> Properties, long CreatedMs);

/// <summary>Identifies a table across the server's catalogs (the namespace in its dotted form).</summary>
public sealed record TableKey(string Catalog, string Namespace, string Table)
{
    public override string ToString() => $"{Catalog}.{Namespace}.{Table}";
}

/// <summary>
/// The optimizing state of one table as the service last saw it: status (Amoro's codes), why it is pending, the
/// evaluated state, the last optimizing times and the running process.
/// </summary>
public sealed record TableRuntimeRecord
{
    public required TableKey Key { get; init; }

    /// <summary><c>iceberg</c> or <c>mixed</c>.</summary>
    public required string Format { get; init; }

    public required string Group { get; init; }

    /// <summary>The status code (idle 700, pending 600, planning 500, committing 400, minor 300, major 200, full 100).</summary>
    public required int Status { get; init; }

    public required long StatusSinceMs { get; init; }

    /// <summary>The pending or running optimizing type (minor, major, full), or null.</summary>
    public string? OptimizingType { get; init; }

    public string Reason { get; init; } = "";

    /// <summary>The evaluation's pending input as a JSON object.</summary>
    public string Pending { get; init; } = "{}";

    public double HealthScore { get; init; } = 100;

    /// <summary>The table state last evaluated (its snapshot ids).</summary>
    public string StateKey { get; init; } = "";

    public long LastMinorMs { get; init; }

    public long LastMajorMs { get; init; }

    public long LastFullMs { get; init; }

    public long LastPlanMs { get; init; }

    public long? ProcessId { get; init; }

    /// <summary>The last failure (evaluation, planning or a failed process), shown until the next success.</summary>
    public string? LastError { get; init; }
}

/// <summary>One optimizing process: what was planned, its status and totals.</summary>
public sealed record OptimizingProcessRecord
{
    public required long ProcessId { get; init; }

    public required TableKey Table { get; init; }

    public required string Group { get; init; }

    public required string Format { get; init; }

    public required string OptimizingType { get; init; }

    /// <summary>running, success, failed, closed (cancelled or abandoned).</summary>
    public required string Status { get; init; }

    public string Reason { get; init; } = "";

    /// <summary>The target's JSON of the whole process.</summary>
    public required string Plan { get; init; }

    public string FromState { get; init; } = "";

    public required long StartedMs { get; init; }

    public long? EndedMs { get; init; }

    public string? FailReason { get; init; }

    public int TaskCount { get; init; }

    public long InputFiles { get; init; }

    public long InputBytes { get; init; }

    public long OutputFiles { get; init; }

    public long OutputBytes { get; init; }

    /// <summary>The snapshot the commit wrote.</summary>
    public long? SnapshotId { get; init; }
}

/// <summary>One task of a process and its latest attempt.</summary>
public sealed record OptimizingTaskRecord
{
    public required long ProcessId { get; init; }

    public required int TaskId { get; init; }

    public required string Kind { get; init; }

    public required string Input { get; init; }

    /// <summary>planned, scheduled, acked, success, failed, canceled.</summary>
    public required string Status { get; init; }

    /// <summary>Dispatches so far; the optimizer echoes it back.</summary>
    public int Attempt { get; init; }

    /// <summary>Failed attempts (reclaimed attempts of dead optimizers do not count).</summary>
    public int Retries { get; init; }

    public string? Optimizer { get; init; }

    public int? Thread { get; init; }

    public string? Output { get; init; }

    public string? Error { get; init; }

    public long InputFiles { get; init; }

    public long InputBytes { get; init; }

    public long OutputFiles { get; init; }

    public long OutputBytes { get; init; }

    public long? StartedMs { get; init; }

    public long? EndedMs { get; init; }
}
