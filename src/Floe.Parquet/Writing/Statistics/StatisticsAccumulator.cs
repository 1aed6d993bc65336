namespace Floe.Parquet.Writing.Statistics;

/// <summary>
/// Collects the statistics of one column chunk (or, by merging chunks, of a whole file): null count, NaN count and
/// the minimum and maximum in the order the Parquet spec defines for the column's type. Bounds come out in PLAIN
/// encoding, as <c>Statistics.min_value</c>/<c>max_value</c> carry them.
/// </summary>
internal abstract class StatisticsAccumulator
{
    /// <summary>Null entries (at any level) seen; set by the column writer from the definition levels.</summary>
    public long NullCount { get; set; }

    /// <summary>NaN values seen (floating-point columns only); NaN never becomes a bound.</summary>
    public long NanCount { get; protected set; }

    /// <summary>True once a non-NaN value has been seen.</summary>
    public abstract bool HasBounds { get; }

    /// <summary>The PLAIN-encoded minimum; only when <see cref="HasBounds"/>.</summary>
    public abstract byte[] MinBytes();

    /// <summary>The PLAIN-encoded maximum; only when <see cref="HasBounds"/>.</summary>
    public abstract byte[] MaxBytes();

    /// <summary>Folds another accumulator of the same column into this one.</summary>
    public void MergeFrom(StatisticsAccumulator other)
    {
        NullCount += other.NullCount;
        NanCount += other.NanCount;
        if (other.HasBounds)
        {
            MergeBounds(other);
        }
    }

    /// <summary>Forgets everything, for the next column chunk.</summary>
    public virtual void Reset()
    {
        NullCount = 0;
        NanCount = 0;
    }

    protected abstract void MergeBounds(StatisticsAccumulator other);
}
