using System.IO.Compression;
using Floe.Avro.Binary;
using Floe.Compression;

namespace Floe.Avro.Codecs;

/// <summary>Raw deflate (RFC 1951, no zlib header), as Avro's <c>deflate</c> codec specifies.</summary>
public sealed class DeflateCodec : AvroCodec
{
    public DeflateCodec(CompressionLevel level = CompressionLevel.Optimal)
    {
        Level = level;
    }

    public CompressionLevel Level { get; }

    public override string Name => "deflate";

    public override void Compress(ReadOnlySpan<byte> data, AvroBufferWriter output)
    {
        if (data.IsEmpty)
        {
            // DeflateStream writes nothing for no input; a valid stream is one empty final block.
            output.WriteFixed([0x03, 0x00]);
            return;
        }

        using var sink = new BufferWriterStream(output);
        using (var deflate = new DeflateStream(sink, Level, leaveOpen: true))
        {
            deflate.Write(data);
        }
    }

    public override unsafe void Decompress(ReadOnlySpan<byte> data, AvroBufferWriter output, int maxLength)
    {
        if (data.IsEmpty)
        {
            throw new AvroException("deflate data is empty");
        }

        int start = output.Length;
        fixed (byte* pointer = data)
        {
            using var source = new EndProbingReadStream(pointer, data.Length);
            using var deflate = new DeflateStream(source, CompressionMode.Decompress);
            try
            {
                while (true)
                {
                    Span<byte> span = output.GetSpan(64 * 1024);
                    int read = deflate.Read(span);
                    if (read == 0)
                    {
                        break;
                    }

                    output.Advance(read);
                    if (output.Length - start > maxLength)
                    {
                        throw TooLarge(Name, maxLength);
                    }
                }
            }
            catch (InvalidDataException ex)
            {
                throw new AvroException($"deflate data is corrupt: {ex.Message}", ex);
            }

            // The inflater stops by itself at the final block; asking for more input means the data was cut short.
            if (source.ReadPastEnd)
            {
                throw new AvroException($"deflate data is truncated: {data.Length} bytes end before the final block");
            }
        }
    }
}
