using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Floe.Avro.Binary;

/// <summary>
/// Writes Avro's binary encoding into a growable buffer rented from <see cref="ArrayPool{T}"/>. Also an
/// <see cref="IBufferWriter{T}"/>, so codecs and other writers can append to it. Dispose returns the buffer.
/// </summary>
public sealed class AvroBufferWriter : IBufferWriter<byte>, IDisposable
{
    private const int MaxVarintBytes = 10;
    private byte[] _buffer;
    private int _length;

    public AvroBufferWriter(int initialCapacity = 4096)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 64));
    }

    /// <summary>Bytes written so far.</summary>
    public int Length => _length;

    /// <summary>The bytes written so far (valid until the next write or <see cref="Clear"/>).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>The bytes written so far as memory (valid until the next write or <see cref="Clear"/>).</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    /// <summary>Forgets the written bytes and keeps the buffer.</summary>
    public void Clear() => _length = 0;

    /// <summary>Drops everything after the first <paramref name="length"/> bytes.</summary>
    public void Truncate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _length);
        _length = length;
    }

    public void WriteNull()
    {
    }

    public void WriteBoolean(bool value)
    {
        Ensure(1);
        _buffer[_length++] = value ? (byte)1 : (byte)0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt(int value) => WriteLong(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteLong(long value)
    {
        ulong n = (ulong)((value << 1) ^ (value >> 63));
        if (n < 0x80 && _length < _buffer.Length)
        {
            _buffer[_length++] = (byte)n;
            return;
        }

        WriteVarint(n);
    }

    private void WriteVarint(ulong n)
    {
        Ensure(MaxVarintBytes);
        byte[] buffer = _buffer;
        int position = _length;
        while (n >= 0x80)
        {
            buffer[position++] = (byte)(n | 0x80);
            n >>= 7;
        }

        buffer[position++] = (byte)n;
        _length = position;
    }

    public void WriteFloat(float value)
    {
        Ensure(4);
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    public void WriteDouble(double value)
    {
        Ensure(8);
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    /// <summary>Writes a length-prefixed byte sequence.</summary>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteLong(value.Length);
        WriteFixed(value);
    }

    /// <summary>Writes a length-prefixed UTF-8 string.</summary>
    public void WriteString(string value) => WriteString(value.AsSpan());

    /// <summary>Writes a length-prefixed UTF-8 string.</summary>
    public void WriteString(ReadOnlySpan<char> value)
    {
        if (value.Length < 64)
        {
            // Short strings: encode in place after reserving one length byte, fix up if the length needs more.
            Ensure(1 + (value.Length * 3));
            int written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length + 1));
            if (written < 0x40)
            {
                _buffer[_length] = (byte)(written << 1);
                _length += 1 + written;
                return;
            }
        }

        int byteCount = Encoding.UTF8.GetByteCount(value);
        WriteLong(byteCount);
        Ensure(byteCount);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    /// <summary>Writes raw bytes with no length prefix (a fixed, or pre-encoded data).</summary>
    public void WriteFixed(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    /// <summary>Writes a union branch index.</summary>
    public void WriteUnionIndex(int index) => WriteLong(index);

    /// <summary>Writes an array or map block count (0 ends the array or map).</summary>
    public void WriteBlockCount(long count) => WriteLong(count);

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _buffer.Length - _length)
        {
            throw new InvalidOperationException("advanced past the end of the buffer");
        }

        _length += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _buffer.AsMemory(_length);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 1));
        return _buffer.AsSpan(_length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int count)
    {
        if (_buffer.Length - _length < count)
        {
            Grow(count);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int count)
    {
        long needed = (long)_length + count;
        if (needed > Array.MaxLength)
        {
            throw new InvalidOperationException($"an Avro buffer cannot grow beyond {Array.MaxLength} bytes");
        }

        int size = (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)_buffer.Length * 2));
        byte[] next = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _length).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = next;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
