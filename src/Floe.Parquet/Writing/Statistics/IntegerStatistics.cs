using System.Numerics;
using System.Runtime.InteropServices;

namespace Floe.Parquet.Writing.Statistics;

/// <summary>Signed minimum and maximum of INT32 or INT64 values (dates, times, timestamps and small decimals too).</summary>
internal sealed class IntegerStatistics<T> : StatisticsAccumulator
    where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
{
    private T _min = T.MaxValue;
    private T _max = T.MinValue;
    private bool _hasBounds;

    public override bool HasBounds => _hasBounds;

    public T Min => _min;

    public T Max => _max;

    public void Update(ReadOnlySpan<T> values)
    {
        if (values.IsEmpty)
        {
            return;
        }

        T min = _min;
        T max = _max;
        int i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<T>.Count * 2)
        {
            var vmin = new Vector<T>(min);
            var vmax = new Vector<T>(max);
            ReadOnlySpan<Vector<T>> vectors = MemoryMarshal.Cast<T, Vector<T>>(values);
            foreach (Vector<T> v in vectors)
            {
                vmin = Vector.Min(vmin, v);
                vmax = Vector.Max(vmax, v);
            }

            for (int lane = 0; lane < Vector<T>.Count; lane++)
            {
                min = T.Min(min, vmin[lane]);
                max = T.Max(max, vmax[lane]);
            }

            i = vectors.Length * Vector<T>.Count;
        }

        for (; i < values.Length; i++)
        {
            T v = values[i];
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
        _hasBounds = true;
    }

    public override byte[] MinBytes() => MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in _min)).ToArray();

    public override byte[] MaxBytes() => MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in _max)).ToArray();

    public override void Reset()
    {
        base.Reset();
        _min = T.MaxValue;
        _max = T.MinValue;
        _hasBounds = false;
    }

    protected override void MergeBounds(StatisticsAccumulator other)
    {
        var typed = (IntegerStatistics<T>)other;
        _min = _hasBounds ? T.Min(_min, typed._min) : typed._min;
        _max = _hasBounds ? T.Max(_max, typed._max) : typed._max;
        _hasBounds = true;
    }
}
