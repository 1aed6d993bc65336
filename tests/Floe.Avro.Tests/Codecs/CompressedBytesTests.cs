using System.Security.Cryptography;
using System.Text;
using Floe.Avro.Binary;
using Floe.Avro.Codecs;

namespace Floe.Avro.Tests.Codecs;

/// <summary>
/// Pins the exact compressed bytes of a fixed manifest-like block for every codec Floe writes, so that container
/// files written today are the same bytes as files written before.
/// </summary>
public sealed class CompressedBytesTests
{
    [Theory]
    [InlineData("snappy", "29611:88df4df51421ec20")] // Snappier 1.3.2's encoder; Floe's own wrote 29644:5c86cdef0b52e957
    [InlineData("zstandard", "19533:76a3f3db1956690e")]
    [InlineData("deflate", "20862:2885dd045188627e")]
    public void Fixed_block_compresses_to_the_same_bytes(string name, string expected)
    {
        using var block = new AvroBufferWriter();
        uint state = 7;
        for (int entry = 0; block.Length < 100_000; entry++)
        {
            state = (state * 1_103_515_245) + 12_345;
            block.WriteInt(1);
            block.WriteLong(5_871_234_567_890_123L + entry);
            block.WriteString($"s3://warehouse/db/events/data/day={entry % 28:00}/{entry:x8}-{state >> 8:x6}.parquet");
            block.WriteLong(state >> 12);
        }

        using var compressed = new AvroBufferWriter();
        AvroCodecs.Get(name).Compress(block.WrittenSpan, compressed);

        Assert.Equal(expected, $"{compressed.Length}:{Convert.ToHexStringLower(SHA256.HashData(compressed.WrittenSpan))[..16]}");
    }

    [Fact]
    public void Snappy_fixed_text_compresses_to_the_same_bytes()
    {
        using var compressed = new AvroBufferWriter();

        AvroCodecs.Snappy.Compress(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("avro snappy block ", 40))), compressed);

        Assert.Equal("58:aab9410aa1c8611c", $"{compressed.Length}:{Convert.ToHexStringLower(SHA256.HashData(compressed.WrittenSpan))[..16]}");
    }
}
