using Floe.Parquet.Encodings;
using Floe.Parquet.Metadata;

namespace Floe.Parquet.Reading;

/// <summary>
/// Decodes BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY values of any encoding into reusable end offsets plus bytes, for
/// dictionaries and for values that are converted afterwards (decimals).
/// </summary>
internal sealed class ByteValues : IDisposable
{
    private ScratchBuffer<int> _ends;
    private ScratchBuffer<byte> _bytes;

    public int Count { get; private set; }

    /// <summary>Offsets with a leading zero (<see cref="Count"/> + 1 entries): value i spans <c>[Offsets[i], Offsets[i + 1])</c>.</summary>
    public ReadOnlySpan<int> Offsets => _ends.Array.AsSpan(0, Count + 1);

    /// <summary>The bytes of all values back to back.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes.Array.AsSpan(0, _ends.Array.Length == 0 ? 0 : _ends.Array[Count]);

    /// <summary>The bytes of value <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> this[int index]
    {
        get
        {
            int start = _ends.Array[index];
            return _bytes.Array.AsSpan(start, _ends.Array[index + 1] - start);
        }
    }

    public void Decode(ReadOnlySpan<byte> data, Encoding encoding, PhysicalType physical, int width, int count)
    {
        // One spare entry in front so OffsetsWithStart can be produced without copying.
        Span<int> ends = _ends.Get(count + 1)[1..];
        Count = count;
        if (physical == PhysicalType.FixedLenByteArray && encoding is Encoding.Plain or Encoding.ByteStreamSplit)
        {
            long needed = (long)count * width;
            if (encoding == Encoding.Plain ? needed > data.Length : count > data.Length / width)
            {
                throw new ParquetException($"{count} FIXED_LEN_BYTE_ARRAY({width}) values need {needed} bytes; the page holds {data.Length}.");
            }

            Span<byte> bytes = _bytes.Get((int)needed);
            if (encoding == Encoding.Plain)
            {
                PlainDecoder.DecodeFixedLenByteArrays(data, width, count, bytes);
            }
            else if (ByteStreamSplit.Decode(data, width, count, bytes) != count)
            {
                throw new ParquetException($"BYTE_STREAM_SPLIT holds {data.Length / width} values where the levels call for {count}.");
            }

            for (int i = 0; i < count; i++)
            {
                ends[i] = (i + 1) * width;
            }
        }
        else
        {
            switch (encoding)
            {
                case Encoding.Plain:
                    PlainDecoder.DecodeByteArrays(data, ends, _bytes.Get(PlainDecoder.MeasureByteArrays(data, count)));
                    break;
                case Encoding.DeltaLengthByteArray:
                    DeltaLengthByteArray.Decode(data, ends, _bytes.Get(data.Length));
                    break;
                case Encoding.DeltaByteArray:
                    DeltaByteArray.Decode(data, ends, _bytes.Get(CheckedSize(DeltaByteArray.MeasureValueBytes(data, count))));
                    break;
                default:
                    throw new ParquetException(Common.Errors.FloeErrorKind.Unsupported, $"encoding {encoding} is not valid for {physical} values.");
            }

            if (physical == PhysicalType.FixedLenByteArray)
            {
                CheckWidths(ends, width);
            }
        }

        _ends.Array[0] = 0;
    }

    public void Dispose()
    {
        _ends.Dispose();
        _bytes.Dispose();
    }

    internal static int CheckedSize(long bytes) =>
        bytes <= Array.MaxLength ? (int)bytes : throw new ParquetException($"a page decodes to {bytes} bytes, more than one buffer can hold.");

    private static void CheckWidths(ReadOnlySpan<int> ends, int width)
    {
        int previous = 0;
        for (int i = 0; i < ends.Length; i++)
        {
            if (ends[i] - previous != width)
            {
                throw new ParquetException($"FIXED_LEN_BYTE_ARRAY value {i} has {ends[i] - previous} bytes instead of {width}.");
            }

            previous = ends[i];
        }
    }
}
