using System.Buffers;

namespace Floe.Compression.Tests;

public sealed class Lz4BlockTests
{
    [Fact]
    public void Compress_then_decompress_round_trips()
    {
        byte[] input = [.. Enumerable.Range(0, 100_000).Select(i => (byte)(i % 251 < 200 ? 'a' + (i % 7) : i))];
        var compressed = new ArrayBufferWriter<byte>();
        compressed.Write<byte>([7]);

        int size = Lz4Block.Compress(input, compressed);
        byte[] output = new byte[input.Length];

        Assert.Equal(compressed.WrittenCount - 1, size);
        Assert.True(size < input.Length / 4);
        Assert.Equal(input.Length, Lz4Block.Decompress(compressed.WrittenSpan[1..], output));
        Assert.Equal(input, output);
    }

    [Fact]
    public void Decompress_garbage_returns_a_negative_value()
    {
        Assert.True(Lz4Block.Decompress([0xF0, 1, 2], new byte[100]) < 0);
    }
}
