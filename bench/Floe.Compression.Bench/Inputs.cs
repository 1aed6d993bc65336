using System.Buffers.Binary;
using System.Text;

namespace Floe.Compression.Bench;

/// <summary>Deterministic inputs shaped like what Floe compresses: Parquet data pages and Avro manifest blocks.</summary>
internal static class Inputs
{
    public static IReadOnlyList<(string Name, byte[] Data)> All() =>
    [
        ("parquet-page-int64", Int64Page(128 * 1024)),
        ("parquet-page-strings", StringPage(1024 * 1024)),
        ("avro-block-manifest", ManifestBlock(64 * 1024)),
        ("random", RandomBytes(256 * 1024)),
    ];

    // PLAIN INT64 page: ascending ids with small gaps next to a low-cardinality measure, 8 bytes each.
    private static byte[] Int64Page(int values)
    {
        var random = new Random(1);
        byte[] page = new byte[values * 8];
        long id = 1_000_000;
        for (int i = 0; i < values; i++)
        {
            id += random.Next(1, 4);
            long value = i % 2 == 0 ? id : random.Next(0, 1000);
            BinaryPrimitives.WriteInt64LittleEndian(page.AsSpan(i * 8), value);
        }

        return page;
    }

    // PLAIN BYTE_ARRAY page: 4-byte lengths, then names, cities and e-mail-like strings with numbers.
    private static byte[] StringPage(int size)
    {
        string[] words = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "berlin", "oslo", "lima", "porto"];
        var random = new Random(2);
        using var stream = new MemoryStream(size + 256);
        Span<byte> length = stackalloc byte[4];
        while (stream.Length < size)
        {
            string value = $"{words[random.Next(words.Length)]}.{words[random.Next(words.Length)]}{random.Next(10_000)}@example.com";
            byte[] bytes = Encoding.ASCII.GetBytes(value);
            BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
            stream.Write(length);
            stream.Write(bytes);
        }

        return stream.ToArray();
    }

    // Avro block of manifest entries: zig-zag varints, data file paths, partition values and column statistics.
    private static byte[] ManifestBlock(int size)
    {
        var random = new Random(3);
        using var stream = new MemoryStream(size + 512);
        long snapshot = 5_871_234_567_890_123L;
        int file = 0;
        while (stream.Length < size)
        {
            WriteLong(stream, 1);
            WriteLong(stream, snapshot);
            WriteString(stream, $"s3://warehouse/db/events/data/event_date=2024-03-{1 + (file % 28):00}/00{file % 16:000}-{file}-7f3c2a9e-41d2-4b7e-9c1a-{file:x12}-00001.parquet");
            WriteString(stream, "PARQUET");
            WriteLong(stream, 19_000 + (file % 28));
            WriteLong(stream, random.Next(1000, 2_000_000));
            WriteLong(stream, random.Next(100_000, 128_000_000));
            for (int column = 1; column <= 8; column++)
            {
                WriteLong(stream, column);
                WriteLong(stream, random.Next(1000, 500_000));
            }

            file++;
        }

        return stream.ToArray();
    }

    private static byte[] RandomBytes(int size)
    {
        byte[] data = new byte[size];
        new Random(4).NextBytes(data);
        return data;
    }

    private static void WriteLong(Stream stream, long value)
    {
        ulong n = (ulong)((value << 1) ^ (value >> 63));
        while (n >= 0x80)
        {
            stream.WriteByte((byte)(n | 0x80));
            n >>= 7;
        }

        stream.WriteByte((byte)n);
    }

    private static void WriteString(Stream stream, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        WriteLong(stream, bytes.Length);
        stream.Write(bytes);
    }
}
