using System.Buffers;

namespace Floe.Common.Columnar;

/// <summary>A growable list of row indices in a pooled array.</summary>
public sealed class PooledIndexList : IDisposable
{
    private int[] _items = ArrayPool<int>.Shared.Rent(64);

    public int Count { get; private set; }

    public ReadOnlySpan<int> Span => _items.AsSpan(0, Count);

    public void Add(int value)
    {
        if (Count == _items.Length)
        {
            int[] grown = ArrayPool<int>.Shared.Rent(_items.Length * 2);
            _items.AsSpan(0, Count).CopyTo(grown);
            ArrayPool<int>.Shared.Return(_items);
            _items = grown;
        }

        _items[Count++] = value;
    }

    public void Clear() => Count = 0;

    public void Dispose()
    {
        if (_items.Length > 0)
        {
            ArrayPool<int>.Shared.Return(_items);
            _items = [];
        }
    }
}
