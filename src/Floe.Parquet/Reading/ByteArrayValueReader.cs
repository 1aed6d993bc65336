using Floe.Common.Columnar;
using Floe.Common.Text;
using Floe.Parquet.Encodings;
using Floe.Parquet.Metadata;
using Floe.Parquet.Schemas;

namespace Floe.Parquet.Reading;

/// <summary>
/// Reads BYTE_ARRAY values (strings and binary) straight into a <see cref="BinaryVector"/>'s offsets and bytes.
/// Text columns (STRING, ENUM, JSON) must hold valid UTF-8: a dictionary is checked once, other pages as decoded.
/// </summary>
internal sealed class ByteArrayValueReader : LeafValueReader
{
    private readonly ByteValues _dictionary = new();
    private readonly bool _text;

    public ByteArrayValueReader(ColumnDescriptor column)
        : base(column)
    {
        _text = column.Type.Kind == ColumnKind.String;
    }

    public override void ReadDictionary(ReadOnlySpan<byte> data, int count)
    {
        _dictionary.Decode(data, Encoding.Plain, PhysicalType.ByteArray, 0, count);
        if (_text)
        {
            CheckUtf8(_dictionary.Bytes, _dictionary.Offsets[1..], 0, dictionary: true);
        }

        DictionarySize = count;
    }

    public override void ReadValues(ColumnVector vector, ReadOnlySpan<byte> data, Encoding encoding, int nonNull, ReadOnlySpan<bool> presence, int slotCount)
    {
        var target = (BinaryVector)vector;
        int start = target.Length;
        Span<int> ends;
        Span<byte> bytes;
        int dataStart;
        switch (encoding)
        {
            case Encoding.Plain:
            {
                int byteCount = PlainDecoder.MeasureByteArrays(data, nonNull);
                target.AppendUninitialized(slotCount, byteCount, out ends, out bytes, out dataStart);
                PlainDecoder.DecodeByteArrays(data, ends[..nonNull], bytes, dataStart);
                break;
            }

            case Encoding.PlainDictionary or Encoding.RleDictionary:
            {
                ReadOnlySpan<int> indices = DecodeIndices(data, nonNull);
                int byteCount = ByteValues.CheckedSize(DictionaryGather.MeasureByteArrays(_dictionary.Offsets, indices));
                target.AppendUninitialized(slotCount, byteCount, out ends, out bytes, out dataStart);
                DictionaryGather.GatherByteArrays(_dictionary.Offsets, _dictionary.Bytes, indices, ends[..nonNull], bytes, dataStart);
                break;
            }

            case Encoding.DeltaLengthByteArray:
            {
                // The payload is never longer than the page data, so that bounds the reservation.
                target.AppendUninitialized(slotCount, data.Length, out ends, out bytes, out dataStart);
                DeltaLengthByteArray.Decode(data, ends[..nonNull], bytes, dataStart);
                break;
            }

            case Encoding.DeltaByteArray:
            {
                int byteCount = ByteValues.CheckedSize(DeltaByteArray.MeasureValueBytes(data, nonNull));
                target.AppendUninitialized(slotCount, byteCount, out ends, out bytes, out dataStart);
                DeltaByteArray.Decode(data, ends[..nonNull], bytes, dataStart);
                break;
            }

            default:
                throw Unsupported(encoding);
        }

        // Gathered dictionary values were checked with the dictionary.
        if (_text && !IsDictionary(encoding))
        {
            CheckUtf8(bytes, ends[..nonNull], dataStart, dictionary: false);
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

    private static void CheckUtf8(ReadOnlySpan<byte> bytes, ReadOnlySpan<int> ends, int dataStart, bool dictionary)
    {
        int invalid = Utf8Values.FindInvalid(bytes, ends, dataStart);
        if (invalid >= 0)
        {
            int from = (invalid == 0 ? dataStart : ends[invalid - 1]) - dataStart;
            ReadOnlySpan<byte> value = bytes[from..(ends[invalid] - dataStart)];
            string what = dictionary ? $"dictionary entry {invalid}" : $"value {invalid} of the page";
            throw new ParquetException($"{what} is not valid UTF-8 ({Utf8Values.DescribeInvalid(value)}); the column is annotated as text.");
        }
    }
}
