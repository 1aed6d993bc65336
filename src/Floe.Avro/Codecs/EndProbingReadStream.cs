namespace Floe.Avro.Codecs;

/// <summary>
/// A read-only stream over pinned memory that records whether a reader asked for bytes past the end. A decompressor
/// that does so has not found the end of its compressed stream, i.e. the data is truncated.
/// </summary>
internal sealed unsafe class EndProbingReadStream(byte* data, int length) : Stream
{
    private int _position;

    /// <summary>True once a read found no bytes left.</summary>
    public bool ReadPastEnd { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = Math.Min(buffer.Length, length - _position);
        if (n <= 0)
        {
            ReadPastEnd = true;
            return 0;
        }

        new ReadOnlySpan<byte>(data + _position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
