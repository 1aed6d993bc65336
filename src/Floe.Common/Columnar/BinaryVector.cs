using System.Buffers;
using System.Text;

namespace Floe.Common.Columnar;

/// <summary>
/// A vector of variable-length byte strings (UTF-8 text or binary): row i is
/// <c>Data[Offsets[i]..Offsets[i + 1]]</c>, with all bytes in one contiguous buffer.
/// </summary>
public sealed class BinaryVector : ColumnVector
{
    private int[] _offsets;
    private byte[] _data;

    public BinaryVector(ColumnType type, int capacity = 0)
        : base(type)
    {
        _offsets = Rent<int>(capacity + 1);
        if (_offsets.Length == 0)
        {
            _offsets = Rent<int>(16);
        }

        _offsets[0] = 0;
        _data = Rent<byte>(capacity * 16);
    }

    /// <summary>Length + 1 offsets into <see cref="Data"/>.</summary>
    public ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, Length + 1);

    /// <summary>The bytes of all rows.</summary>
    public ReadOnlySpan<byte> Data => _data.AsSpan(0, _offsets[Length]);

    public ReadOnlySpan<byte> GetBytes(int row)
    {
        ReadOnlySpan<int> offsets = Offsets;
        return _data.AsSpan(offsets[row], offsets[row + 1] - offsets[row]);
    }

    public string GetString(int row) => Encoding.UTF8.GetString(GetBytes(row));

    public void Append(ReadOnlySpan<byte> value)
    {
        EnsureRows(Length + 1);
        int start = _offsets[Length];
        _data = Grow(_data, start, start + value.Length);
        value.CopyTo(_data.AsSpan(start));
        _offsets[++Length] = start + value.Length;
    }

    public void Append(string value)
    {
        EnsureRows(Length + 1);
        int start = _offsets[Length];
        _data = Grow(_data, start, start + Encoding.UTF8.GetMaxByteCount(value.Length));
        int written = Encoding.UTF8.GetBytes(value, _data.AsSpan(start));
        _offsets[++Length] = start + written;
    }

    public override void AppendNull()
    {
        EnsureRows(Length + 1);
        _offsets[Length + 1] = _offsets[Length];
        Length++;
        MarkNull(Length - 1);
    }

    public override void AppendNulls(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        EnsureRows(Length + count);
        _offsets.AsSpan(Length + 1, count).Fill(_offsets[Length]);
        Length += count;
        MarkNulls(Length - count, count);
    }

    /// <summary>
    /// Bulk append for decoders: reserves <paramref name="count"/> rows and <paramref name="byteCount"/> bytes and
    /// returns the spans to fill. <paramref name="offsets"/> receives the end offset of each new row, absolute within
    /// <see cref="Data"/> (the first new row starts at <paramref name="dataStart"/>).
    /// </summary>
    public void AppendUninitialized(int count, int byteCount, out Span<int> offsets, out Span<byte> bytes, out int dataStart)
    {
        EnsureRows(Length + count);
        dataStart = _offsets[Length];
        _data = Grow(_data, dataStart, dataStart + byteCount);
        offsets = _offsets.AsSpan(Length + 1, count);
        bytes = _data.AsSpan(dataStart, byteCount);
        Length += count;
    }

    public override void Reset()
    {
        base.Reset();
        _offsets[0] = 0;
    }

    protected override object GetValueCore(int row) =>
        Type.Kind == ColumnKind.String ? GetString(row) : GetBytes(row).ToArray();

    protected override long ValueBytes => (_offsets.Length * (long)sizeof(int)) + _data.Length;

    protected override IMemoryOwner<byte>[] DetachValueBuffers()
    {
        IMemoryOwner<byte>[] buffers = [Owned(_offsets, Length + 1), Owned(_data, _offsets[Length])];
        _offsets = Rent<int>(16);
        _offsets[0] = 0;
        _data = [];
        return buffers;
    }

    protected override void ReleaseBuffers()
    {
        Return(_offsets);
        Return(_data);
        _offsets = [0];
        _data = [];
    }

    private void EnsureRows(int rows) => _offsets = Grow(_offsets, Length + 1, rows + 1);
}
