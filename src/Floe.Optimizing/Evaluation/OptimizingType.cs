namespace Floe.Optimizing.Evaluation;

/// <summary>The kinds of optimizing, from cheapest to most thorough.</summary>
public enum OptimizingType
{
    /// <summary>Merge fragments; turn equality deletes and piled-up position deletes into one position delete file per segment.</summary>
    Minor,

    /// <summary>Also rewrite segments with many deleted rows and merge undersized segments.</summary>
    Major,

    /// <summary>Rewrite the partition into files without deletes (on <c>full.trigger.interval</c>).</summary>
    Full,
}
