using Floe.TestKit;
namespace Floe.Parquet.Tests.Writing;

/// <summary>
/// Bit-at-a-time CRC-32 (IEEE 802.3, as zlib and gzip), written from the definition so checksum tests do not rest
/// on the implementation under test.
/// </summary>
internal static class ReferenceCrc32
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>Asserts that every page of every column chunk of <paramref name="file"/> carries its data's CRC-32.</summary>
    public static void AssertEveryPageChecksummed(WrittenFile file)
    {
        int pages = 0;
        foreach ((int rowGroup, int column) in file.Chunks())
        {
            foreach ((Parquet.Metadata.PageHeader header, int offset) in file.Pages(rowGroup, column))
            {
                uint expected = Compute(file.Bytes.AsSpan(offset, header.CompressedPageSize));
                Assert.True(
                    header.Crc == unchecked((int)expected),
                    $"row group {rowGroup}, column {column}, {header.Type} at byte {offset}: crc {header.Crc?.ToString("x8") ?? "missing"}, expected {expected:x8}");
                pages++;
            }
        }

        Assert.True(pages > 0);
    }
}
