using Floe.Common.Columnar;
using Floe.Parquet.Encodings;
using Floe.Parquet.Metadata;
using Floe.Parquet.Schemas;

namespace Floe.Parquet.Reading;

/// <summary>
/// Reads decimals stored as big-endian two's complement bytes (BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY) into a
/// <see cref="PrimitiveVector{T}"/> of 128-bit unscaled values. Dictionaries are converted once.
/// </summary>
internal sealed class DecimalBytesValueReader : LeafValueReader
{
    private readonly ByteValues _decoded = new();
    private ScratchBuffer<Int128> _dictionary;

    public DecimalBytesValueReader(ColumnDescriptor column)
        : base(column)
    {
    }

    public override void ReadDictionary(ReadOnlySpan<byte> data, int count)
    {
        _decoded.Decode(data, Encoding.Plain, Column.PhysicalType, Column.TypeLength, count);
        Convert(_dictionary.Get(count));
        DictionarySize = count;
    }

    public override void ReadValues(ColumnVector vector, ReadOnlySpan<byte> data, Encoding encoding, int nonNull, ReadOnlySpan<bool> presence, int slotCount)
    {
        var target = (PrimitiveVector<Int128>)vector;
        int start = target.Length;
        Span<Int128> slots = target.AppendUninitialized(slotCount);
        Span<Int128> dense = slots[..nonNull];
        if (IsDictionary(encoding))
        {
            ReadOnlySpan<int> indices = DecodeIndices(data, nonNull);
                DictionaryGather.Gather(_dictionary.Array.AsSpan(0, DictionarySize), indices, dense);
        }
        else
        {
            _decoded.Decode(data, encoding, Column.PhysicalType, Column.TypeLength, nonNull);
            Convert(dense);
        }

        if (!presence.IsEmpty)
        {
            Scatter.Values(slots, nonNull, presence);
            target.SetValidity(start, presence);
        }
    }

    public override void Dispose()
    {
        _decoded.Dispose();
        _dictionary.Dispose();
        base.Dispose();
    }

    private void Convert(Span<Int128> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = DecimalBytes.ToInt128(_decoded[i]);
        }
    }
}
