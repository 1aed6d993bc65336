namespace Floe.Optimizing.Evaluation;

/// <summary>The size class of a data file relative to the target size.</summary>
public enum DataFileClass
{
    /// <summary>At most <c>target-size / fragment-ratio</c>.</summary>
    Fragment,

    /// <summary>Above a fragment but at most <c>target-size × min-target-size-ratio</c>.</summary>
    UndersizedSegment,

    /// <summary>Larger files.</summary>
    Segment,
}
