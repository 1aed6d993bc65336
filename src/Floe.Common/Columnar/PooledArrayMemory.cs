using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Floe.Common.Columnar;

/// <summary>
/// The bytes of a pooled array handed out of a vector by <see cref="ColumnVector.DetachBuffers"/>: whoever holds it
/// owns the array, and disposing it returns the array to its pool. Memory taken from it before the dispose throws
/// <see cref="ObjectDisposedException"/> afterwards instead of reading an array the pool has lent to someone else.
/// </summary>
public sealed class PooledArrayMemory<T> : MemoryManager<byte>
    where T : unmanaged
{
    private T[]? _array;
    private readonly int _byteLength;

    internal PooledArrayMemory(T[] array, int count)
    {
        if ((uint)count > (uint)array.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"the array holds {array.Length} items");
        }

        _array = array;
        _byteLength = checked(count * Unsafe.SizeOf<T>());
    }

    /// <summary>Number of bytes in use (the rest of the rented array is not part of the memory).</summary>
    public int ByteLength => _byteLength;

    public override Span<byte> GetSpan()
    {
        T[] array = _array ?? throw new ObjectDisposedException(nameof(PooledArrayMemory<T>), "the buffer was returned to its pool");
        return MemoryMarshal.AsBytes(array.AsSpan()).Slice(0, _byteLength);
    }

    public override unsafe MemoryHandle Pin(int elementIndex = 0)
    {
        if ((uint)elementIndex > (uint)_byteLength)
        {
            throw new ArgumentOutOfRangeException(nameof(elementIndex));
        }

        T[] array = _array ?? throw new ObjectDisposedException(nameof(PooledArrayMemory<T>), "the buffer was returned to its pool");
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        return new MemoryHandle((byte*)handle.AddrOfPinnedObject() + elementIndex, handle);
    }

    public override void Unpin()
    {
        // The handle Pin returns frees its own GCHandle.
    }

    protected override void Dispose(bool disposing)
    {
        T[]? array = Interlocked.Exchange(ref _array, null);
        if (array is { Length: > 0 })
        {
            ArrayPool<T>.Shared.Return(array);
        }
    }
}
