namespace Floe.Optimizing.Commit;

/// <summary>The result of committing a process (plain data for the process history).</summary>
public sealed record OptimizingCommitResult
{
    public required CommitOutcome Outcome { get; init; }

    /// <summary>The snapshot written (or found, when already committed).</summary>
    public long? SnapshotId { get; init; }

    /// <summary>Why the process was abandoned; empty otherwise.</summary>
    public string Reason { get; init; } = "";

    public int RemovedDataFiles { get; init; }

    public int AddedDataFiles { get; init; }

    public int RemovedDeleteFiles { get; init; }

    public int AddedDeleteFiles { get; init; }
}
