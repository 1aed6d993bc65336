using System.Buffers;

namespace Floe.Compression.Tests;

public sealed class ZstdTests
{
    private static byte[] Sample(int length, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(i => (byte)(random.Next(8) == 0 ? random.Next(256) : "zstd frames "[i % 12]))];
    }

    [Fact]
    public void Compress_then_decompress_round_trips_on_many_threads()
    {
        byte[] input = Sample(200_000, 1);
        Parallel.For(0, 8, _ =>
        {
            var compressed = new ArrayBufferWriter<byte>();
            int size = Zstd.Compress(input, compressed, Zstd.DefaultLevel);
            byte[] output = new byte[input.Length];

            Assert.Equal(compressed.WrittenCount, size);
            Assert.Equal(input.Length, Zstd.Decompress(compressed.WrittenSpan, output));
            Assert.Equal(input, output);
        });
    }

    [Fact]
    public void Decompress_into_too_small_destination_returns_minus_one()
    {
        var compressed = new ArrayBufferWriter<byte>();
        Zstd.Compress(Sample(10_000, 2), compressed, 1);

        Assert.Equal(-1, Zstd.Decompress(compressed.WrittenSpan, new byte[9_999]));
    }

    [Fact]
    public void Decompress_garbage_is_corrupt_data()
    {
        Assert.Throws<CorruptDataException>(() => Zstd.Decompress([1, 2, 3, 4, 5, 6, 7, 8], new byte[100]));
    }

    [Fact]
    public void Decompress_streaming_reads_concatenated_frames_and_honours_the_limit()
    {
        byte[] first = Sample(50_000, 3);
        byte[] second = Sample(300_000, 4);
        var compressed = new ArrayBufferWriter<byte>();
        Zstd.Compress(first, compressed, 3);
        Zstd.Compress(second, compressed, 19);
        var restored = new ArrayBufferWriter<byte>();

        Assert.Equal(first.Length + second.Length, Zstd.DecompressStreaming(compressed.WrittenSpan, restored, int.MaxValue));
        Assert.True(restored.WrittenSpan.SequenceEqual([.. first, .. second]));
        Assert.Equal(-1, Zstd.DecompressStreaming(compressed.WrittenSpan, new ArrayBufferWriter<byte>(), 100_000));
    }

    [Fact]
    public void Decompress_streaming_truncated_frame_is_corrupt_data_and_the_context_recovers()
    {
        byte[] input = Sample(100_000, 5);
        var compressed = new ArrayBufferWriter<byte>();
        Zstd.Compress(input, compressed, 3);

        var ex = Assert.Throws<CorruptDataException>(() =>
            Zstd.DecompressStreaming(compressed.WrittenSpan[..(compressed.WrittenCount / 2)], new ArrayBufferWriter<byte>(), int.MaxValue));
        Assert.Contains("ends inside a frame", ex.Message);

        var restored = new ArrayBufferWriter<byte>();
        Zstd.DecompressStreaming(compressed.WrittenSpan, restored, int.MaxValue);
        Assert.True(restored.WrittenSpan.SequenceEqual(input));
    }

    [Fact]
    public void Levels_come_from_the_library()
    {
        Assert.True(Zstd.IsAvailable);
        Assert.True(Zstd.MinLevel < 0);
        Assert.True(Zstd.MaxLevel >= 19);
    }
}
