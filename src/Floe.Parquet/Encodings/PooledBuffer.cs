using System.Buffers;
using System.Runtime.CompilerServices;

namespace Floe.Parquet.Encodings;

/// <summary>
/// A growable byte buffer backed by <see cref="ArrayPool{T}.Shared"/>: encoders and compressors append to it,
/// byte-array decoders append value bytes to it. Reuse one instance (call <see cref="Clear"/>) so steady-state
/// writing allocates nothing; <see cref="Dispose"/> returns the array to the pool.
/// </summary>
public sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;

    /// <summary>Creates a buffer with at least <paramref name="initialCapacity"/> bytes of room.</summary>
    public PooledBuffer(int initialCapacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        _buffer = PageBufferPool.Rent(Math.Max(initialCapacity, 16));
    }

    /// <summary>How many bytes have been written.</summary>
    public int WrittenCount => _written;

    /// <summary>The bytes written so far; valid until the next write grows the buffer.</summary>
    public ReadOnlySpan<byte> WrittenSpan => new(_buffer, 0, _written);

    /// <summary>The bytes written so far; valid until the next write grows the buffer.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => new(_buffer, 0, _written);

    /// <summary>The bytes written so far, writable in place (e.g. to patch a length prefix).</summary>
    public Span<byte> WrittenSpanMutable => new(_buffer, 0, _written);

    /// <summary>Current capacity in bytes.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>Forgets the written bytes and keeps the storage.</summary>
    public void Clear() => _written = 0;

    /// <summary>Drops everything written after <paramref name="length"/> bytes.</summary>
    public void Truncate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _written);
        _written = length;
    }

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _written);
        _written += count;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        if (sizeHint <= 0)
        {
            sizeHint = 1;
        }

        if (_buffer.Length - _written < sizeHint)
        {
            Grow(sizeHint);
        }

        return _buffer.AsSpan(_written);
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        GetSpan(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <summary>Appends <paramref name="bytes"/>.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _written += bytes.Length;
    }

    /// <summary>Appends one byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteByte(byte value)
    {
        if (_written == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[_written++] = value;
    }

    /// <summary>Ensures room for <paramref name="count"/> more bytes.</summary>
    public void EnsureCapacity(int count) => GetSpan(count);

    /// <inheritdoc />
    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            PageBufferPool.Return(buffer);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int sizeHint)
    {
        long needed = (long)_written + sizeHint;
        if (needed > Array.MaxLength)
        {
            throw new ParquetException($"A buffer would grow past {Array.MaxLength} bytes ({needed} requested).");
        }

        long doubled = Math.Max((long)_buffer.Length * 2, 256);
        int newSize = (int)Math.Min(Math.Max(needed, doubled), Array.MaxLength);
        byte[] next = PageBufferPool.Rent(newSize);
        _buffer.AsSpan(0, _written).CopyTo(next);
        byte[] old = _buffer;
        _buffer = next;
        if (old.Length > 0)
        {
            PageBufferPool.Return(old);
        }
    }
}
