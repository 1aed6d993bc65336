using Floe.Parquet.Encodings;

namespace Floe.Parquet.Writing.Statistics;

/// <summary>How byte-string values are ordered for statistics.</summary>
internal enum ByteOrdering
{
    /// <summary>Unsigned lexicographic: strings, binary, fixed, UUID.</summary>
    Unsigned,

    /// <summary>Big-endian two's complement numbers of equal width: DECIMAL stored as FIXED_LEN_BYTE_ARRAY.</summary>
    SignedBigEndian,
}

/// <summary>Minimum and maximum of BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY values; copies a value only when it becomes a new bound.</summary>
internal sealed class ByteArrayStatistics : StatisticsAccumulator
{
    private readonly ByteOrdering _ordering;
    private byte[] _min = new byte[16];
    private byte[] _max = new byte[16];
    private int _minLength;
    private int _maxLength;
    private bool _hasBounds;

    public ByteArrayStatistics(ByteOrdering ordering)
    {
        _ordering = ordering;
    }

    public override bool HasBounds => _hasBounds;

    public ReadOnlySpan<byte> Min => _min.AsSpan(0, _minLength);

    public ReadOnlySpan<byte> Max => _max.AsSpan(0, _maxLength);

    /// <summary>Updates from values laid out as <paramref name="data"/> split by <paramref name="offsets"/> (count + 1 entries).</summary>
    public void Update(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> data)
    {
        if (offsets.Length > 2 && ByteStrings.AreAllEqual(offsets, data))
        {
            Update(data[offsets[0]..offsets[1]]);
            return;
        }

        for (int i = 0; i + 1 < offsets.Length; i++)
        {
            Update(data[offsets[i]..offsets[i + 1]]);
        }
    }

    /// <summary>Updates from fixed-width values stored back to back.</summary>
    public void UpdateFixed(ReadOnlySpan<byte> data, int width)
    {
        for (int start = 0; start + width <= data.Length; start += width)
        {
            Update(data.Slice(start, width));
        }
    }

    public void Update(ReadOnlySpan<byte> value)
    {
        if (!_hasBounds)
        {
            Set(ref _min, ref _minLength, value);
            Set(ref _max, ref _maxLength, value);
            _hasBounds = true;
            return;
        }

        if (Compare(value, Min) < 0)
        {
            Set(ref _min, ref _minLength, value);
        }
        else if (Compare(value, Max) > 0)
        {
            Set(ref _max, ref _maxLength, value);
        }
    }

    public int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (_ordering == ByteOrdering.SignedBigEndian && left.Length > 0 && right.Length > 0 && left[0] != right[0])
        {
            return ((sbyte)left[0]).CompareTo((sbyte)right[0]);
        }

        return left.SequenceCompareTo(right);
    }

    public override byte[] MinBytes() => Min.ToArray();

    public override byte[] MaxBytes() => Max.ToArray();

    public override void Reset()
    {
        base.Reset();
        _minLength = 0;
        _maxLength = 0;
        _hasBounds = false;
    }

    protected override void MergeBounds(StatisticsAccumulator other)
    {
        var typed = (ByteArrayStatistics)other;
        Update(typed.Min);
        Update(typed.Max);
    }

    private static void Set(ref byte[] buffer, ref int length, ReadOnlySpan<byte> value)
    {
        if (buffer.Length < value.Length)
        {
            buffer = new byte[Math.Max(value.Length, buffer.Length * 2)];
        }

        value.CopyTo(buffer);
        length = value.Length;
    }
}
