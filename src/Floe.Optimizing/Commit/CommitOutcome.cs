namespace Floe.Optimizing.Commit;

/// <summary>How committing a process ended.</summary>
public enum CommitOutcome
{
    /// <summary>The process's snapshot is in the table.</summary>
    Committed,

    /// <summary>A snapshot of this process was already committed (a repeated commit); nothing changed.</summary>
    AlreadyCommitted,

    /// <summary>A concurrent change made the process invalid; its output files were deleted and the table is unchanged.</summary>
    Abandoned,
}
