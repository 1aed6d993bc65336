using System.Buffers;

namespace Floe.Parquet.Reading;

/// <summary>A pooled array that grows on demand and is reused page after page.</summary>
internal struct ScratchBuffer<T> : IDisposable
{
    private T[]? _array;

    /// <summary>A span of exactly <paramref name="length"/> items; earlier contents are not preserved across growth.</summary>
    public Span<T> Get(int length)
    {
        if (_array is null || _array.Length < length)
        {
            Release();
            _array = ArrayPool<T>.Shared.Rent(Math.Max(length, 64));
        }

        return _array.AsSpan(0, length);
    }

    /// <summary>The whole rented array (at least as long as the last <see cref="Get"/>).</summary>
    public readonly T[] Array => _array ?? [];

    public void Dispose() => Release();

    private void Release()
    {
        if (_array is not null)
        {
            ArrayPool<T>.Shared.Return(_array);
            _array = null;
        }
    }
}
