using System.Buffers.Binary;
using System.IO.Hashing;
using Floe.Avro.Binary;
using Floe.Compression;

namespace Floe.Avro.Codecs.Snappy;

/// <summary>Avro's <c>snappy</c> codec: a raw Snappy block followed by the big-endian CRC-32 of the uncompressed data.</summary>
public sealed class SnappyCodec : AvroCodec
{
    public override string Name => "snappy";

    public override void Compress(ReadOnlySpan<byte> data, AvroBufferWriter output)
    {
        SnappyBlockEncoder.Compress(data, output);
        BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(4), Crc32.HashToUInt32(data));
        output.Advance(4);
    }

    public override void Decompress(ReadOnlySpan<byte> data, AvroBufferWriter output, int maxLength)
    {
        if (data.Length < 4)
        {
            throw new AvroException($"snappy block of {data.Length} bytes is too short for its checksum");
        }

        ReadOnlySpan<byte> compressed = data[..^4];
        try
        {
            int length = SnappyBlockDecoder.ReadUncompressedLength(compressed, out int preamble);
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
            int produced = SnappyBlockDecoder.Decompress(compressed, preamble, target);
            if (produced != length)
            {
                throw new AvroException($"snappy data decodes to {produced} bytes but declares {length}");
            }

            uint expected = BinaryPrimitives.ReadUInt32BigEndian(data[^4..]);
            uint actual = Crc32.HashToUInt32(target);
            if (expected != actual)
            {
                throw new AvroException($"snappy block checksum mismatch: stored 0x{expected:x8}, computed 0x{actual:x8}");
            }

            output.Advance(length);
        }
        catch (CorruptDataException ex)
        {
            throw new AvroException($"snappy data is corrupt: {ex.Message}", ex);
        }
    }
}
