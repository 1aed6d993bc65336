using System.Buffers;
using Floe.Avro.Binary;

namespace Floe.Avro.Container;

/// <summary>
/// A pooled read-ahead window over a stream that tracks the file offset of its first byte. Block headers and sync
/// markers are parsed from the window; block bodies bypass it once it is drained.
/// </summary>
internal sealed class StreamReadBuffer(Stream stream, int initialSize) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(initialSize);
    private int _start;
    private int _end;

    /// <summary>The buffered bytes.</summary>
    public ReadOnlySpan<byte> Available => _buffer.AsSpan(_start, _end - _start);

    /// <summary>The file offset of the first buffered byte.</summary>
    public long Offset { get; private set; }

    /// <summary>True once the stream has reported its end.</summary>
    public bool EndOfStream { get; private set; }

    /// <summary>Buffers at least <paramref name="count"/> bytes, or all that remain.</summary>
    public void Fill(int count)
    {
        Prepare(count);
        while (_end - _start < count && !EndOfStream)
        {
            Appended(stream.Read(_buffer, _end, _buffer.Length - _end));
        }
    }

    /// <summary>Buffers at least <paramref name="count"/> bytes, or all that remain.</summary>
    public async ValueTask FillAsync(int count, CancellationToken cancellationToken)
    {
        Prepare(count);
        while (_end - _start < count && !EndOfStream)
        {
            // A local file is read synchronously: a read the page cache holds costs microseconds, less than the
            // thread-pool round trip of an asynchronous file read on Linux.
            Appended(stream is FileStream
                ? stream.Read(_buffer.AsSpan(_end))
                : await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Drops <paramref name="count"/> buffered bytes.</summary>
    public void Consume(int count)
    {
        _start += count;
        Offset += count;
    }

    /// <summary>Moves up to <paramref name="count"/> buffered bytes to <paramref name="target"/>; returns how many.</summary>
    public int MoveTo(AvroBufferWriter target, int count)
    {
        int take = Math.Min(count, _end - _start);
        target.WriteFixed(_buffer.AsSpan(_start, take));
        Consume(take);
        return take;
    }

    /// <summary>Reads past the (drained) window straight from the stream into <paramref name="target"/>.</summary>
    public int ReadDirect(Span<byte> target)
    {
        int read = stream.Read(target);
        Offset += read;
        return read;
    }

    /// <summary>Reads past the (drained) window straight from the stream into <paramref name="target"/>.</summary>
    public async ValueTask<int> ReadDirectAsync(Memory<byte> target, CancellationToken cancellationToken)
    {
        int read = await stream.ReadAsync(target, cancellationToken).ConfigureAwait(false);
        Offset += read;
        return read;
    }

    private void Appended(int read)
    {
        if (read == 0)
        {
            EndOfStream = true;
        }

        _end += read;
    }

    /// <summary>Compacts the window and grows it so that <paramref name="count"/> bytes fit.</summary>
    private void Prepare(int count)
    {
        if (_end - _start >= count || _buffer.Length - _start >= count)
        {
            return;
        }

        byte[] target = count > _buffer.Length ? ArrayPool<byte>.Shared.Rent(count) : _buffer;
        Buffer.BlockCopy(_buffer, _start, target, 0, _end - _start);
        if (!ReferenceEquals(target, _buffer))
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = target;
        }

        _end -= _start;
        _start = 0;
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
