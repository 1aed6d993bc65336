using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Floe.Compression;

/// <summary>
/// Decoder of the raw Snappy block format (no framing, no CRC): a varint uncompressed length, then literal and copy
/// elements. Every length and offset is checked against both buffers; malformed data raises
/// <see cref="CorruptDataException"/> and nothing is ever written past the destination.
/// </summary>
public static unsafe class SnappyBlockDecoder
{
    /// <summary>Reads the uncompressed length from the block preamble (at most 5 varint bytes).</summary>
    public static int ReadUncompressedLength(ReadOnlySpan<byte> source, out int headerLength)
    {
        ulong length = 0;
        for (int i = 0; i < 5; i++)
        {
            if (i >= source.Length)
            {
                throw new CorruptDataException($"the uncompressed length is cut off (input byte {i}).");
            }

            byte b = source[i];
            length |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                if (length > int.MaxValue)
                {
                    throw new CorruptDataException($"uncompressed length {length} is too large.");
                }

                headerLength = i + 1;
                return (int)length;
            }
        }

        throw new CorruptDataException("the uncompressed length is longer than 5 bytes.");
    }

    /// <summary>
    /// Decodes the elements of a block, which begin at <paramref name="start"/> (after the length preamble), into
    /// <paramref name="destination"/>; returns the bytes produced, which is less than the destination's length when
    /// the elements end early. Error positions count from the start of the block.
    /// </summary>
    public static int Decompress(ReadOnlySpan<byte> source, int start, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)start, (uint)source.Length, nameof(start));
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

            return (int)(op - dstBase);
        }
    }

    [DoesNotReturn]
    private static void Fail(string detail, long position) =>
        throw new CorruptDataException($"{detail} (input byte {position}).");
}
