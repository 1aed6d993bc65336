using System.Buffers.Binary;
using System.IO.Compression;
using Floe.Common.Errors;
using Floe.Parquet.Compression;
using Floe.Parquet.Encodings;

namespace Floe.Parquet.Tests.Compression;

public sealed class CompressorTests
{
    public static TheoryData<CompressionCodec> Codecs =>
    [
        CompressionCodec.Uncompressed,
        CompressionCodec.Snappy,
        CompressionCodec.Gzip,
        CompressionCodec.Brotli,
        CompressionCodec.Zstd,
        CompressionCodec.Lz4Raw,
        CompressionCodec.Lz4,
    ];

    public static TheoryData<CompressionCodec> RealCodecs =>
    [
        CompressionCodec.Snappy,
        CompressionCodec.Gzip,
        CompressionCodec.Brotli,
        CompressionCodec.Zstd,
        CompressionCodec.Lz4Raw,
        CompressionCodec.Lz4,
    ];

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Round_trip_many_shapes(CompressionCodec codec)
    {
        ICompressor compressor = Compressors.Get(codec);
        Assert.Equal(codec, compressor.Codec);
        foreach (byte[] input in Inputs())
        {
            using var buffer = new PooledBuffer(16);
            buffer.Write([9, 9, 9]);
            int size = compressor.Compress(input, buffer);
            Assert.Equal(buffer.WrittenCount - 3, size);
            var output = new byte[input.Length];
            compressor.Decompress(buffer.WrittenSpan.Slice(3), output);
            Assert.Equal(input, output);
        }
    }

    [Theory]
    [MemberData(nameof(RealCodecs))]
    public void Compress_repetitive_data_shrinks(CompressionCodec codec)
    {
        byte[] input = [.. Enumerable.Range(0, 100_000).Select(i => (byte)(i % 251 < 200 ? 'a' + i % 7 : i))];
        using var buffer = new PooledBuffer();
        int size = Compressors.Get(codec).Compress(input, buffer);
        Assert.True(size < input.Length / 4, $"{codec} compressed {input.Length} bytes to {size}");
    }

