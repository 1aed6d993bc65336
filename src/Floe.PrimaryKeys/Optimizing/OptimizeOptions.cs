namespace Floe.PrimaryKeys.Optimizing;

/// <summary>What an optimize run rewrites.</summary>
public enum OptimizeMode
{
    /// <summary>
    /// Merges the pending change rows into base: new and updated keys become new base files, replaced base rows get
    /// position deletes (or their file is rewritten when most of it changed), and small base files are rewritten with
    /// the changes (see <see cref="OptimizeOptions.MergeFragments"/>). Partitions without pending changes are left alone.
    /// </summary>
    Minor,

    /// <summary>Rewrites every base file of every partition with the pending changes applied, leaving no delete files.</summary>
    Full,
}

/// <summary>Options of <see cref="PrimaryKeyOptimizer"/>.</summary>
public sealed record OptimizeOptions
{
    public OptimizeMode Mode { get; init; } = OptimizeMode.Minor;

    /// <summary>
    /// A base file is rewritten rather than given position deletes when at least this share of its rows is deleted
    /// (by earlier deletes and this run together). 0.5 by default.
    /// </summary>
    public double RewriteRatio { get; init; } = 0.5;

    /// <summary>
    /// Minor: the fragments of a node with pending changes (base files of at most <c>self-optimizing.target-size /
    /// fragment-ratio</c>, 16 MB by default) are rewritten with its changes rather than given position deletes, as the
    /// server's minor optimizing does (<see cref="MinorFragments"/>), so repeated runs over small commits keep base
    /// files and delete files few. True by default; false gives every changed base file position deletes up to the
    /// <see cref="RewriteRatio"/>.
    /// </summary>
    public bool MergeFragments { get; init; } = true;

    /// <summary>How many times the run plans again when the base store moved under it (another optimize committed).</summary>
    public int MaxAttempts { get; init; } = 5;
}
