using System.Buffers.Binary;
using Floe.Avro.Binary;

namespace Floe.Avro.Codecs.Snappy;

/// <summary>Avro's <c>snappy</c> codec: a raw Snappy block followed by the big-endian CRC-32 of the uncompressed data.</summary>
public sealed class SnappyCodec : AvroCodec
{
    public override string Name => "snappy";

    public override void Compress(ReadOnlySpan<byte> data, AvroBufferWriter output)
    {
        Span<byte> span = output.GetSpan(SnappyCompressor.MaxCompressedLength(data.Length) + 4);
        int written = SnappyCompressor.Compress(data, span);
        BinaryPrimitives.WriteUInt32BigEndian(span[written..], Crc32.Compute(data));
        output.Advance(written + 4);
    }

    public override void Decompress(ReadOnlySpan<byte> data, AvroBufferWriter output, int maxLength)
    {
        if (data.Length < 4)
        {
            throw new AvroException($"snappy block of {data.Length} bytes is too short for its checksum");
        }

        ReadOnlySpan<byte> compressed = data[..^4];
        int length = SnappyDecompressor.GetUncompressedLength(compressed, out int preamble);
        if (length > maxLength)
        {
            throw TooLarge(Name, maxLength);
        }

        // Each compressed byte expands to at most 64 bytes (a 2-byte copy of 64), which bounds a lying preamble.
        if (length > (long)(compressed.Length - preamble) * 64)
        {
            throw new AvroException($"snappy block declares {length} bytes, more than its {compressed.Length} compressed bytes can hold");
        }

        Span<byte> target = output.GetSpan(Math.Max(length, 1))[..length];
        SnappyDecompressor.Decompress(compressed[preamble..], target);
        uint expected = BinaryPrimitives.ReadUInt32BigEndian(data[^4..]);
        uint actual = Crc32.Compute(target);
        if (expected != actual)
        {
            throw new AvroException($"snappy block checksum mismatch: stored 0x{expected:x8}, computed 0x{actual:x8}");
        }

        output.Advance(length);
    }
}
