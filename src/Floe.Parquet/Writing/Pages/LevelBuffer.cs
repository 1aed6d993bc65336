using System.Buffers;

namespace Floe.Parquet.Writing.Pages;

/// <summary>A growable pooled list of levels for the page being filled.</summary>
internal sealed class LevelBuffer : IDisposable
{
    private int[] _levels = ArrayPool<int>.Shared.Rent(1024);

    public int Count { get; private set; }

    public ReadOnlySpan<int> Levels => _levels.AsSpan(0, Count);

    public void Append(ReadOnlySpan<int> levels)
    {
        if (_levels.Length < Count + levels.Length)
        {
            int[] grown = ArrayPool<int>.Shared.Rent(Math.Max(_levels.Length * 2, Count + levels.Length));
            _levels.AsSpan(0, Count).CopyTo(grown);
            ArrayPool<int>.Shared.Return(_levels);
            _levels = grown;
        }

        levels.CopyTo(_levels.AsSpan(Count));
        Count += levels.Length;
    }

    public void Clear() => Count = 0;

    public void Dispose()
    {
        if (_levels.Length > 0)
        {
            ArrayPool<int>.Shared.Return(_levels);
            _levels = [];
        }
    }
}
