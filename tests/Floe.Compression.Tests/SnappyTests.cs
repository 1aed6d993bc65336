using System.Buffers;
using System.Text;

namespace Floe.Compression.Tests;

public sealed class SnappyTests
{
    // Decodes a whole block into exactly output.Length bytes, as both formats do.
    private static void Decode(ReadOnlySpan<byte> block, Span<byte> output)
    {
        int declared = SnappyBlockDecoder.ReadUncompressedLength(block, out int start);
        if (declared != output.Length)
        {
            throw new CorruptDataException($"declares {declared} bytes, expected {output.Length}.");
        }

        int produced = SnappyBlockDecoder.Decompress(block, start, output);
        if (produced != output.Length)
        {
            throw new CorruptDataException($"decodes to {produced} bytes, expected {output.Length}.");
        }
    }

    [Fact]
    public void Decode_hand_written_block_with_overlapping_copy()
    {
        // Length 9; literal "ab"; copy length 7 offset 2 (1-byte offset form: tag 0b_000_011_01).
        byte[] block = [0x09, 0x04, (byte)'a', (byte)'b', (3 << 2) | 1, 0x02];
        byte[] output = new byte[9];

        Decode(block, output);

        Assert.Equal("ababababa", Encoding.ASCII.GetString(output));
    }

