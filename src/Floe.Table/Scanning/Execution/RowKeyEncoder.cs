using System.Buffers;
using System.Buffers.Binary;
using Floe.Common.Columnar;
using Floe.Common.Errors;

namespace Floe.Table.Scanning.Execution;

/// <summary>
/// Serializes the values of some fields of one row into a reusable byte buffer, so rows can be compared and hashed
/// as byte strings without an object per value. Each value is a presence byte followed by its fixed-width bytes, or
/// a length and the bytes for variable-width values. Floating-point values compare by bits with NaN made canonical.
/// </summary>
internal sealed class RowKeyEncoder : IDisposable
{
    private readonly FieldAccessor[] _fields;
    private ColumnVector[][] _chains = [];
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(256);
    private int _length;

    public RowKeyEncoder(FieldAccessor[] fields) => _fields = fields;

    /// <summary>Binds the encoder to a batch holding the fields.</summary>
    public void Bind(ColumnBatch batch)
    {
        _chains = [.. _fields.Select(f => f.Resolve(batch))];
    }

    /// <summary>
    /// The vectors down to the one field of the bound batch when the key is a single int or long vector (an id, a
    /// date, a timestamp); null otherwise. Such keys can be matched by value instead of by encoded bytes.
    /// </summary>
    public ColumnVector[]? SingleIntegerField =>
        _chains is [var chain] && chain[^1] is PrimitiveVector<long> or PrimitiveVector<int> ? chain : null;

    /// <summary>The key of <paramref name="row"/> of the bound batch; valid until the next call.</summary>
    public ReadOnlySpan<byte> Encode(int row)
    {
        _length = 0;
        foreach (ColumnVector[] chain in _chains)
        {
            if (FieldAccessor.IsNull(chain, row))
            {
                Reserve(1)[0] = 0;
                continue;
            }

            Reserve(1)[0] = 1;
            switch (chain[^1])
            {
                case PrimitiveVector<bool> booleans:
                    Reserve(1)[0] = booleans[row] ? (byte)1 : (byte)0;
                    break;
                case PrimitiveVector<int> ints:
                    BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), ints[row]);
                    break;
                case PrimitiveVector<long> longs:
                    BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), longs[row]);
                    break;
                case PrimitiveVector<float> floats:
                    float f = floats[row];
                    BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), float.IsNaN(f) ? int.MinValue : BitConverter.SingleToInt32Bits(f));
                    break;
                case PrimitiveVector<double> doubles:
                    double d = doubles[row];
                    BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), double.IsNaN(d) ? long.MinValue : BitConverter.DoubleToInt64Bits(d));
                    break;
                case PrimitiveVector<Int128> decimals:
                    BinaryPrimitives.WriteInt128LittleEndian(Reserve(16), decimals[row]);
                    break;
                case BinaryVector binary:
                    ReadOnlySpan<byte> bytes = binary.GetBytes(row);
                    BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), bytes.Length);
                    bytes.CopyTo(Reserve(bytes.Length));
                    break;
                case FixedBinaryVector fixedBinary:
                    fixedBinary.GetBytes(row).CopyTo(Reserve(fixedBinary.ByteWidth));
                    break;
                default:
                    throw new FloeException(FloeErrorKind.Unsupported, $"Cannot compare values of column type {chain[^1].Type} by equality.");
            }
        }

        return _buffer.AsSpan(0, _length);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        Span<byte> span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
