namespace Floe;

/// <summary>What a write committed: the rows it took and the snapshot it made (null when nothing was committed).</summary>
/// <param name="Rows">Rows appended, upserted, deleted or written by an overwrite.</param>
/// <param name="SnapshotId">The new snapshot (a primary-key table's change snapshot), or null when nothing was committed.</param>
public sealed record WriteResult(long Rows, long? SnapshotId)
{
    /// <summary>True when the write made a snapshot.</summary>
    public bool Committed => SnapshotId is not null;
}
