using System.Numerics;
using System.Runtime.InteropServices;

namespace Floe.Parquet.Writing.Statistics;

/// <summary>
/// Minimum and maximum of FLOAT or DOUBLE values in IEEE order with NaN left out (and counted). As the Parquet spec
/// asks, a zero minimum is written as -0.0 and a zero maximum as +0.0, so readers need not know which zero was seen.
/// </summary>
internal sealed class FloatingStatistics<T> : StatisticsAccumulator
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private T _min = T.PositiveInfinity;
    private T _max = T.NegativeInfinity;
    private bool _hasBounds;

    public override bool HasBounds => _hasBounds;

    public T Min => T.IsZero(_min) ? T.NegativeZero : _min;

    public T Max => T.IsZero(_max) ? T.Zero : _max;

    public void Update(ReadOnlySpan<T> values)
    {
        T min = _min;
        T max = _max;
        long nan = 0;
        int seen = 0;
        foreach (T v in values)
        {
            if (T.IsNaN(v))
            {
                nan++;
                continue;
            }

            seen++;
            if (v < min)
            {
                min = v;
            }

            if (v > max)
            {
                max = v;
            }
        }

        _min = min;
        _max = max;
        NanCount += nan;
        _hasBounds |= seen > 0;
    }

    public override byte[] MinBytes()
    {
        T min = Min;
        return MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in min)).ToArray();
    }

    public override byte[] MaxBytes()
    {
        T max = Max;
        return MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in max)).ToArray();
    }

    public override void Reset()
    {
        base.Reset();
        _min = T.PositiveInfinity;
        _max = T.NegativeInfinity;
        _hasBounds = false;
    }

    protected override void MergeBounds(StatisticsAccumulator other)
    {
        var typed = (FloatingStatistics<T>)other;
        if (typed._min < _min)
        {
            _min = typed._min;
        }

        if (typed._max > _max)
        {
            _max = typed._max;
        }

        _hasBounds = true;
    }
}
