using System.Buffers;

namespace Floe.Common.Columnar;

/// <summary>A vector of byte strings of one fixed width (Iceberg fixed[L] and uuid), stored back to back.</summary>
public sealed class FixedBinaryVector : ColumnVector
{
    private byte[] _data;

    public FixedBinaryVector(ColumnType type, int capacity = 0)
        : base(type)
    {
        if (type.ByteWidth <= 0)
        {
            throw new ArgumentException($"{type} has no byte width", nameof(type));
        }

        ByteWidth = type.ByteWidth;
        _data = Rent<byte>(capacity * ByteWidth);
    }

    public int ByteWidth { get; }

    /// <summary>The bytes of all rows, <see cref="ByteWidth"/> per row.</summary>
    public Span<byte> Data => _data.AsSpan(0, Length * ByteWidth);

    public ReadOnlySpan<byte> GetBytes(int row) => _data.AsSpan(checked(row * ByteWidth), ByteWidth);

    public void Append(ReadOnlySpan<byte> value)
    {
        if (value.Length != ByteWidth)
        {
            throw new ArgumentException($"value has {value.Length} bytes; the column holds {ByteWidth}-byte values", nameof(value));
        }

        value.CopyTo(AppendUninitialized(1));
    }

    public override void AppendNull()
    {
        AppendUninitialized(1).Clear();
        MarkNull(Length - 1);
    }

    public override void AppendNulls(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        AppendUninitialized(count).Clear();
        MarkNulls(Length - count, count);
    }

    /// <summary>Adds <paramref name="count"/> rows and returns their bytes for a decoder to fill.</summary>
    public Span<byte> AppendUninitialized(int count)
    {
        int start = Length * ByteWidth;
        _data = Grow(_data, start, checked(start + (count * ByteWidth)));
        Length += count;
        return _data.AsSpan(start, count * ByteWidth);
    }

    protected override object GetValueCore(int row) =>
        Type.Kind == ColumnKind.Uuid ? new Guid(GetBytes(row), bigEndian: true) : GetBytes(row).ToArray();

    protected override long ValueBytes => _data.Length;

    protected override IMemoryOwner<byte>[] DetachValueBuffers()
    {
        IMemoryOwner<byte> data = Owned(_data, Length * ByteWidth);
        _data = [];
        return [data];
    }

    protected override void ReleaseBuffers()
    {
        Return(_data);
        _data = [];
    }
}
