using System.Buffers;
using System.Buffers.Binary;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Transforms;
using Floe.Core.Values;

namespace Floe.PrimaryKeys.Model;

/// <summary>
/// Serializes the key columns of a row into a reusable buffer and computes the key's bucket hash, with no object per
/// value. Each key value is written in Iceberg's single-value binary form (little-endian numbers, UTF-8 strings, raw
/// bytes, minimal big-endian decimals); variable-width values get a 4-byte length first so that keys compare as byte
/// strings. The hash is <c>h = 31 * h + murmur3_32(value bytes)</c> over the key columns in key order, starting at 0.
/// </summary>
internal sealed class KeyEncoder : IDisposable
{
    private readonly int[] _columns;
    private ColumnVector[] _vectors = [];
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64);
    private int _length;

    /// <param name="columns">The positions of the key columns in the batches to be bound, in key order.</param>
    public KeyEncoder(IReadOnlyList<int> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = [.. columns];
    }

    /// <summary>Binds the encoder to a batch.</summary>
    public void Bind(ColumnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _vectors = [.. _columns.Select(batch.Column)];
    }

    /// <summary>Binds the encoder to columns given by position (the positions passed at construction index into them).</summary>
    public void Bind(IReadOnlyList<ColumnVector> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _vectors = [.. _columns.Select(c => columns[c])];
    }

    /// <summary>The key bytes of <paramref name="row"/> (valid until the next call), for lookups that need no bucket hash.</summary>
    public ReadOnlySpan<byte> Encode(int row)
    {
        _length = 0;
        foreach (ColumnVector vector in _vectors)
        {
            _ = WriteValue(vector, row);
        }

        return _buffer.AsSpan(0, _length);
    }

    /// <summary>The key bytes of <paramref name="row"/> (valid until the next call) and its bucket hash.</summary>
    public ReadOnlySpan<byte> Encode(int row, out int hash)
    {
        _length = 0;
        int h = 0;
        foreach (ColumnVector vector in _vectors)
        {
            int start = WriteValue(vector, row);
            h = unchecked((31 * h) + Murmur3.HashBytes(_buffer.AsSpan(start, _length - start)));
        }

        hash = h;
        return _buffer.AsSpan(0, _length);
    }

    /// <summary>
    /// The bucket hash of each of the first <paramref name="hashes"/>.Length rows, the same as <see cref="Encode(int, out int)"/>
    /// gives, computed a key column at a time: integer keys hash straight from their values.
    /// </summary>
    public void Hash(Span<int> hashes)
    {
        hashes.Clear();
        foreach (ColumnVector vector in _vectors)
        {
            if (vector.HasNulls)
            {
                for (int row = 0; row < hashes.Length; row++)
                {
                    if (vector.IsNull(row))
                    {
                        throw NullKey(row);
                    }
                }
            }

            switch (vector)
            {
                case PrimitiveVector<long> longs:
                    ReadOnlySpan<long> longValues = longs.Values;
                    for (int row = 0; row < hashes.Length; row++)
                    {
                        hashes[row] = unchecked((31 * hashes[row]) + Murmur3.HashLong(longValues[row]));
                    }

                    break;
                case PrimitiveVector<int> ints:
                    ReadOnlySpan<int> intValues = ints.Values;
                    for (int row = 0; row < hashes.Length; row++)
                    {
                        hashes[row] = unchecked((31 * hashes[row]) + Murmur3.HashInt(intValues[row]));
                    }

                    break;
                default:
                    for (int row = 0; row < hashes.Length; row++)
                    {
                        _length = 0;
                        int start = WriteValue(vector, row);
                        hashes[row] = unchecked((31 * hashes[row]) + Murmur3.HashBytes(_buffer.AsSpan(start, _length - start)));
                    }

                    break;
            }
        }
    }

    /// <summary>Appends the value of <paramref name="row"/> (after its length, when variable-width); returns where the value starts.</summary>
    private int WriteValue(ColumnVector vector, int row)
    {
        if (vector.IsNull(row))
        {
            throw NullKey(row);
        }

        int start = _length;
        switch (vector)
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
                BinaryPrimitives.WriteSingleLittleEndian(Reserve(4), floats[row]);
                break;
            case PrimitiveVector<double> doubles:
                BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), doubles[row]);
                break;
            case PrimitiveVector<Int128> decimals:
                Int128 unscaled = decimals[row];
                int count = SingleValueBinary.DecimalByteCount(unscaled);
                BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), count);
                start = _length;
                SingleValueBinary.WriteDecimal(unscaled, Reserve(count));
                break;
            case BinaryVector binary:
                ReadOnlySpan<byte> bytes = binary.GetBytes(row);
                BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), bytes.Length);
                start = _length;
                bytes.CopyTo(Reserve(bytes.Length));
                break;
            case FixedBinaryVector fixedBinary:
                fixedBinary.GetBytes(row).CopyTo(Reserve(fixedBinary.ByteWidth));
                break;
            default:
                throw new FloeException(FloeErrorKind.Unsupported, $"Column type {vector.Type} cannot be part of a primary key.");
        }

        return start;
    }

    private static FloeException NullKey(int row) => new(FloeErrorKind.InvalidArgument, $"Row {row} has a null primary key value.");

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
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
