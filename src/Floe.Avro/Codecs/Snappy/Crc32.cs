namespace Floe.Avro.Codecs.Snappy;

/// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum Avro's snappy codec appends.</summary>
public static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint[] table = Table;
        uint crc = 0xFFFFFFFFu;
        int i = 0;
        // Slicing by 4: four table look-ups per 32-bit word instead of one per byte.
        for (; i + 4 <= data.Length; i += 4)
        {
            crc ^= (uint)(data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
            crc = table[(3 * 256) + (crc & 0xFF)] ^ table[(2 * 256) + ((crc >> 8) & 0xFF)]
                ^ table[256 + ((crc >> 16) & 0xFF)] ^ table[crc >> 24];
        }

        for (; i < data.Length; i++)
        {
            crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[4 * 256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        for (int t = 1; t < 4; t++)
        {
            for (int n = 0; n < 256; n++)
            {
                uint previous = table[((t - 1) * 256) + n];
                table[(t * 256) + n] = table[previous & 0xFF] ^ (previous >> 8);
            }
        }

        return table;
    }
}
