using Floe.Parquet.Compression;
using Floe.Parquet.Encodings;

namespace Floe.Parquet.Tests.Compression;

public sealed class SnappyTests
{
    [Fact]
    public void Decode_HandWrittenBlock_WithEveryElementKind()
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
        Compressors.Get(CompressionCodec.Snappy).Decompress(block, output);
        Assert.Equal("abcdabcdabcd" + "abcdabcdab" + "bbbbbbbbbb", System.Text.Encoding.ASCII.GetString(output));
    }

    [Fact]
    public void Decode_LongLiteralLengths()
    {
        foreach (int length in new[] { 60, 61, 256, 257, 70_000 })
        {
            byte[] data = [.. Enumerable.Range(0, length).Select(i => (byte)(i * 31))];
            var block = new List<byte>();
            var varint = new byte[10];
            int n = Varint.Write(varint, (ulong)length);
            block.AddRange(varint.AsSpan(0, n).ToArray());
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
            Compressors.Get(CompressionCodec.Snappy).Decompress(block.ToArray(), output);
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
    public void Decode_Malformed_Throws(byte[] block)
    {
        var output = new byte[4];
        if (block[0] != 0x04)
        {
            output = new byte[block[0] & 0x7F];
        }

        var ex = Assert.Throws<ParquetException>(() => Compressors.Get(CompressionCodec.Snappy).Decompress(block, output));
        Assert.Contains("SNAPPY", ex.Message);
    }

    [Fact]
    public void Encode_ThenReferenceDecode_Agree()
    {
        var random = new Random(23);
        byte[] input = [.. Enumerable.Range(0, 300_000).Select(i => (byte)(random.Next(10) == 0 ? random.Next(256) : "parquet snappy "[i % 15]))];
        using var buffer = new PooledBuffer();
        Compressors.Get(CompressionCodec.Snappy).Compress(input, buffer);
        Assert.Equal(input, ReferenceDecode(buffer.WrittenSpan.ToArray()));
    }

    [Fact]
    public void Decode_RandomBlocks_ThrowOnlyParquetException_AndStayInBounds()
    {
        var random = new Random(77);
        ICompressor snappy = Compressors.Get(CompressionCodec.Snappy);
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
                snappy.Decompress(block, output.AsSpan(0, expected >= 128 ? 0 : expected));
            }
            catch (ParquetException)
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
