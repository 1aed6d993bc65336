using System.Text;
using Floe.Avro.Binary;
using Floe.Avro.Codecs;
using Floe.Avro.Codecs.Zstandard;

namespace Floe.Avro.Tests.Codecs;

public sealed class CodecTests
{
    public static TheoryData<string> CodecNames => ["null", "deflate", "snappy", "zstandard"];

    private static byte[] Sample(int length, int seed, bool compressible)
    {
        var random = new Random(seed);
        byte[] data = new byte[length];
        if (compressible)
        {
            byte[] words = Encoding.ASCII.GetBytes("manifest_entry data_file s3://bucket/table/data/ parquet 00000-1-abc ");
            for (int i = 0; i < length; i++)
            {
                data[i] = random.Next(10) == 0 ? (byte)random.Next(256) : words[(i * 7 / 3) % words.Length];
            }
        }
        else
        {
            random.NextBytes(data);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CodecNames))]
    public void Codec_round_trips_various_sizes_and_contents(string name)
    {
        AvroCodec codec = AvroCodecs.Get(name);
        foreach (int length in new[] { 0, 1, 3, 15, 16, 100, 4096, 70_000, 300_000 })
        {
            foreach (bool compressible in new[] { true, false })
            {
                byte[] data = Sample(length, length, compressible);
                using var compressed = new AvroBufferWriter();
                codec.Compress(data, compressed);
                using var restored = new AvroBufferWriter();
                codec.Decompress(compressed.WrittenSpan, restored, int.MaxValue);

                Assert.True(data.AsSpan().SequenceEqual(restored.WrittenSpan), $"{name} length {length} compressible {compressible}");
                if (compressible && length >= 4096 && name != "null")
                {
                    Assert.True(compressed.Length < length * 3 / 4, $"{name} should compress repetitive data ({compressed.Length} of {length})");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(CodecNames))]
    public void Codec_enforces_the_decompressed_limit(string name)
    {
        AvroCodec codec = AvroCodecs.Get(name);
        byte[] data = new byte[10_000];
        using var compressed = new AvroBufferWriter();
        codec.Compress(data, compressed);
        using var restored = new AvroBufferWriter();

        var ex = Assert.Throws<AvroException>(() => codec.Decompress(compressed.WrittenSpan, restored, 1000));

        Assert.Contains("limit", ex.Message);
    }

    [Theory]
    [InlineData("deflate")]
    [InlineData("snappy")]
    [InlineData("zstandard")]
    public void Codec_corrupt_data_raises_avro_exception(string name)
    {
        AvroCodec codec = AvroCodecs.Get(name);
        byte[] data = Sample(5000, 7, compressible: true);
        using var compressed = new AvroBufferWriter();
        codec.Compress(data, compressed);
        byte[] bytes = compressed.WrittenSpan.ToArray();
        var random = new Random(3);
        for (int attempt = 0; attempt < 50; attempt++)
        {
            byte[] damaged = (byte[])bytes.Clone();
            damaged[random.Next(damaged.Length)] ^= (byte)(1 + random.Next(255));
            using var restored = new AvroBufferWriter();
            try
            {
                codec.Decompress(damaged, restored, 1 << 20);
                // Deflate has no checksum; a flip may still decode. It must never decode to the original silently
                // for snappy (CRC) — and never throw anything but AvroException.
                if (name == "snappy")
                {
                    Assert.False(restored.WrittenSpan.SequenceEqual(data) && !damaged.AsSpan().SequenceEqual(bytes));
                }
            }
            catch (AvroException)
            {
            }
        }

        using var truncated = new AvroBufferWriter();
        Assert.Throws<AvroException>(() => codec.Decompress(bytes.AsSpan(0, bytes.Length / 2), truncated, 1 << 20));
    }

    [Fact]
    public void Snappy_checksum_mismatch_is_reported()
    {
        using var compressed = new AvroBufferWriter();
        AvroCodecs.Snappy.Compress("hello hello hello"u8, compressed);
        byte[] bytes = compressed.WrittenSpan.ToArray();
        bytes[^1] ^= 1;

        var ex = Assert.Throws<AvroException>(() => AvroCodecs.Snappy.Decompress(bytes, new AvroBufferWriter(), 1 << 20));

        Assert.Contains("checksum", ex.Message);
    }

    [Fact]
    public void Snappy_appends_the_big_endian_crc32_of_the_uncompressed_data()
    {
        using var compressed = new AvroBufferWriter();

        AvroCodecs.Snappy.Compress("123456789"u8, compressed);

        // 0xCBF43926 is CRC-32's standard check value for "123456789".
        Assert.Equal(new byte[] { 0xCB, 0xF4, 0x39, 0x26 }, compressed.WrittenSpan[^4..].ToArray());
    }

    [Fact]
    public void Zstandard_decodes_concatenated_frames()
    {
        byte[] first = Sample(50_000, 1, compressible: true);
        byte[] second = Sample(70_000, 2, compressible: false);
        using var compressed = new AvroBufferWriter();
        AvroCodecs.Zstandard.Compress(first, compressed);
        AvroCodecs.Zstandard.Compress(second, compressed);
        using var restored = new AvroBufferWriter();

        AvroCodecs.Zstandard.Decompress(compressed.WrittenSpan, restored, int.MaxValue);

        Assert.True(restored.WrittenSpan.SequenceEqual([.. first, .. second]));
    }

    [Fact]
    public void Snappy_lying_length_preamble_is_rejected_before_allocating()
    {
        // Declares 1 GiB from 3 bytes of data.
        byte[] block = [0x80, 0x80, 0x80, 0x80, 0x04, 0x00, 0x41, 0, 0, 0, 0];

        var ex = Assert.Throws<AvroException>(() => AvroCodecs.Snappy.Decompress(block, new AvroBufferWriter(), int.MaxValue));

        Assert.Contains("declares", ex.Message);
    }

    [Fact]
    public void Zstandard_is_available_on_this_machine()
    {
        Assert.True(ZstandardCodec.IsAvailable);
    }

    [Fact]
    public void Unknown_codec_is_rejected_by_name()
    {
        var ex = Assert.Throws<AvroException>(() => AvroCodecs.Get("lzma"));

        Assert.Contains("'lzma'", ex.Message);
    }
}
