using Floe.Parquet.Encodings;

namespace Floe.Parquet.Compression;

/// <summary>A write-only stream appending to a <see cref="PooledBuffer"/>, for the stream-based BCL compressors.</summary>
internal sealed class PooledBufferStream(PooledBuffer buffer) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer1, int offset, int count) => Write(buffer1.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer1) => buffer.Write(buffer1);

    public override void WriteByte(byte value) => buffer.WriteByte(value);

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer1, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
