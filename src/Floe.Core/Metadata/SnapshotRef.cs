namespace Floe.Core.Metadata;

public enum SnapshotRefType
{
    Branch,
    Tag,
}

/// <summary>
/// A named reference to a snapshot: a branch (moves with commits) or a tag (fixed), with optional retention settings.
/// </summary>
public sealed record SnapshotRef(
    long SnapshotId,
    SnapshotRefType Type,
    int? MinSnapshotsToKeep = null,
    long? MaxSnapshotAgeMs = null,
    long? MaxRefAgeMs = null)
{
    /// <summary>The name of the branch that mirrors the table's current snapshot.</summary>
    public const string MainBranch = "main";

    public bool IsBranch => Type == SnapshotRefType.Branch;

    public static SnapshotRef Branch(long snapshotId) => new(snapshotId, SnapshotRefType.Branch);

    public static SnapshotRef Tag(long snapshotId) => new(snapshotId, SnapshotRefType.Tag);
}
