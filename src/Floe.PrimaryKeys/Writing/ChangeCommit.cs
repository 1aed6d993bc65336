namespace Floe.PrimaryKeys.Writing;

/// <summary>What a committed change transaction wrote.</summary>
/// <param name="TransactionId">The transaction id: the data sequence number of the change snapshot.</param>
/// <param name="SnapshotId">The change store snapshot that holds the rows.</param>
/// <param name="FileCount">Change files added.</param>
/// <param name="RowCount">Change rows written (an upsert writes two per input row).</param>
public sealed record ChangeCommit(long TransactionId, long SnapshotId, int FileCount, long RowCount);
