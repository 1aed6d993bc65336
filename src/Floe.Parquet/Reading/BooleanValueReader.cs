using Floe.Common.Columnar;
using Floe.Parquet.Encodings;
using Floe.Parquet.Metadata;
using Floe.Parquet.Schemas;

namespace Floe.Parquet.Reading;

/// <summary>Reads BOOLEAN values: PLAIN (bit-packed) or RLE (length-prefixed hybrid runs of width 1).</summary>
internal sealed class BooleanValueReader : LeafValueReader
{
    private ScratchBuffer<int> _bits;

    public BooleanValueReader(ColumnDescriptor column)
        : base(column)
    {
    }

    public override void ReadDictionary(ReadOnlySpan<byte> data, int count) =>
        throw new ParquetException("BOOLEAN columns cannot have a dictionary page.");

    public override void ReadValues(ColumnVector vector, ReadOnlySpan<byte> data, Encoding encoding, int nonNull, ReadOnlySpan<bool> presence, int slotCount)
    {
        var target = (PrimitiveVector<bool>)vector;
        int start = target.Length;
        Span<bool> slots = target.AppendUninitialized(slotCount);
        Span<bool> dense = slots[..nonNull];
        switch (encoding)
        {
            case Encoding.Plain:
                PlainDecoder.DecodeBooleans(data, dense);
                break;
            case Encoding.Rle:
                Span<int> bits = _bits.Get(nonNull);
                RleBitPackedHybrid.DecodeLengthPrefixed(data, 1, bits);
                for (int i = 0; i < bits.Length; i++)
                {
                    dense[i] = bits[i] != 0;
                }

                break;
            default:
                throw Unsupported(encoding);
        }

        if (!presence.IsEmpty)
        {
            Scatter.Values(slots, nonNull, presence);
            target.SetValidity(start, presence);
        }
    }

    public override void Dispose()
    {
        _bits.Dispose();
        base.Dispose();
    }
}
