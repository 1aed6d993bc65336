namespace Floe.Optimizing.Evaluation;

/// <summary>What a pending table would optimize: totals over its pending partitions (plain data for APIs and metrics).</summary>
public sealed record PendingInput
{
    public int PartitionCount { get; init; }

    public int DataFileCount { get; init; }

    public long DataFileBytes { get; init; }

    public long DataRecords { get; init; }

    public int FragmentCount { get; init; }

    public int UndersizedSegmentCount { get; init; }

    public int SegmentCount { get; init; }

    public int EqualityDeleteFileCount { get; init; }

    public long EqualityDeleteBytes { get; init; }

    public long EqualityDeleteRecords { get; init; }

    public int PositionDeleteFileCount { get; init; }

    public long PositionDeleteBytes { get; init; }

    public long PositionDeleteRecords { get; init; }

    /// <summary>The lowest health score among the pending partitions.</summary>
    public double HealthScore { get; init; } = 100;

    /// <summary>The sum of the pending partitions' weights.</summary>
    public long Weight { get; init; }

    /// <summary>Totals over <paramref name="partitions"/> (each with the type it needs).</summary>
    public static PendingInput Of(IEnumerable<(PartitionEvaluator Partition, OptimizingType Type)> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var result = new PendingInput();
        foreach ((PartitionEvaluator p, OptimizingType type) in partitions)
        {
            result = result with
            {
                PartitionCount = result.PartitionCount + 1,
                DataFileCount = result.DataFileCount + p.DataFileCount,
                DataFileBytes = result.DataFileBytes + p.DataFileBytes,
                DataRecords = result.DataRecords + p.DataRecords,
                FragmentCount = result.FragmentCount + p.FragmentCount,
                UndersizedSegmentCount = result.UndersizedSegmentCount + p.UndersizedSegmentCount,
                SegmentCount = result.SegmentCount + p.SegmentCount,
                EqualityDeleteFileCount = result.EqualityDeleteFileCount + p.EqualityDeleteFileCount,
                EqualityDeleteBytes = result.EqualityDeleteBytes + p.EqualityDeleteBytes,
                EqualityDeleteRecords = result.EqualityDeleteRecords + p.EqualityDeleteRecords,
                PositionDeleteFileCount = result.PositionDeleteFileCount + p.PositionDeleteFileCount,
                PositionDeleteBytes = result.PositionDeleteBytes + p.PositionDeleteBytes,
                PositionDeleteRecords = result.PositionDeleteRecords + p.PositionDeleteRecords,
                HealthScore = Math.Min(result.HealthScore, p.HealthScore),
                Weight = result.Weight + p.Weight(type),
            };
        }

        return result;
    }
}
