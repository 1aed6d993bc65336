using System.Buffers;
using Floe.Parquet.Encodings;

namespace Floe.Parquet.Writing.Pages;

/// <summary>
/// The buffers a page is built in (levels, values, compressed bytes, dictionary indices). Only one page of a file is
/// built at a time, so every column of a file writer shares one set: a file's memory is its open pages and encoded
/// pages, not a set of scratch buffers per column.
/// </summary>
internal sealed class PageScratch : IDisposable
{
    private int[] _indices = [];

    /// <summary>Encoded levels; for v1 pages the values follow them (the page body).</summary>
    public PooledBuffer LevelBytes { get; } = new(4096);

    /// <summary>Encoded values of a v2 page.</summary>
    public PooledBuffer ValueBytes { get; } = new(64 * 1024);

    /// <summary>A dictionary page body.</summary>
    public PooledBuffer Body { get; } = new(4096);

    /// <summary>Compressed page bytes.</summary>
    public PooledBuffer Compressed { get; } = new(64 * 1024);

    /// <summary>Room for <paramref name="count"/> dictionary indices.</summary>
    public Span<int> Indices(int count)
    {
        if (_indices.Length < count)
        {
            if (_indices.Length > 0)
            {
                ArrayPool<int>.Shared.Return(_indices);
            }

            _indices = ArrayPool<int>.Shared.Rent(Math.Max(count, 1024));
        }

        return _indices.AsSpan(0, count);
    }

    public void Dispose()
    {
        LevelBytes.Dispose();
        ValueBytes.Dispose();
        Body.Dispose();
        Compressed.Dispose();
        if (_indices.Length > 0)
        {
            ArrayPool<int>.Shared.Return(_indices);
            _indices = [];
        }
    }
}
