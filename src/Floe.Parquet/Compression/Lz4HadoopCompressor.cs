using System.Buffers.Binary;
using Floe.Compression;
using Floe.Parquet.Encodings;

namespace Floe.Parquet.Compression;

/// <summary>
/// The deprecated LZ4 codec as Hadoop writes it: chunks of a big-endian uncompressed length, then one or more
/// big-endian compressed lengths each followed by an LZ4 block. Some writers used plain LZ4 blocks under this codec,
/// so data that does not parse as Hadoop framing is read as one raw block.
/// </summary>
internal sealed class Lz4HadoopCompressor : ICompressor
{
    // Hadoop's decompressor buffers one chunk; 256 KiB is its default buffer size.
    private const int ChunkSize = 256 * 1024;

    public Lz4HadoopCompressor() => NativeCodecLibrary.Require(Lz4Block.Library, Lz4Block.DebianPackage, CompressionErrors.Name(CompressionCodec.Lz4));

    public CompressionCodec Codec => CompressionCodec.Lz4;

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (TryDecompressHadoop(source, destination))
        {
            return;
        }

        int n = Lz4Block.Decompress(source, destination);
        if (n != destination.Length)
        {
            CompressionErrors.Corrupt(Codec, n < 0
                ? "the data is neither Hadoop-framed LZ4 nor a valid raw LZ4 block."
                : $"the data is not Hadoop-framed and, read as a raw LZ4 block, yields {n} bytes instead of {destination.Length}.");
        }
    }

    public int Compress(ReadOnlySpan<byte> source, PooledBuffer destination)
    {
        int start = destination.WrittenCount;
        int at = 0;
        do
        {
            int length = Math.Min(ChunkSize, source.Length - at);
            int headerAt = destination.WrittenCount;
            destination.GetSpan(8);
            destination.Advance(8);
            int compressed = Lz4Block.Compress(source.Slice(at, length), destination);
            Span<byte> header = destination.WrittenSpanMutable.Slice(headerAt, 8);
            BinaryPrimitives.WriteInt32BigEndian(header, length);
            BinaryPrimitives.WriteInt32BigEndian(header.Slice(4), compressed);
            at += length;
        }
        while (at < source.Length);

        return destination.WrittenCount - start;
    }

    private static bool TryDecompressHadoop(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int ip = 0;
        int op = 0;
        while (ip < source.Length)
        {
            if (source.Length - ip < 4)
            {
                return false;
            }

            uint chunkLength = BinaryPrimitives.ReadUInt32BigEndian(source.Slice(ip));
            ip += 4;
            if (chunkLength > (uint)(destination.Length - op))
            {
                return false;
            }

            int chunkEnd = op + (int)chunkLength;
            do
            {
                if (source.Length - ip < 4)
                {
                    return false;
                }

                uint blockLength = BinaryPrimitives.ReadUInt32BigEndian(source.Slice(ip));
                ip += 4;
                if (blockLength > (uint)(source.Length - ip))
                {
                    return false;
                }

                int n = Lz4Block.Decompress(source.Slice(ip, (int)blockLength), destination.Slice(op, chunkEnd - op));
                if (n <= 0 && chunkEnd > op)
                {
                    return false;
                }

                ip += (int)blockLength;
                op += Math.Max(n, 0);
            }
            while (op < chunkEnd);
        }

        return op == destination.Length;
    }
}
