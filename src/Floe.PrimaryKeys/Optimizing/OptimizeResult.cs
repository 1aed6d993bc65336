namespace Floe.PrimaryKeys.Optimizing;

/// <summary>What an optimize run did.</summary>
public sealed record OptimizeResult
{
    /// <summary>The base snapshot committed, or null when there was nothing to do.</summary>
    public long? BaseSnapshotId { get; init; }

    /// <summary>The change snapshot whose changes were merged (null when the change store is empty).</summary>
    public long? ChangeSnapshotId { get; init; }

    /// <summary>Partitions written.</summary>
    public int Partitions { get; init; }

    /// <summary>Change rows read (after each partition's optimized point).</summary>
    public long ChangeRows { get; init; }

    /// <summary>Base files written with merged rows.</summary>
    public int NewBaseFiles { get; init; }

    /// <summary>Rows in the new base files.</summary>
    public long NewBaseRows { get; init; }

    /// <summary>Position delete files written for replaced base rows.</summary>
    public int PositionDeleteFiles { get; init; }

    /// <summary>Base rows marked deleted by the new position delete files.</summary>
    public long DeletedBaseRows { get; init; }

    /// <summary>Base data files replaced by rewritten ones.</summary>
    public int RewrittenBaseFiles { get; init; }

    /// <summary>Delete files removed because every data file they applied to was rewritten.</summary>
    public int RemovedDeleteFiles { get; init; }

    /// <summary>Bytes of the change and base files read.</summary>
    public long InputBytes { get; init; }

    /// <summary>Plans made (1 unless the base store moved concurrently).</summary>
    public int Attempts { get; init; }

    /// <summary>The optimized points after the run (per partition path).</summary>
    public IReadOnlyDictionary<string, long> OptimizedPoints { get; init; } = new Dictionary<string, long>();

    /// <summary>Whether the run committed a base snapshot.</summary>
    public bool Committed => BaseSnapshotId is not null;
}
