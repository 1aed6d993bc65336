using System.Buffers;

namespace Floe.Common.Columnar;

/// <summary>A vector of fixed-width values of <typeparamref name="T"/> (booleans, integers, floats, decimals, dates, times, timestamps).</summary>
public sealed class PrimitiveVector<T> : ColumnVector
    where T : unmanaged
{
    private T[] _values;

    public PrimitiveVector(ColumnType type, int capacity = 0)
        : base(type)
    {
        _values = Rent<T>(capacity);
    }

    /// <summary>The values of all rows; a null row holds an unspecified value.</summary>
    public Span<T> Values => _values.AsSpan(0, Length);

    public T this[int row] => Values[row];

    public void Append(T value)
    {
        if (Length == _values.Length)
        {
            _values = Grow(_values, Length, Length + 1);
        }

        _values[Length++] = value;
    }

    public void AppendRange(ReadOnlySpan<T> values)
    {
        _values = Grow(_values, Length, Length + values.Length);
        values.CopyTo(_values.AsSpan(Length));
        Length += values.Length;
    }

    public override void AppendNull()
    {
        Append(default);
        MarkNull(Length - 1);
    }

    public override void AppendNulls(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        AppendUninitialized(count).Clear();
        MarkNulls(Length - count, count);
    }

    /// <summary>Adds <paramref name="count"/> rows and returns their value slots for a decoder to fill.</summary>
    public Span<T> AppendUninitialized(int count)
    {
        _values = Grow(_values, Length, Length + count);
        Span<T> slots = _values.AsSpan(Length, count);
        Length += count;
        return slots;
    }

    protected override object GetValueCore(int row) => _values[row];

    protected override long ValueBytes => (long)_values.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    protected override IMemoryOwner<byte>[] DetachValueBuffers()
    {
        IMemoryOwner<byte> values = Owned(_values, Length);
        _values = [];
        return [values];
    }

    protected override void ReleaseBuffers()
    {
        Return(_values);
        _values = [];
    }
}
