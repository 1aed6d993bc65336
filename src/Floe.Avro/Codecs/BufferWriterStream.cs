using Floe.Avro.Binary;

namespace Floe.Avro.Codecs;

/// <summary>A write-only stream that appends to an <see cref="AvroBufferWriter"/> (for stream-based compressors).</summary>
internal sealed class BufferWriterStream(AvroBufferWriter output) : Stream
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

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => output.WriteFixed(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => output.WriteFixed(buffer);
}
