using System.Buffers;

namespace Floe.Common.Columnar;

/// <summary>
/// A vector of maps: row i holds entries <c>Offsets[i]..Offsets[i + 1]</c> of <see cref="Keys"/> and <see cref="Values"/>.
/// </summary>
public sealed class MapVector : ColumnVector
{
    private int[] _offsets;

    public MapVector(ColumnType type, int capacity = 0)
        : base(type)
    {
        if (type.Kind != ColumnKind.Map)
        {
            throw new ArgumentException($"{type} is not a map", nameof(type));
        }

        Keys = Create(type.Children[0].Type, capacity);
        Values = Create(type.Children[1].Type, capacity);
        _offsets = Rent<int>(Math.Max(capacity + 1, 16));
        _offsets[0] = 0;
    }

    public ColumnVector Keys { get; }

    public ColumnVector Values { get; }

    public ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, Length + 1);

    /// <summary>Closes a map row holding every entry appended to <see cref="Keys"/> and <see cref="Values"/> since the previous row.</summary>
    public void EndMap()
    {
        if (Keys.Length != Values.Length)
        {
            throw new InvalidOperationException($"map has {Keys.Length} keys but {Values.Length} values");
        }

        _offsets = Grow(_offsets, Length + 1, Length + 2);
        _offsets[++Length] = Keys.Length;
    }

    /// <summary>
    /// Bulk append for decoders: adds <paramref name="count"/> map rows and returns their end offsets (absolute
    /// indexes into <see cref="Keys"/> and <see cref="Values"/>, non-decreasing) for the caller to fill; nulls are
    /// set with <see cref="ColumnVector.SetValidity"/>.
    /// </summary>
    public Span<int> AppendUninitialized(int count)
    {
        _offsets = Grow(_offsets, Length + 1, Length + count + 1);
        Span<int> ends = _offsets.AsSpan(Length + 1, count);
        Length += count;
        return ends;
    }

    public override void AppendNull()
    {
        EndMap();
        MarkNull(Length - 1);
    }

    public override void Reset()
    {
        base.Reset();
        _offsets[0] = 0;
        Keys.Reset();
        Values.Reset();
    }

    protected override object GetValueCore(int row)
    {
        var entries = new List<KeyValuePair<object?, object?>>(_offsets[row + 1] - _offsets[row]);
        for (int i = _offsets[row]; i < _offsets[row + 1]; i++)
        {
            entries.Add(new KeyValuePair<object?, object?>(Keys.GetValue(i), Values.GetValue(i)));
        }

        return entries;
    }

    protected override long ValueBytes => (_offsets.Length * (long)sizeof(int)) + Keys.AllocatedBytes + Values.AllocatedBytes;

    protected override IMemoryOwner<byte>[] DetachValueBuffers()
    {
        IMemoryOwner<byte> offsets = Owned(_offsets, Length + 1);
        _offsets = Rent<int>(16);
        _offsets[0] = 0;
        return [offsets];
    }

    protected override void ReleaseBuffers()
    {
        Return(_offsets);
        _offsets = [0];
        Keys.Dispose();
        Values.Dispose();
    }
}
