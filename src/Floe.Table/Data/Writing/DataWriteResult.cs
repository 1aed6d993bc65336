namespace Floe.Table.Data.Writing;

/// <summary>What a write of batches committed: the rows and data files added and the new snapshot (null when nothing was committed).</summary>
public sealed record DataWriteResult(long Rows, int DataFiles, long? SnapshotId);
