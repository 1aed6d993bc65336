namespace Floe.Optimizing.Evaluation;

/// <summary>
/// Where a table is in its optimizing cycle: idle → pending → planning → minor/major/full optimizing → committing →
/// idle. The values are Amoro's status codes, so a lower code means more work under way.
/// </summary>
public enum OptimizingStatus
{
    FullOptimizing = 100,
    MajorOptimizing = 200,
    MinorOptimizing = 300,
    Committing = 400,
    Planning = 500,
    Pending = 600,
    Idle = 700,
}

/// <summary>Helpers over <see cref="OptimizingStatus"/>.</summary>
public static class OptimizingStatuses
{
    /// <summary>The status of a table while a process of <paramref name="type"/> runs.</summary>
    public static OptimizingStatus Running(OptimizingType type) => type switch
    {
        OptimizingType.Full => OptimizingStatus.FullOptimizing,
        OptimizingType.Major => OptimizingStatus.MajorOptimizing,
        _ => OptimizingStatus.MinorOptimizing,
    };

    /// <summary>True for the three optimizing states (tasks are running).</summary>
    public static bool IsOptimizing(this OptimizingStatus status) =>
        status is OptimizingStatus.FullOptimizing or OptimizingStatus.MajorOptimizing or OptimizingStatus.MinorOptimizing;

    /// <summary>The lower-case name used in APIs and metrics (<c>minor-optimizing</c>).</summary>
    public static string ToDisplayName(this OptimizingStatus status) => status switch
    {
        OptimizingStatus.FullOptimizing => "full-optimizing",
        OptimizingStatus.MajorOptimizing => "major-optimizing",
        OptimizingStatus.MinorOptimizing => "minor-optimizing",
        OptimizingStatus.Committing => "committing",
        OptimizingStatus.Planning => "planning",
        OptimizingStatus.Pending => "pending",
        _ => "idle",
    };

    /// <summary>
    /// Whether a table may move from <paramref name="from"/> to <paramref name="to"/>: idle → pending; pending →
    /// planning; planning → pending (plan failed), idle (nothing to do) or an optimizing state; optimizing →
    /// committing, or idle when the process is closed; committing → idle.
    /// </summary>
    public static bool CanMove(OptimizingStatus from, OptimizingStatus to) => (from, to) switch
    {
        (OptimizingStatus.Idle, OptimizingStatus.Pending) => true,
        (OptimizingStatus.Pending, OptimizingStatus.Planning or OptimizingStatus.Idle) => true,
        (OptimizingStatus.Planning, OptimizingStatus.Pending or OptimizingStatus.Idle) => true,
        (OptimizingStatus.Planning, _) when to.IsOptimizing() => true,
        (_, OptimizingStatus.Committing or OptimizingStatus.Idle) when from.IsOptimizing() => true,
        (OptimizingStatus.Committing, OptimizingStatus.Idle) => true,
        _ => false,
    };
}
