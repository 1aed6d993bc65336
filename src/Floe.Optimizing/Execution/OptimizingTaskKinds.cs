namespace Floe.Optimizing.Execution;

/// <summary>The kinds of optimizing tasks; an optimizer runs a task with the executor registered for its kind.</summary>
public static class OptimizingTaskKinds
{
    /// <summary>A <see cref="Planning.RewriteTask"/> of a plain Iceberg table.</summary>
    public const string IcebergRewrite = "iceberg-rewrite";

    /// <summary>Merging a primary-key table's change rows into its base store.</summary>
    public const string PrimaryKeyMerge = "mixed-merge";
}