    [Theory]
    [MemberData(nameof(RealCodecs))]
    public void Decompress_wrong_expected_size_throws_naming_codec(CompressionCodec codec)
    {
        ICompressor compressor = Compressors.Get(codec);
        byte[] input = [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 7 % 13))];
        using var buffer = new PooledBuffer();
        compressor.Compress(input, buffer);
        var ex = Assert.Throws<ParquetException>(() => compressor.Decompress(buffer.WrittenSpan, new byte[input.Length - 1]));
        Assert.Contains(CompressionErrors.Name(codec), ex.Message);
        var bigger = new byte[input.Length + 10];
        ex = Assert.Throws<ParquetException>(() => compressor.Decompress(buffer.WrittenSpan, bigger));
        Assert.Contains(CompressionErrors.Name(codec), ex.Message);
    }

    [Theory]
    [MemberData(nameof(RealCodecs))]
    public void Decompress_corrupt_or_truncated_or_random_throws_parquet_exception(CompressionCodec codec)
    {
        ICompressor compressor = Compressors.Get(codec);
        var random = new Random((int)codec);
        byte[] input = new byte[20_000];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = (byte)(random.Next(4) == 0 ? random.Next(256) : 'x' + i % 5);
        }

        using var buffer = new PooledBuffer();
        compressor.Compress(input, buffer);
        byte[] compressed = buffer.WrittenSpan.ToArray();

        var outputs = new byte[input.Length + 64];
        Assert.Throws<ParquetException>(() => compressor.Decompress(compressed.AsSpan(0, compressed.Length / 2), outputs.AsSpan(0, input.Length)));

        for (int trial = 0; trial < 50; trial++)
        {
            byte[] corrupt = (byte[])compressed.Clone();
            for (int k = 0; k < 4; k++)
            {
                corrupt[random.Next(corrupt.Length)] ^= (byte)random.Next(1, 256);
            }

            // Either a clean error or (rarely, for codecs without checksums) some output; never a crash or overrun.
            Array.Fill(outputs, (byte)0xEE);
            try
            {
                compressor.Decompress(corrupt, outputs.AsSpan(0, input.Length));
            }
            catch (ParquetException ex)
            {
                Assert.Contains(CompressionErrors.Name(codec), ex.Message);
            }

            Assert.All(outputs.AsSpan(input.Length).ToArray(), b => Assert.Equal(0xEE, b));
        }

        byte[] noise = new byte[3000];
        random.NextBytes(noise);
        Assert.Throws<ParquetException>(() => compressor.Decompress(noise, new byte[10_000]));
    }

    [Fact]
    public void Gzip_concatenated_members_decompress()
    {
        byte[] a = "first member "u8.ToArray();
        byte[] b = [.. Enumerable.Range(0, 1000).Select(i => (byte)i)];
        var both = new MemoryStream();
        foreach (byte[] part in new[] { a, b })
        {
            using var gz = new GZipStream(both, CompressionLevel.Fastest, leaveOpen: true);
            gz.Write(part);
        }

        var output = new byte[a.Length + b.Length];
        Compressors.Get(CompressionCodec.Gzip).Decompress(both.ToArray(), output);
        Assert.Equal(a.Concat(b), output);
    }

    [Fact]
    public void Gzip_writes_gzip_header_and_accepts_zlib()
    {
        using var buffer = new PooledBuffer();
        Compressors.Get(CompressionCodec.Gzip).Compress("hello"u8, buffer);
        Assert.Equal(0x1F, buffer.WrittenSpan[0]);
        Assert.Equal(0x8B, buffer.WrittenSpan[1]);

        var zlib = new MemoryStream();
        using (var z = new ZLibStream(zlib, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write("hello zlib"u8);
        }

        var output = new byte[10];
        Compressors.Get(CompressionCodec.Gzip).Decompress(zlib.ToArray(), output);
        Assert.Equal("hello zlib"u8.ToArray(), output);
    }

    [Fact]
    public void Lz4_hadoop_reads_framed_chunks_and_raw_blocks()
    {
        byte[] part1 = [.. Enumerable.Range(0, 3000).Select(i => (byte)(i % 10))];
        byte[] part2 = [.. Enumerable.Range(0, 2000).Select(i => (byte)(i % 3))];
        using var framed = new PooledBuffer();
        foreach (byte[] part in new[] { part1, part2 })
        {
            using var block = new PooledBuffer();
            Compressors.Get(CompressionCodec.Lz4Raw).Compress(part, block);
            var header = new byte[8];
            BinaryPrimitives.WriteInt32BigEndian(header, part.Length);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), block.WrittenCount);
            framed.Write(header);
            framed.Write(block.WrittenSpan);
        }

        var output = new byte[5000];
        Compressors.Get(CompressionCodec.Lz4).Decompress(framed.WrittenSpan, output);
        Assert.Equal(part1.Concat(part2), output);

        using var raw = new PooledBuffer();
        Compressors.Get(CompressionCodec.Lz4Raw).Compress(part1, raw);
        var rawOutput = new byte[part1.Length];
        Compressors.Get(CompressionCodec.Lz4).Decompress(raw.WrittenSpan, rawOutput);
        Assert.Equal(part1, rawOutput);
    }

    [Fact]
    public void Lz4_hadoop_chunk_of_several_blocks_decompresses()
    {
        byte[] part1 = [.. Enumerable.Range(0, 1500).Select(i => (byte)(i % 17))];
        byte[] part2 = [.. Enumerable.Range(0, 2500).Select(i => (byte)(i % 5))];
        using var framed = new PooledBuffer();
        var header = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, part1.Length + part2.Length);
        framed.Write(header);
        foreach (byte[] part in new[] { part1, part2 })
        {
            using var block = new PooledBuffer();
            Compressors.Get(CompressionCodec.Lz4Raw).Compress(part, block);
            BinaryPrimitives.WriteInt32BigEndian(header, block.WrittenCount);
            framed.Write(header);
            framed.Write(block.WrittenSpan);
        }

        var output = new byte[4000];
        Compressors.Get(CompressionCodec.Lz4).Decompress(framed.WrittenSpan, output);
        Assert.Equal(part1.Concat(part2), output);
    }

    [Fact]
    public void Brotli_ignores_bytes_after_the_stream()
    {
        byte[] input = "brotli page body"u8.ToArray();
        using var buffer = new PooledBuffer();
        Compressors.Get(CompressionCodec.Brotli).Compress(input, buffer);
        buffer.Write([0, 0, 0]);
        var output = new byte[input.Length];
        Compressors.Get(CompressionCodec.Brotli).Decompress(buffer.WrittenSpan, output);
        Assert.Equal(input, output);
    }

    [Fact]
    public void Lz4_hadoop_compress_writes_big_endian_framing()
    {
        byte[] input = new byte[600_000];
        new Random(1).NextBytes(input.AsSpan(0, 1000));
        using var buffer = new PooledBuffer();
        Compressors.Get(CompressionCodec.Lz4).Compress(input, buffer);
        Assert.Equal(256 * 1024, BinaryPrimitives.ReadInt32BigEndian(buffer.WrittenSpan));
        int firstBlock = BinaryPrimitives.ReadInt32BigEndian(buffer.WrittenSpan.Slice(4));
        Assert.True(firstBlock > 0 && firstBlock < buffer.WrittenCount);
    }

    [Fact]
    public void Lzo_is_unsupported()
    {
        var ex = Assert.Throws<ParquetException>(() => Compressors.Get(CompressionCodec.Lzo));
        Assert.Equal(FloeErrorKind.Unsupported, ex.Kind);
        Assert.Contains("LZO", ex.Message);
        Assert.Throws<ParquetException>(() => Compressors.Get((CompressionCodec)42));
    }

    [Fact]
    public void Levels_are_configurable_and_validated()
    {
        byte[] input = [.. Enumerable.Range(0, 50_000).Select(i => (byte)(i * i % 97))];
        foreach ((CompressionCodec codec, int level) in new[] { (CompressionCodec.Zstd, 1), (CompressionCodec.Zstd, 19), (CompressionCodec.Gzip, 1), (CompressionCodec.Gzip, 9), (CompressionCodec.Brotli, 11) })
        {
            ICompressor compressor = Compressors.Create(codec, level);
            using var buffer = new PooledBuffer();
            compressor.Compress(input, buffer);
            var output = new byte[input.Length];
            Compressors.Get(codec).Decompress(buffer.WrittenSpan, output);
            Assert.Equal(input, output);
        }

        Assert.Equal(FloeErrorKind.InvalidArgument, Assert.Throws<ParquetException>(() => Compressors.Create(CompressionCodec.Gzip, 10)).Kind);
        Assert.Throws<ParquetException>(() => Compressors.Create(CompressionCodec.Zstd, 1000));
        Assert.Throws<ParquetException>(() => Compressors.Create(CompressionCodec.Brotli, -1));
    }

    [Fact]
    public void Zstd_uses_contexts_from_many_threads()
    {
        byte[] input = [.. Enumerable.Range(0, 30_000).Select(i => (byte)(i % 41))];
        Parallel.For(0, 8, _ =>
        {
            ICompressor zstd = Compressors.Get(CompressionCodec.Zstd);
            using var buffer = new PooledBuffer();
            zstd.Compress(input, buffer);
            var output = new byte[input.Length];
            zstd.Decompress(buffer.WrittenSpan, output);
            Assert.Equal(input, output);
        });
    }

    private static IEnumerable<byte[]> Inputs()
    {
        var random = new Random(17);
        yield return [];
        yield return [42];
        yield return "abcdefghijklmn"u8.ToArray();
        yield return new byte[100_000];
        byte[] noise = new byte[70_000];
        random.NextBytes(noise);
        yield return noise;
        yield return [.. Enumerable.Range(0, 200_000).Select(i => (byte)(i % 256 < 128 ? i % 3 : random.Next(256)))];
        yield return [.. Enumerable.Range(0, 131_075).Select(i => (byte)("the quick brown fox "[i % 20]))];
    }
}
