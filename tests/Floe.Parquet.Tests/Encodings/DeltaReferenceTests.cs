using Floe.Parquet.Encodings;

namespace Floe.Parquet.Tests.Encodings;

/// <summary>The DELTA_BINARY_PACKED encoder's output read back by a plain reference decoder written from the specification.</summary>
public sealed class DeltaReferenceTests
{
    [Theory]
    [InlineData(1, 128, 4)]
    [InlineData(129, 128, 4)]
    [InlineData(700, 128, 4)]
    [InlineData(700, 256, 8)]
    [InlineData(1000, 128, 1)]
    public void Encoder_output_matches_reference_decoder(int count, int blockSize, int miniblocks)
    {
        var random = new Random(count + blockSize);
        long[] values = [.. Enumerable.Range(0, count).Select(i => i % 50 == 0 ? random.NextInt64() : random.NextInt64(-100_000, 100_000))];
        using var buffer = new PooledBuffer();
        DeltaBinaryPacked.EncodeInt64(values, buffer, blockSize, miniblocks);
        (long[] decoded, int consumed) = ReferenceDecode(buffer.WrittenSpan.ToArray());
        Assert.Equal(values, decoded);
        Assert.Equal(buffer.WrittenCount, consumed);
    }

    private static (long[] Values, int Consumed) ReferenceDecode(byte[] data)
    {
        int pos = 0;
        ulong blockSize = ReadUleb(data, ref pos);
        ulong miniblocks = ReadUleb(data, ref pos);
        int count = (int)ReadUleb(data, ref pos);
        long first = ZigZag(ReadUleb(data, ref pos));
        var values = new List<long>();
        if (count > 0)
        {
            values.Add(first);
        }

        int perMiniblock = (int)(blockSize / miniblocks);
        while (values.Count < count)
        {
            long minDelta = ZigZag(ReadUleb(data, ref pos));
            byte[] widths = data.AsSpan(pos, (int)miniblocks).ToArray();
            pos += (int)miniblocks;
            foreach (byte width in widths)
            {
                if (values.Count >= count)
                {
                    break;
                }

                ulong[] deltas = BitReference.Unpack(data.AsSpan(pos), perMiniblock, width);
                pos += perMiniblock * width / 8;
                foreach (ulong delta in deltas)
                {
                    if (values.Count < count)
                    {
                        values.Add(unchecked(values[^1] + minDelta + (long)delta));
                    }
                }
            }
        }

        return ([.. values], pos);
    }

    private static ulong ReadUleb(byte[] data, ref int pos)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = data[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    private static long ZigZag(ulong raw) => (long)(raw >> 1) ^ -(long)(raw & 1);
}
