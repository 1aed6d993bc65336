using System.Buffers.Binary;
using System.Security.Cryptography;
using Floe.Parquet.Compression;
using Floe.Parquet.Encodings;

namespace Floe.Parquet.Tests.Compression;

/// <summary>
/// Pins the exact compressed bytes of a fixed page-like input for every codec Floe writes, so that files written
/// today are the same bytes as files written before (a changed encoder or binding shows up here first).
/// </summary>
public sealed class CompressedBytesTests
{
    [Theory]
    [InlineData(CompressionCodec.Snappy, "69425:0750de76f38ca245")] // Snappier 1.3.2's encoder; Floe's own wrote 69464:dd90aaf6ffe68804
    [InlineData(CompressionCodec.Zstd, "45235:1ed8599de7307f85")]
    [InlineData(CompressionCodec.Lz4Raw, "72115:bc15bc005d224f16")]
    [InlineData(CompressionCodec.Lz4, "72123:08d3d2215cb6de44")]
    [InlineData(CompressionCodec.Gzip, "39624:890dcd77ff6ad7e8")]
    [InlineData(CompressionCodec.Brotli, "32870:1eca9a349e0fa939")]
    public void Fixed_page_compresses_to_the_same_bytes(CompressionCodec codec, string expected)
    {
        byte[] page = Page();
        using var buffer = new PooledBuffer();

        Compressors.Get(codec).Compress(page, buffer);

        Assert.Equal(expected, $"{buffer.WrittenCount}:{Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan))[..16]}");
    }

    // 150 KB of PLAIN INT64 values (ascending ids beside small measures) then length-prefixed strings: more than two
    // 64 KiB Snappy fragments, with both long and short matches.
    private static byte[] Page()
    {
        byte[] page = new byte[150_000];
        uint state = 12345;
        long id = 1_000_000;
        int at = 0;
        for (; at < 80_000; at += 8)
        {
            state = (state * 1_103_515_245) + 12_345;
            id += 1 + (state >> 30);
            BinaryPrimitives.WriteInt64LittleEndian(page.AsSpan(at), at % 16 == 0 ? id : (state >> 16) % 1000);
        }

        string[] words = ["alice", "bob", "carol", "berlin", "oslo", "lima"];
        while (at + 40 < page.Length)
        {
            state = (state * 1_103_515_245) + 12_345;
            int written = System.Text.Encoding.ASCII.GetBytes($"{words[(state >> 16) % 6]}.{words[(state >> 8) % 6]}{(state >> 20) % 10_000}", page.AsSpan(at + 4));
            BinaryPrimitives.WriteInt32LittleEndian(page.AsSpan(at), written);
            at += 4 + written;
        }

        return page;
    }
}
