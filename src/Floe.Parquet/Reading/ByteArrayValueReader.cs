using Floe.Common.Columnar;
using Floe.Parquet.Encodings;
using Floe.Parquet.Metadata;
using Floe.Parquet.Schema;

namespace Floe.Parquet.Reading;

/// <summary>Reads BYTE_ARRAY values (strings and binary) straight into a <see cref="BinaryVector"/>'s offsets and bytes.</summary>
internal sealed class ByteArrayValueReader : LeafValueReader
{
    private readonly ByteValues _dictionary = new();

    public ByteArrayValueReader(ColumnDescriptor column)
        : base(column)
    {
    }

    public override void ReadDictionary(ReadOnlySpan<byte> data, int count)
    {
        _dictionary.Decode(data, Encoding.Plain, PhysicalType.ByteArray, 0, count);
        DictionarySize = count;
    }

    public override void ReadValues(ColumnVector vector, ReadOnlySpan<byte> data, Encoding encoding, int nonNull, ReadOnlySpan<bool> presence, int slotCount)
    {
        var target = (BinaryVector)vector;
        int start = target.Length;
        Span<int> ends;
        int dataStart;
        switch (encoding)
        {
            case Encoding.Plain:
            {
                int byteCount = PlainDecoder.MeasureByteArrays(data, nonNull);
                target.AppendUninitialized(slotCount, byteCount, out ends, out Span<byte> bytes, out dataStart);
                PlainDecoder.DecodeByteArrays(data, ends[..nonNull], bytes, dataStart);
                break;
            }

            case Encoding.PlainDictionary or Encoding.RleDictionary:
            {
                ReadOnlySpan<int> indices = DecodeIndices(data, nonNull);
                int byteCount = ByteValues.CheckedSize(DictionaryGather.MeasureByteArrays(_dictionary.Offsets, indices));
                target.AppendUninitialized(slotCount, byteCount, out ends, out Span<byte> bytes, out dataStart);
                DictionaryGather.GatherByteArrays(_dictionary.Offsets, _dictionary.Bytes, indices, ends[..nonNull], bytes, dataStart);
                break;
            }

            case Encoding.DeltaLengthByteArray:
            {
                // The payload is never longer than the page data, so that bounds the reservation.
                target.AppendUninitialized(slotCount, data.Length, out ends, out Span<byte> bytes, out dataStart);
                DeltaLengthByteArray.Decode(data, ends[..nonNull], bytes, dataStart);
                break;
            }

            case Encoding.DeltaByteArray:
            {
                int byteCount = ByteValues.CheckedSize(DeltaByteArray.MeasureValueBytes(data, nonNull));
                target.AppendUninitialized(slotCount, byteCount, out ends, out Span<byte> bytes, out dataStart);
                DeltaByteArray.Decode(data, ends[..nonNull], bytes, dataStart);
                break;
            }

            default:
                throw Unsupported(encoding);
        }

        if (!presence.IsEmpty)
        {
            Scatter.EndOffsets(ends, nonNull, presence, dataStart);
            target.SetValidity(start, presence);
        }
    }

    public override void Dispose()
    {
        _dictionary.Dispose();
        base.Dispose();
    }
}
