using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace Floe.Avro.Binary;

/// <summary>
/// Reads Avro's binary encoding from a span: zig-zag varints (at most 10 bytes), little-endian floats, length-prefixed
/// bytes and strings. Every length is checked against the bytes remaining, so corrupt input raises an
/// <see cref="AvroException"/> naming the byte offset instead of reading out of range or allocating a huge buffer.
/// </summary>
public ref struct AvroBinaryReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private readonly ReadOnlySpan<byte> _data;
    private readonly long _baseOffset;
    private int _position;
    private int _depth;

    /// <summary>A reader over <paramref name="data"/>; <paramref name="baseOffset"/> is added to offsets in error messages.</summary>
    public AvroBinaryReader(ReadOnlySpan<byte> data, long baseOffset = 0)
    {
        _data = data;
        _baseOffset = baseOffset;
    }

    /// <summary>The position in the span.</summary>
    public int Position
    {
        readonly get => _position;
        set
        {
            if ((uint)value > (uint)_data.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(value));
            }

            _position = value;
        }
    }

    /// <summary>How deep records, arrays and maps may nest while decoding (bounds recursion on hostile data).</summary>
    public const int MaxNestingDepth = 512;

    /// <summary>Notes entering a nested value; throws when nesting exceeds <see cref="MaxNestingDepth"/>.</summary>
    public void EnterNested()
    {
        if (++_depth > MaxNestingDepth)
        {
            Throw($"values nest deeper than {MaxNestingDepth} levels");
        }
    }

    /// <summary>Notes leaving a nested value.</summary>
    public void ExitNested() => _depth--;

    /// <summary>Bytes left to read.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool IsAtEnd => _position >= _data.Length;

    /// <summary>Reads a boolean (one byte, 0 or 1).</summary>
    public bool ReadBoolean()
    {
        if (_position >= _data.Length)
        {
            ThrowTruncated(1);
        }

        byte b = _data[_position];
        if (b > 1)
        {
            Throw($"invalid boolean byte 0x{b:x2}");
        }

        _position++;
        return b == 1;
    }

    /// <summary>Reads a zig-zag varint int (at most 5 bytes, within the int range).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadInt()
    {
        int start = _position;
        long value = ReadLong();
        if (value is < int.MinValue or > int.MaxValue || _position - start > 5)
        {
            _position = start;
            Throw($"int varint out of range ({value})");
        }

        return (int)value;
    }

    /// <summary>Reads a zig-zag varint long (at most 10 bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadLong()
    {
        ReadOnlySpan<byte> data = _data;
        int position = _position;
        if ((uint)position < (uint)data.Length)
        {
            byte first = data[position];
            if (first < 0x80)
            {
                _position = position + 1;
                return (long)((ulong)first >> 1) ^ -(long)(first & 1);
            }
        }

        return ReadLongSlow();
    }

    private long ReadLongSlow()
    {
        ulong result = 0;
        int shift = 0;
        int position = _position;
        for (int i = 0; i < 10; i++)
        {
            if (position >= _data.Length)
            {
                ThrowTruncated(1);
            }

            byte b = _data[position++];
            if (i == 9 && b > 1)
            {
                Throw("varint overflows 64 bits");
            }

            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                _position = position;
                return (long)(result >> 1) ^ -(long)(result & 1);
            }

            shift += 7;
        }

        Throw("varint is longer than 10 bytes");
        return 0;
    }

    /// <summary>Reads a 4-byte little-endian float.</summary>
    public float ReadFloat()
    {
        if (_data.Length - _position < 4)
        {
            ThrowTruncated(4);
        }

        float value = BinaryPrimitives.ReadSingleLittleEndian(_data[_position..]);
        _position += 4;
        return value;
    }

    /// <summary>Reads an 8-byte little-endian double.</summary>
    public double ReadDouble()
    {
        if (_data.Length - _position < 8)
        {
            ThrowTruncated(8);
        }

        double value = BinaryPrimitives.ReadDoubleLittleEndian(_data[_position..]);
        _position += 8;
        return value;
    }

    /// <summary>Reads a length-prefixed byte sequence as a slice of the input (no copy).</summary>
    public ReadOnlySpan<byte> ReadBytesSpan()
    {
        int length = ReadLength("bytes");
        ReadOnlySpan<byte> slice = _data.Slice(_position, length);
        _position += length;
        return slice;
    }

    /// <summary>Reads a length-prefixed byte sequence into a new array.</summary>
    public byte[] ReadBytes() => ReadBytesSpan().ToArray();

    /// <summary>Reads a length-prefixed UTF-8 string.</summary>
    public string ReadString()
    {
        int start = _position;
        ReadOnlySpan<byte> bytes = ReadBytesSpan();
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            _position = start;
            Throw("string is not valid UTF-8");
            return string.Empty;
        }
    }

    /// <summary>Reads a length-prefixed string as its raw UTF-8 bytes (no copy, no validation).</summary>
    public ReadOnlySpan<byte> ReadStringUtf8() => ReadBytesSpan();

    /// <summary>Reads exactly <paramref name="count"/> bytes (a fixed) as a slice of the input.</summary>
    public ReadOnlySpan<byte> ReadFixed(int count)
    {
        if ((uint)count > (uint)(_data.Length - _position))
        {
            ThrowTruncated(count);
        }

        ReadOnlySpan<byte> slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    /// <summary>Skips <paramref name="count"/> bytes.</summary>
    public void Skip(int count) => ReadFixed(count);

    /// <summary>Skips a length-prefixed byte sequence or string.</summary>
    public void SkipBytes() => ReadBytesSpan();

    /// <summary>Reads a union branch index and checks it against <paramref name="branchCount"/>.</summary>
    public int ReadUnionIndex(int branchCount)
    {
        int start = _position;
        long index = ReadLong();
        if ((ulong)index >= (ulong)branchCount)
        {
            _position = start;
            Throw($"union branch index {index} is out of range for a union of {branchCount} branches");
        }

        return (int)index;
    }

    /// <summary>
    /// Reads the item count of the next array or map block; a negative count (which is followed by the block's byte
    /// size) is returned as its absolute value. Zero ends the array or map. <paramref name="minItemSize"/> (see
    /// <see cref="AvroEncodedSize.Min(Schemas.AvroSchema)"/>) bounds the count by the bytes remaining.
    /// </summary>
    public long ReadBlockCount(int minItemSize)
    {
        int start = _position;
        long count = ReadLong();
        if (count < 0)
        {
            if (count == long.MinValue)
            {
                _position = start;
                Throw("array or map block count out of range");
            }

            count = -count;
            long size = ReadLong();
            if (size < 0 || size > Remaining)
            {
                _position = start;
                Throw($"array or map block size {size} is invalid ({Remaining} bytes remain)");
            }
        }

        AvroEncodedSize.CheckCount(ref this, count, minItemSize);
        return count;
    }

    /// <summary>
    /// Reads a block count for skipping: when the writer recorded the block's byte size (negative count), returns
    /// -1 and skips the whole block at once.
    /// </summary>
    internal long ReadBlockCountOrSkip()
    {
        int start = _position;
        long count = ReadLong();
        if (count >= 0)
        {
            return count;
        }

        long size = ReadLong();
        if (count == long.MinValue || size < 0 || size > Remaining)
        {
            _position = start;
            Throw($"array or map block size {size} is invalid ({Remaining} bytes remain)");
        }

        _position += (int)size;
        return -1;
    }

    private int ReadLength(string what)
    {
        int start = _position;
        long length = ReadLong();
        if (length < 0)
        {
            _position = start;
            Throw($"{what} length {length} is negative");
        }

        if (length > Remaining)
        {
            _position = start;
            Throw($"{what} length {length} exceeds the {Remaining} bytes remaining");
        }

        return (int)length;
    }

    /// <summary>Raises an <see cref="AvroException"/> at the current offset.</summary>
    [DoesNotReturn]
    public readonly void Throw(string message) =>
        throw new AvroException($"{message} at byte offset {_baseOffset + _position}");

    [DoesNotReturn]
    private readonly void ThrowTruncated(int needed) =>
        Throw($"unexpected end of data: needed {needed} byte(s), {_data.Length - _position} remain");
}
