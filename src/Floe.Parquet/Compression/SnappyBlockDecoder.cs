using System.Runtime.CompilerServices;
using Floe.Parquet.Encodings;

namespace Floe.Parquet.Compression;

/// <summary>
/// Decoder of the raw Snappy block format (no framing, no CRC, as Parquet stores it): a varint uncompressed length,
/// then literal and copy elements. Every length and offset is checked against both buffers.
/// </summary>
internal static unsafe class SnappyBlockDecoder
{
    /// <summary>Reads the uncompressed length from the block preamble.</summary>
    public static int ReadUncompressedLength(ReadOnlySpan<byte> source, out int headerLength)
    {
        int pos = 0;
        uint length;
        try
        {
            length = Varint.ReadUInt32(source, ref pos, "SNAPPY uncompressed length");
        }
        catch (ParquetException ex)
        {
            CompressionErrors.Corrupt(CompressionCodec.Snappy, ex.Message, ex);
            throw;
        }

        if (length > int.MaxValue)
        {
            CompressionErrors.Corrupt(CompressionCodec.Snappy, $"uncompressed length {length} is too large.");
        }

        headerLength = pos;
        return (int)length;
    }

    public static void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int declared = ReadUncompressedLength(source, out int start);
        if (declared != destination.Length)
        {
            CompressionErrors.SizeMismatch(CompressionCodec.Snappy, declared, destination.Length);
        }

        fixed (byte* srcBase = source)
        fixed (byte* dstBase = destination)
        {
            byte* ip = srcBase + start;
            byte* ipEnd = srcBase + source.Length;
            byte* op = dstBase;
            byte* opEnd = dstBase + destination.Length;
            while (ip < ipEnd)
            {
                uint tag = *ip++;
                if ((tag & 3) == 0)
                {
                    nuint length = (tag >> 2) + 1;
                    if (length > 60)
                    {
                        int extra = (int)length - 60;
                        if (ipEnd - ip < extra)
                        {
                            Fail("a literal length is cut off", ip - srcBase);
                        }

                        length = 0;
                        for (int k = 0; k < extra; k++)
                        {
                            length |= (nuint)ip[k] << (8 * k);
                        }

                        length += 1;
                        ip += extra;
                    }

                    if ((nuint)(ipEnd - ip) < length || (nuint)(opEnd - op) < length)
                    {
                        Fail($"a literal of {length} bytes runs past the end of the {((nuint)(ipEnd - ip) < length ? "input" : "output")}", ip - srcBase);
                    }

                    if (length <= 16 && ipEnd - ip >= 16 && opEnd - op >= 16)
                    {
                        Unsafe.CopyBlockUnaligned(op, ip, 16);
                    }
                    else
                    {
                        Buffer.MemoryCopy(ip, op, opEnd - op, (long)length);
                    }

                    ip += length;
                    op += length;
                    continue;
                }

                nuint copyLength;
                nuint offset;
                switch (tag & 3)
                {
                    case 1:
                        if (ip >= ipEnd)
                        {
                            Fail("a copy offset is cut off", ip - srcBase);
                        }

                        copyLength = ((tag >> 2) & 7) + 4;
                        offset = ((tag >> 5) << 8) | *ip++;
                        break;
                    case 2:
                        if (ipEnd - ip < 2)
                        {
                            Fail("a copy offset is cut off", ip - srcBase);
                        }

                        copyLength = (tag >> 2) + 1;
                        offset = Unsafe.ReadUnaligned<ushort>(ip);
                        ip += 2;
                        break;
                    default:
                        if (ipEnd - ip < 4)
                        {
                            Fail("a copy offset is cut off", ip - srcBase);
                        }

                        copyLength = (tag >> 2) + 1;
                        offset = Unsafe.ReadUnaligned<uint>(ip);
                        ip += 4;
                        break;
                }

                if (offset == 0 || offset > (nuint)(op - dstBase))
                {
                    Fail($"copy offset {offset} points before the start of the output", ip - srcBase);
                }

                if ((nuint)(opEnd - op) < copyLength)
                {
                    Fail($"a copy of {copyLength} bytes runs past the end of the output", ip - srcBase);
                }

                byte* from = op - offset;
                byte* end = op + copyLength;
                if (opEnd - end >= 16)
                {
                    // Room to overrun by up to 15 bytes: copy in 8-byte steps. A short offset first replicates its
                    // pattern until the distance is at least 8, after which every step reads bytes already written.
                    if (offset < 8)
                    {
                        while (op - from < 8)
                        {
                            Unsafe.WriteUnaligned(op, Unsafe.ReadUnaligned<ulong>(from));
                            op += op - from;
                        }
                    }
                    else
                    {
                        // Most copies are at most 16 bytes: two moves, no loop.
                        Unsafe.WriteUnaligned(op, Unsafe.ReadUnaligned<ulong>(from));
                        Unsafe.WriteUnaligned(op + 8, Unsafe.ReadUnaligned<ulong>(from + 8));
                        op += 16;
                        from += 16;
                    }

                    while (op < end)
                    {
                        Unsafe.WriteUnaligned(op, Unsafe.ReadUnaligned<ulong>(from));
                        op += 8;
                        from += 8;
                    }
                }
                else
                {
                    for (; op < end; op++, from++)
                    {
                        *op = *from;
                    }
                }

                op = end;
            }

            if (op != opEnd)
            {
                CompressionErrors.SizeMismatch(CompressionCodec.Snappy, op - dstBase, destination.Length);
            }
        }
    }

    private static void Fail(string detail, long position) =>
        CompressionErrors.Corrupt(CompressionCodec.Snappy, $"{detail} (input byte {position}).");
}
