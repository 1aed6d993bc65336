using System.Buffers;

namespace Floe.Common.Columnar;

/// <summary>A vector of lists: row i holds elements <c>Offsets[i]..Offsets[i + 1]</c> of <see cref="Elements"/>.</summary>
public sealed class ListVector : ColumnVector
{
    private int[] _offsets;

    public ListVector(ColumnType type, int capacity = 0)
        : base(type)
    {
        if (type.Kind != ColumnKind.List)
        {
            throw new ArgumentException($"{type} is not a list", nameof(type));
        }

        Elements = Create(type.Children[0].Type, capacity);
        _offsets = Rent<int>(Math.Max(capacity + 1, 16));
        _offsets[0] = 0;
    }

    public ColumnVector Elements { get; }

    public ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, Length + 1);

    /// <summary>Closes a list row holding every element appended to <see cref="Elements"/> since the previous row.</summary>
    public void EndList()
    {
        _offsets = Grow(_offsets, Length + 1, Length + 2);
        _offsets[++Length] = Elements.Length;
    }

    /// <summary>
    /// Bulk append for decoders: adds <paramref name="count"/> list rows and returns their end offsets (absolute
    /// indexes into <see cref="Elements"/>, non-decreasing) for the caller to fill; nulls are set with
    /// <see cref="ColumnVector.SetValidity"/>.
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
        EndList();
        MarkNull(Length - 1);
    }

    public override void Reset()
    {
        base.Reset();
        _offsets[0] = 0;
        Elements.Reset();
    }

    protected override object GetValueCore(int row)
    {
        var values = new List<object?>(_offsets[row + 1] - _offsets[row]);
        for (int i = _offsets[row]; i < _offsets[row + 1]; i++)
        {
            values.Add(Elements.GetValue(i));
        }

        return values;
    }

    protected override long ValueBytes => (_offsets.Length * (long)sizeof(int)) + Elements.AllocatedBytes;

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
        Elements.Dispose();
    }
}
