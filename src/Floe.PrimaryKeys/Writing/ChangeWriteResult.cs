namespace Floe.PrimaryKeys.Writing;

/// <summary>What a change write of batches did: the input rows it took and its commit (null when nothing was written).</summary>
public sealed record ChangeWriteResult(long Rows, ChangeCommit? Commit);
