namespace Floe.Optimizing.Evaluation;

/// <summary>The result of evaluating a table at one snapshot.</summary>
public sealed record TableEvaluation
{
    /// <summary>The snapshot evaluated; null for a table without snapshots.</summary>
    public long? SnapshotId { get; init; }

    /// <summary>Its sequence number (0 without snapshots).</summary>
    public long SequenceNumber { get; init; }

    /// <summary>The most thorough optimizing any partition needs, or null when nothing is pending.</summary>
    public OptimizingType? Type { get; init; }

    public bool IsPending => Type is not null;

    /// <summary><see cref="OptimizingStatus.Pending"/> when work was found, else <see cref="OptimizingStatus.Idle"/>.</summary>
    public OptimizingStatus Status => IsPending ? OptimizingStatus.Pending : OptimizingStatus.Idle;

    /// <summary>Why the table is pending (the heaviest pending partition's reason and how many partitions are pending), or empty.</summary>
    public string Reason { get; init; } = "";

    /// <summary>Totals over the pending partitions.</summary>
    public PendingInput Pending { get; init; } = new();

    /// <summary>The pending partitions, heaviest first, at most the evaluator's limit.</summary>
    public IReadOnlyList<PendingPartition> PendingPartitions { get; init; } = [];

    /// <summary>Pending partitions found, including those beyond the limit.</summary>
    public int PendingPartitionCount { get; init; }

    /// <summary>Partitions with live data or delete files.</summary>
    public int PartitionCount { get; init; }

    public int DataFileCount { get; init; }

    public int DeleteFileCount { get; init; }

    /// <summary>The health score of the whole table (0–100).</summary>
    public double HealthScore { get; init; } = 100;
}
