using System.Buffers;

namespace Floe.Parquet.Reading;

/// <summary>
/// A source whose last bytes were read in one go when its footer was: reads within them are served from memory. A
/// small file (a change file, a manifest-sized data file) is then read with one system call in all, and a large one
/// saves the separate reads of its footer's length and footer. The buffer is rented and returned on disposal.
/// </summary>
internal sealed class TailBufferedSource : IRandomAccessSource
{
    private readonly IRandomAccessSource _inner;
    private readonly long _tailStart;
    private readonly int _tailLength;
    private byte[]? _tail;

    /// <param name="inner">The source the tail was read from; disposed with this one.</param>
    /// <param name="tail">A rented buffer holding the tail; owned from now on.</param>
    /// <param name="tailStart">The file offset of the tail's first byte.</param>
    /// <param name="tailLength">The bytes of the tail (the file's last).</param>
    public TailBufferedSource(IRandomAccessSource inner, byte[] tail, long tailStart, int tailLength)
    {
        _inner = inner;
        _tail = tail;
        _tailStart = tailStart;
        _tailLength = tailLength;
    }

    public long Length => _inner.Length;

    public ValueTask ReadExactlyAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        byte[]? tail = _tail;
        if (tail is not null && offset >= _tailStart && offset + destination.Length <= _tailStart + _tailLength)
        {
            cancellationToken.ThrowIfCancellationRequested();
            tail.AsSpan((int)(offset - _tailStart), destination.Length).CopyTo(destination.Span);
            return ValueTask.CompletedTask;
        }

        return _inner.ReadExactlyAsync(offset, destination, cancellationToken);
    }

    public void Dispose()
    {
        ReturnTail();
        _inner.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        ReturnTail();
        return _inner.DisposeAsync();
    }

    private void ReturnTail()
    {
        if (Interlocked.Exchange(ref _tail, null) is { } tail)
        {
            ArrayPool<byte>.Shared.Return(tail);
        }
    }
}
