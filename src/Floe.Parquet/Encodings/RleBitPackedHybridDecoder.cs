using System.Buffers.Binary;

namespace Floe.Parquet.Encodings;

/// <summary>
/// Streaming decoder of the RLE / bit-packed hybrid encoding (levels, dictionary indices, RLE booleans) over a
/// span without a length prefix. Call <see cref="Read"/> repeatedly to decode in batches; it fills the whole
/// destination or throws <see cref="ParquetException"/> when the data ends early or is malformed.
/// </summary>
public ref struct RleBitPackedHybridDecoder
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _bitWidth;
    private int _position;
    private int _rleLeft;
    private int _rleValue;
    private int _packedLeft;
    private int _packedIndex;
    private int _packedStart;
    private long _decoded;

    /// <summary>Starts decoding <paramref name="data"/> with values of <paramref name="bitWidth"/> (0..32) bits.</summary>
    public RleBitPackedHybridDecoder(ReadOnlySpan<byte> data, int bitWidth)
    {
        if ((uint)bitWidth > 32)
        {
            throw new ParquetException($"RLE/bit-packed hybrid: bit width {bitWidth} is outside 0..32.");
        }

        _data = data;
        _bitWidth = bitWidth;
    }

    /// <summary>Bytes consumed so far: the end of the last run header or bit-packed run touched.</summary>
    public readonly int Position => _position;

    /// <summary>Decodes exactly <c>destination.Length</c> values.</summary>
    public void Read(scoped Span<int> destination)
    {
        while (!destination.IsEmpty)
        {
            if (_rleLeft > 0)
            {
                int n = Math.Min(_rleLeft, destination.Length);
                destination.Slice(0, n).Fill(_rleValue);
                _rleLeft -= n;
                destination = destination.Slice(n);
                _decoded += n;
            }
            else if (_packedLeft > 0)
            {
                int n = Math.Min(_packedLeft, destination.Length);
                ReadPacked(destination.Slice(0, n));
                _packedLeft -= n;
                destination = destination.Slice(n);
                _decoded += n;
            }
            else if (_position >= _data.Length && _bitWidth == 0)
            {
                // Width 0 carries no information; tolerate writers that omit the runs.
                destination.Clear();
                _decoded += destination.Length;
                return;
            }
            else
            {
                ReadRunHeader(destination.Length);
            }
        }
    }

    private void ReadRunHeader(int wanted)
    {
        if (_position >= _data.Length)
        {
            throw new ParquetException(
                $"RLE/bit-packed hybrid data ({_data.Length} bytes, bit width {_bitWidth}) ends after {_decoded} values; {wanted} more were expected.");
        }

        int headerAt = _position;
        uint header = Varint.ReadUInt32(_data, ref _position, "RLE/bit-packed hybrid run header");
        if ((header & 1) == 0)
        {
            int count = (int)(header >> 1);
            int valueBytes = (_bitWidth + 7) >> 3;
            if (_data.Length - _position < valueBytes)
            {
                throw new ParquetException(
                    $"RLE/bit-packed hybrid: RLE run at byte {headerAt} needs a {valueBytes}-byte value but only {_data.Length - _position} bytes remain.");
            }

            uint value = 0;
            for (int i = 0; i < valueBytes; i++)
            {
                value |= (uint)_data[_position + i] << (8 * i);
            }

            if (_bitWidth < 32 && value >> _bitWidth != 0)
            {
                throw new ParquetException(
                    $"RLE/bit-packed hybrid: RLE run at byte {headerAt} repeats {value}, which does not fit in bit width {_bitWidth}.");
            }

            _position += valueBytes;
            _rleValue = (int)value;
            _rleLeft = count;
        }
        else
        {
            long groups = header >> 1;
            long bytes = groups * _bitWidth;
            long values = groups * 8;
            int available = _data.Length - _position;
            if (bytes > available)
            {
                // Some writers truncate the final run to the bytes its real values need.
                values = _bitWidth == 0 ? values : (long)available * 8 / _bitWidth;
                bytes = available;
                if (values < wanted)
                {
                    throw new ParquetException(
                        $"RLE/bit-packed hybrid: bit-packed run at byte {headerAt} declares {groups} groups of {_bitWidth} bytes but only {available} bytes remain.");
                }
            }

            _packedStart = _position;
            _packedIndex = 0;
            _packedLeft = (int)Math.Min(values, int.MaxValue);
            _position += (int)bytes;
        }
    }

    private void ReadPacked(scoped Span<int> destination)
    {
        int w = _bitWidth;

        // The run's bytes were validated when its header was read; handing the unpacker the rest of the data too
        // lets its 8-byte loads run up to the end of the run instead of falling back near a short run's end.
        ReadOnlySpan<byte> run = _data.Slice(_packedStart);
        Span<int> scratch = stackalloc int[8];
        int index = _packedIndex;
        int offset = 0;

        int within = index & 7;
        if (within != 0)
        {
            int take = Math.Min(8 - within, destination.Length);
            UnpackPartialGroup(run, index >> 3, within + take, scratch);
            scratch.Slice(within, take).CopyTo(destination);
            offset = take;
            index += take;
        }

        int fullGroups = (destination.Length - offset) >> 3;
        if (fullGroups > 0)
        {
            BitPacking.Unpack32(run.Slice((index >> 3) * w), destination.Slice(offset, fullGroups * 8), w);
            offset += fullGroups * 8;
            index += fullGroups * 8;
        }

        int rest = destination.Length - offset;
        if (rest > 0)
        {
            UnpackPartialGroup(run, index >> 3, rest, scratch);
            scratch.Slice(0, rest).CopyTo(destination.Slice(offset));
            index += rest;
        }

        _packedIndex = index;
    }

    private readonly void UnpackPartialGroup(ReadOnlySpan<byte> run, int group, int count, Span<int> scratch)
    {
        ReadOnlySpan<byte> src = run.Slice(Math.Min(group * _bitWidth, run.Length));
        BitPacking.Unpack32(src, scratch.Slice(0, count), _bitWidth);
    }

    /// <summary>Reads the 4-byte little-endian length that prefixes v1 data page levels and validates it.</summary>
    internal static ReadOnlySpan<byte> SliceLengthPrefixed(ReadOnlySpan<byte> data, out int consumed)
    {
        if (data.Length < 4)
        {
            throw new ParquetException($"RLE/bit-packed hybrid: the 4-byte length prefix is missing ({data.Length} bytes available).");
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (length < 0 || length > data.Length - 4)
        {
            throw new ParquetException(
                $"RLE/bit-packed hybrid: length prefix {length} is negative or exceeds the {data.Length - 4} bytes that follow it.");
        }

        consumed = 4 + length;
        return data.Slice(4, length);
    }
}
