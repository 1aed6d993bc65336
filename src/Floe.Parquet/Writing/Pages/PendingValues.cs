using System.Buffers;
using Floe.Parquet.Encodings;

namespace Floe.Parquet.Writing.Pages;

/// <summary>
/// The present values of the page being filled, in physical form: fixed-width values back to back as PLAIN stores
/// them (booleans one byte each), byte strings as their bytes plus end offsets.
/// </summary>
internal sealed class PendingValues : IDisposable
{
    private int[] _offsets = ArrayPool<int>.Shared.Rent(1024);

    public PendingValues()
    {
        _offsets[0] = 0;
    }

    /// <summary>Value bytes.</summary>
    public PooledBuffer Bytes { get; } = new(64 * 1024);

    /// <summary>Number of values.</summary>
    public int Count { get; private set; }

    /// <summary>Count + 1 end offsets of byte-string values into <see cref="Bytes"/> (first is 0).</summary>
    public ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, Count + 1);

    /// <summary>Counts <paramref name="count"/> fixed-width values whose bytes the caller appended.</summary>
    public void AddFixed(int count) => Count += count;

    /// <summary>Reserves offsets for <paramref name="count"/> byte strings; the caller fills them and appends bytes.</summary>
    public Span<int> ReserveOffsets(int count)
    {
        if (_offsets.Length < Count + count + 1)
        {
            int[] grown = ArrayPool<int>.Shared.Rent(Math.Max(_offsets.Length * 2, Count + count + 1));
            _offsets.AsSpan(0, Count + 1).CopyTo(grown);
            ArrayPool<int>.Shared.Return(_offsets);
            _offsets = grown;
        }

        Span<int> slots = _offsets.AsSpan(Count + 1, count);
        Count += count;
        return slots;
    }

    public void Clear()
    {
        Count = 0;
        Bytes.Clear();
    }

    public void Dispose()
    {
        Bytes.Dispose();
        if (_offsets.Length > 0)
        {
            ArrayPool<int>.Shared.Return(_offsets);
            _offsets = [];
        }
    }
}
