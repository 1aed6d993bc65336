using System.IO.Compression;
using Floe.Compression;
using Floe.Parquet.Encodings;

namespace Floe.Parquet.Compression;

/// <summary>
/// The GZIP codec (RFC 1952) through System.IO.Compression. Decompression reads concatenated gzip members and,
/// like other Parquet readers, also accepts a zlib (RFC 1950) stream.
/// </summary>
internal sealed unsafe class GzipCompressor(int level) : ICompressor
{
    /// <summary>The zlib level used when none is given.</summary>
    public const int DefaultLevel = 6;

    // A complete gzip member holding no data: header (no name, OS unknown), an empty final block, CRC 0, size 0.
    private static ReadOnlySpan<byte> EmptyMember => [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0xFF, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];

    public CompressionCodec Codec => CompressionCodec.Gzip;

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.IsEmpty)
        {
            if (destination.IsEmpty)
            {
                return;
            }

            CompressionErrors.Corrupt(Codec, $"the page is empty but should hold {destination.Length} bytes.");
        }

        bool gzip = source.Length >= 2 && source[0] == 0x1F && source[1] == 0x8B;
        fixed (byte* p = source)
        {
            using var input = new UnmanagedMemoryStream(p, source.Length);
            try
            {
                using Stream inflater = gzip
                    ? new GZipStream(input, CompressionMode.Decompress)
                    : new ZLibStream(input, CompressionMode.Decompress);
                int total = 0;
                while (total < destination.Length)
                {
                    int n = inflater.Read(destination.Slice(total));
                    if (n == 0)
                    {
                        break;
                    }

                    total += n;
                }

                if (total != destination.Length)
                {
                    CompressionErrors.SizeMismatch(Codec, total, destination.Length);
                }

                Span<byte> probe = stackalloc byte[1];
                if (inflater.Read(probe) != 0)
                {
                    CompressionErrors.SizeMismatch(Codec, -1, destination.Length);
                }
            }
            catch (InvalidDataException ex)
            {
                CompressionErrors.Corrupt(Codec, ex.Message, ex);
            }
        }
    }

    public int Compress(ReadOnlySpan<byte> source, PooledBuffer destination)
    {
        int start = destination.WrittenCount;
        if (source.IsEmpty)
        {
            // GZipStream writes nothing at all for empty input; other readers expect a member.
            destination.Write(EmptyMember);
            return EmptyMember.Length;
        }

        using (var gzip = new GZipStream(new BufferWriterStream(destination), new ZLibCompressionOptions { CompressionLevel = level }))
        {
            gzip.Write(source);
        }

        return destination.WrittenCount - start;
    }
}
