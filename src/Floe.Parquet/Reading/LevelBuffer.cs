using System.Buffers;

namespace Floe.Parquet.Reading;

/// <summary>The definition and repetition levels of a whole column chunk, kept for assembling nested fields.</summary>
internal sealed class LevelBuffer : IDisposable
{
    private int[] _definition = [];
    private int[] _repetition = [];

    public int Count { get; private set; }

    public ReadOnlySpan<int> Definition => _definition.AsSpan(0, Count);

    public ReadOnlySpan<int> Repetition => _repetition.AsSpan(0, Count);

    /// <summary>Appends one page's levels; an empty span stands for all zeros (the column has no such levels).</summary>
    public void Append(ReadOnlySpan<int> definition, ReadOnlySpan<int> repetition, int count)
    {
        Ensure(Count + count);
        Copy(definition, _definition.AsSpan(Count, count));
        Copy(repetition, _repetition.AsSpan(Count, count));
        Count += count;
    }

    public void Clear() => Count = 0;

    public void Dispose()
    {
        Return(ref _definition);
        Return(ref _repetition);
        Count = 0;
    }

    private static void Copy(ReadOnlySpan<int> source, Span<int> destination)
    {
        if (source.IsEmpty)
        {
            destination.Clear();
        }
        else
        {
            source.CopyTo(destination);
        }
    }

    private void Ensure(int required)
    {
        if (required <= _definition.Length)
        {
            return;
        }

        int size = Math.Max(required, Math.Max(1024, _definition.Length * 2));
        _definition = Grow(_definition, size);
        _repetition = Grow(_repetition, size);
    }

    private int[] Grow(int[] array, int size)
    {
        int[] grown = ArrayPool<int>.Shared.Rent(size);
        array.AsSpan(0, Count).CopyTo(grown);
        Return(ref array);
        return grown;
    }

    private static void Return(ref int[] array)
    {
        if (array.Length > 0)
        {
            ArrayPool<int>.Shared.Return(array);
        }

        array = [];
    }
}
