using System.Text.Unicode;
using Floe.Common.Text;

namespace Floe.Common.Tests.Text;

public sealed class Utf8ValuesTests
{
    [Fact]
    public void Finds_the_first_invalid_value_exactly_as_checking_each_value_would()
    {
        // Pieces of valid and invalid UTF-8 cut at random points: boundaries often fall inside sequences.
        byte[][] pieces = ["a"u8.ToArray(), "é"u8.ToArray(), "日"u8.ToArray(), "😀"u8.ToArray(), [0xFF], [0x80], [0xC3], [0xED, 0xA0, 0x80]];
        var random = new Random(7);
        for (int round = 0; round < 5000; round++)
        {
            var bytes = new List<byte>();
            int pieceCount = random.Next(0, 8);
            for (int p = 0; p < pieceCount; p++)
            {
                bytes.AddRange(pieces[random.Next(round % 2 == 0 ? 4 : pieces.Length)]);
            }

            List<int> ends = [.. Enumerable.Range(0, random.Next(1, 6)).Select(_ => random.Next(0, bytes.Count + 1)).Order()];
            ends.Add(bytes.Count);
            int baseOffset = random.Next(0, 3);
            byte[] data = [.. bytes];
            int expected = -1;
            for (int i = 0, start = 0; i < ends.Count; start = ends[i], i++)
            {
                if (!Utf8.IsValid(data.AsSpan(start, ends[i] - start)))
                {
                    expected = i;
                    break;
                }
            }

            int[] shifted = [.. ends.Select(e => e + baseOffset)];
            Assert.Equal(expected, Utf8Values.FindInvalid(data, shifted, baseOffset));
        }
    }

    [Fact]
    public void Describes_where_a_value_stops_being_valid()
    {
        Assert.Equal("byte 0xE2 at offset 2", Utf8Values.DescribeInvalid([(byte)'a', (byte)'b', 0xE2, 0x82]));
        Assert.Equal(-1, Utf8Values.FindInvalid([], [], 0));
    }
}