    [Fact]
    public void Encode_uses_copies_for_repeated_data_and_stays_within_its_bound()
    {
        byte[] repeated = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("0123456789abcdef", 4096)));
        byte[] random = new byte[100_000];
        new Random(9).NextBytes(random);

        int randomSize = SnappyBlockEncoder.Compress(random, new byte[SnappyBlockEncoder.MaxCompressedLength(random.Length)]);
        int repeatedSize = SnappyBlockEncoder.Compress(repeated, new byte[SnappyBlockEncoder.MaxCompressedLength(repeated.Length)]);

        Assert.InRange(randomSize, random.Length, SnappyBlockEncoder.MaxCompressedLength(random.Length));
        Assert.True(repeatedSize < repeated.Length / 15, $"repeated data compressed to {repeatedSize} bytes");
    }

    [Fact]
    public void Encode_to_a_buffer_writer_appends_the_same_block()
    {
        byte[] input = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 5000).Select(i => $"row {i % 97};")));
        byte[] direct = new byte[SnappyBlockEncoder.MaxCompressedLength(input.Length)];
        int size = SnappyBlockEncoder.Compress(input, direct);
        var writer = new ArrayBufferWriter<byte>();
        writer.Write<byte>([1, 2, 3]);

        int appended = SnappyBlockEncoder.Compress(input, writer);

        Assert.Equal(size, appended);
        Assert.Equal(direct.AsSpan(0, size).ToArray(), writer.WrittenSpan[3..].ToArray());
    }

    [Fact]
    public void Encode_too_small_destination_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SnappyBlockEncoder.Compress(new byte[100], new byte[50]));
    }
    [Fact]
    public void Decode_hand_written_block_with_every_element_kind()
    {
        byte[] block =
        [
            0x20, // length 32
            0x0C, (byte)'a', (byte)'b', (byte)'c', (byte)'d', // literal "abcd"
            0x01 | (4 << 2), 0x04, // copy-1: length 8, offset 4 -> "abcdabcd"
            0x02 | (9 << 2), 0x0C, 0x00, // copy-2: length 10, offset 12
            0x03 | (9 << 2), 0x01, 0x00, 0x00, 0x00, // copy-4: length 10, offset 1 (run of one byte)
        ];
        var output = new byte[32];
        Decode(block, output);
        Assert.Equal("abcdabcdabcd" + "abcdabcdab" + "bbbbbbbbbb", System.Text.Encoding.ASCII.GetString(output));
    }

    [Fact]
    public void Decode_long_literal_lengths()
    {
        foreach (int length in new[] { 60, 61, 256, 257, 70_000 })
        {
            byte[] data = [.. Enumerable.Range(0, length).Select(i => (byte)(i * 31))];
            var block = new List<byte>();
            for (uint v = (uint)length; ; v >>= 7)
            {
                block.Add((byte)(v < 0x80 ? v : (v & 0x7F) | 0x80));
                if (v < 0x80)
                {
                    break;
                }
            }
            int m = length - 1;
            if (m < 60)
            {
                block.Add((byte)(m << 2));
            }
            else
            {
                int bytes = m < 256 ? 1 : m < 65536 ? 2 : 3;
                block.Add((byte)((59 + bytes) << 2));
                for (int k = 0; k < bytes; k++)
                {
                    block.Add((byte)(m >> (8 * k)));
                }
            }

            block.AddRange(data);
            var output = new byte[length];
            Decode(block.ToArray(), output);
            Assert.Equal(data, output);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x04, 0x01 | (0 << 2), 0x01 })] // copy before any output
    [InlineData(new byte[] { 0x08, 0x04, (byte)'a', (byte)'b', 0x01 | (0 << 2), 0x05 })] // offset 5 > 2 written
    [InlineData(new byte[] { 0x04, 0x04, (byte)'a', (byte)'b', 0x01 | (0 << 2), 0x00 })] // offset 0
    [InlineData(new byte[] { 0x04, 0x0C, (byte)'a' })] // literal past input
    [InlineData(new byte[] { 0x02, 0x0C, (byte)'a', (byte)'b', (byte)'c', (byte)'d' })] // literal past output
    [InlineData(new byte[] { 0x04, 0x04, (byte)'a', (byte)'b', 0x02 | (20 << 2), 0x01, 0x00 })] // copy past output
    [InlineData(new byte[] { 0x04, 0xF0 })] // literal length bytes missing
    [InlineData(new byte[] { 0x04, 0x04, (byte)'a', (byte)'b', 0x03 })] // copy-4 offset cut off
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF })] // overlong varint
    [InlineData(new byte[] { 0x04, 0x04, (byte)'a', (byte)'b' })] // output short
    public void Decode_malformed_throws(byte[] block)
    {
        var output = new byte[4];
        if (block[0] != 0x04)
        {
            output = new byte[block[0] & 0x7F];
        }

        Assert.Throws<CorruptDataException>(() => Decode(block, output));
    }

    [Fact]
    public void Encode_then_reference_decode_agree()
    {
        var random = new Random(23);
        byte[] input = [.. Enumerable.Range(0, 300_000).Select(i => (byte)(random.Next(10) == 0 ? random.Next(256) : "parquet snappy "[i % 15]))];
        var buffer = new ArrayBufferWriter<byte>();
        SnappyBlockEncoder.Compress(input, buffer);
        Assert.Equal(input, ReferenceDecode(buffer.WrittenSpan.ToArray()));
    }

    [Fact]
    public void Decode_random_blocks_throw_only_corrupt_data_exception_and_stay_in_bounds()
    {
        var random = new Random(77);
        var output = new byte[300];
        for (int trial = 0; trial < 5000; trial++)
        {
            var block = new byte[random.Next(1, 40)];
            random.NextBytes(block);
            int expected = random.Next(0, 200);
            block[0] = (byte)expected; // a plausible declared length, so the element decoding is exercised
            Array.Fill(output, (byte)0xAA);
            try
            {
                Decode(block, output.AsSpan(0, expected >= 128 ? 0 : expected));
            }
            catch (CorruptDataException)
            {
            }

            int limit = expected >= 128 ? 0 : expected;
            Assert.All(output.AsSpan(limit).ToArray(), b => Assert.Equal(0xAA, b));
        }
    }

    // Byte-at-a-time decoder straight from the format description, to check the encoder independently.
    private static byte[] ReferenceDecode(byte[] block)
    {
        int pos = 0;
        long length = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = block[pos++];
            length |= (long)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
        }

        var output = new List<byte>();
        while (pos < block.Length)
        {
            int tag = block[pos++];
            int kind = tag & 3;
            if (kind == 0)
            {
                int len = (tag >> 2) + 1;
                if (len > 60)
                {
                    int extra = len - 60;
                    len = 0;
                    for (int k = 0; k < extra; k++)
                    {
                        len |= block[pos++] << (8 * k);
                    }

                    len++;
                }

                output.AddRange(block.AsSpan(pos, len).ToArray());
                pos += len;
                continue;
            }

            int copyLength;
            int offset;
            if (kind == 1)
            {
                copyLength = ((tag >> 2) & 7) + 4;
                offset = ((tag >> 5) << 8) | block[pos++];
            }
            else if (kind == 2)
            {
                copyLength = (tag >> 2) + 1;
                offset = block[pos] | block[pos + 1] << 8;
                pos += 2;
            }
            else
            {
                copyLength = (tag >> 2) + 1;
                offset = BitConverter.ToInt32(block, pos);
                pos += 4;
            }

            for (int k = 0; k < copyLength; k++)
            {
                output.Add(output[output.Count - offset]);
            }
        }

        Assert.Equal(length, output.Count);
        return [.. output];
    }
}
