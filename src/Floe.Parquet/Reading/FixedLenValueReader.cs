using Floe.Common.Columnar;
using Floe.Parquet.Encodings;
using Floe.Parquet.Metadata;
using Floe.Parquet.Schemas;

namespace Floe.Parquet.Reading;

/// <summary>Reads FIXED_LEN_BYTE_ARRAY values (fixed binary, UUIDs) into a <see cref="FixedBinaryVector"/>.</summary>
internal sealed class FixedLenValueReader : LeafValueReader
{
    private readonly ByteValues _dictionary = new();
    private readonly ByteValues _decoded = new();
    private readonly int _width;

    public FixedLenValueReader(ColumnDescriptor column)
        : base(column)
    {
        _width = column.TypeLength;
    }

    public override void ReadDictionary(ReadOnlySpan<byte> data, int count)
    {
        _dictionary.Decode(data, Encoding.Plain, PhysicalType.FixedLenByteArray, _width, count);
        DictionarySize = count;
    }

    public override void ReadValues(ColumnVector vector, ReadOnlySpan<byte> data, Encoding encoding, int nonNull, ReadOnlySpan<bool> presence, int slotCount)
    {
        var target = (FixedBinaryVector)vector;
        int start = target.Length;
        Span<byte> slots = target.AppendUninitialized(slotCount);
        Span<byte> dense = slots[..(nonNull * _width)];
        switch (encoding)
        {
            case Encoding.Plain:
                PlainDecoder.DecodeFixedLenByteArrays(data, _width, nonNull, dense);
                break;
            case Encoding.PlainDictionary or Encoding.RleDictionary:
                ReadOnlySpan<int> indices = DecodeIndices(data, nonNull);
                DictionaryGather.GatherFixedLength(_dictionary.Bytes, _width, indices, dense);
                break;
            case Encoding.ByteStreamSplit:
                int stored = ByteStreamSplit.Decode(data, _width, nonNull, dense);
                if (stored != nonNull)
                {
                    throw new ParquetException($"BYTE_STREAM_SPLIT holds {stored} values where the levels call for {nonNull}.");
                }

                break;
            case Encoding.DeltaByteArray or Encoding.DeltaLengthByteArray:
                _decoded.Decode(data, encoding, PhysicalType.FixedLenByteArray, _width, nonNull);
                _decoded.Bytes.CopyTo(dense);
                break;
            default:
                throw Unsupported(encoding);
        }

        if (!presence.IsEmpty)
        {
            Scatter.FixedBytes(slots, _width, nonNull, presence);
            target.SetValidity(start, presence);
        }
    }

    public override void Dispose()
    {
        _dictionary.Dispose();
        _decoded.Dispose();
        base.Dispose();
    }
}
