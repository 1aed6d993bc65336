using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using Floe.Common.Errors;

namespace Floe.Compression;

/// <summary>
/// Encoder of the raw Snappy block format. Input is cut into 64 KiB fragments; each is scanned with a hash table of
/// 4-byte sequences (positions as 16-bit values), skipping ahead faster the longer no match is found, and matches are
/// extended eight bytes at a time.
/// </summary>
public static unsafe class SnappyBlockEncoder
{
    private const int FragmentSize = 1 << 16;
    private const int MaxTableBits = 14;
    private const int InputMargin = 15;

    [ThreadStatic]
    private static ushort[]? s_table;

    /// <summary>The largest possible compressed size of <paramref name="length"/> bytes.</summary>
    public static long MaxCompressedLength(int length) => 32 + (long)length + length / 6;

    /// <summary>Appends the Snappy block of <paramref name="source"/> to <paramref name="output"/>; returns the bytes written.</summary>
    public static int Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> output)
    {
        long bound = MaxCompressedLength(source.Length);
        if (bound > Array.MaxLength)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"SNAPPY cannot compress {source.Length} bytes in one block.");
        }

        int written = Compress(source, output.GetSpan((int)bound));
        output.Advance(written);
        return written;
    }

    /// <summary>
    /// Writes the Snappy block of <paramref name="source"/> to <paramref name="destination"/>, which must hold
    /// <see cref="MaxCompressedLength"/> bytes; returns the bytes written.
    /// </summary>
    public static int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, MaxCompressedLength(source.Length), nameof(destination));
        ushort[] table = s_table ??= new ushort[1 << MaxTableBits];
        int written = WriteVarint(destination, (uint)source.Length);
        fixed (byte* srcBase = source)
        fixed (byte* dstBase = destination)
        fixed (ushort* tableBase = table)
        {
            byte* op = dstBase + written;
            for (int at = 0; at < source.Length; at += FragmentSize)
            {
                int length = Math.Min(FragmentSize, source.Length - at);
                op = CompressFragment(srcBase + at, length, op, tableBase);
            }

            return (int)(op - dstBase);
        }
    }

    private static int WriteVarint(Span<byte> output, uint value)
    {
        int i = 0;
        while (value >= 0x80)
        {
            output[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        output[i++] = (byte)value;
        return i;
    }

    private static byte* CompressFragment(byte* input, int length, byte* op, ushort* table)
    {
        int tableBits = Math.Clamp(BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)Math.Max(length, 256))), 8, MaxTableBits);
        int shift = 32 - tableBits;
        new Span<ushort>(table, 1 << tableBits).Clear();

        byte* nextEmit = input;
        if (length < InputMargin)
        {
            return EmitLiteral(op, nextEmit, length);
        }

        byte* ipLimit = input + length - InputMargin;
        byte* inputEnd = input + length;
        byte* ip = input + 1;
        uint nextHash = Hash(ip, shift);
        while (true)
        {
            // Find a 4-byte match, probing further apart after each miss (after 32 misses, every second byte, ...).
            uint skip = 32;
            byte* nextIp = ip;
            byte* candidate;
            do
            {
                ip = nextIp;
                uint hash = nextHash;
                nextIp = ip + (skip++ >> 5);
                if (nextIp > ipLimit)
                {
                    goto EmitRemainder;
                }

                nextHash = Hash(nextIp, shift);
                candidate = input + table[hash];
                table[hash] = (ushort)(ip - input);
            }
            while (Unsafe.ReadUnaligned<uint>(ip) != Unsafe.ReadUnaligned<uint>(candidate));

            op = EmitLiteral(op, nextEmit, (int)(ip - nextEmit));

            // Emit copies for as long as the next position also matches.
            do
            {
                byte* matchStart = ip;
                int matched = 4 + MatchLength(candidate + 4, ip + 4, inputEnd);
                ip += matched;
                op = EmitCopy(op, (int)(matchStart - candidate), matched);
                nextEmit = ip;
                if (ip >= ipLimit)
                {
                    goto EmitRemainder;
                }

                table[Hash(ip - 1, shift)] = (ushort)(ip - 1 - input);
                uint hash = Hash(ip, shift);
                candidate = input + table[hash];
                table[hash] = (ushort)(ip - input);
            }
            while (Unsafe.ReadUnaligned<uint>(ip) == Unsafe.ReadUnaligned<uint>(candidate));

            ip++;
            nextHash = Hash(ip, shift);
        }

    EmitRemainder:
        if (nextEmit < inputEnd)
        {
            op = EmitLiteral(op, nextEmit, (int)(inputEnd - nextEmit));
        }

        return op;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(byte* p, int shift) => Unsafe.ReadUnaligned<uint>(p) * 0x1E35A7BDu >> shift;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MatchLength(byte* s1, byte* s2, byte* s2Limit)
    {
        int matched = 0;
        while (s2 + 8 <= s2Limit)
        {
            ulong x = Unsafe.ReadUnaligned<ulong>(s2) ^ Unsafe.ReadUnaligned<ulong>(s1 + matched);
            if (x != 0)
            {
                return matched + (BitOperations.TrailingZeroCount(x) >> 3);
            }

            s2 += 8;
            matched += 8;
        }

        while (s2 < s2Limit && *s2 == s1[matched])
        {
            s2++;
            matched++;
        }

        return matched;
    }

    private static byte* EmitLiteral(byte* op, byte* literal, int length)
    {
        if (length == 0)
        {
            return op;
        }

        int n = length - 1;
        if (n < 60)
        {
            *op++ = (byte)(n << 2);
        }
        else if (n < 1 << 8)
        {
            *op++ = 60 << 2;
            *op++ = (byte)n;
        }
        else if (n < 1 << 16)
        {
            *op++ = 61 << 2;
            BinaryPrimitives.WriteUInt16LittleEndian(new Span<byte>(op, 2), (ushort)n);
            op += 2;
        }
        else if (n < 1 << 24)
        {
            *op++ = 62 << 2;
            op[0] = (byte)n;
            op[1] = (byte)(n >> 8);
            op[2] = (byte)(n >> 16);
            op += 3;
        }
        else
        {
            *op++ = 63 << 2;
            BinaryPrimitives.WriteUInt32LittleEndian(new Span<byte>(op, 4), (uint)n);
            op += 4;
        }

        Buffer.MemoryCopy(literal, op, length, length);
        return op + length;
    }

    private static byte* EmitCopy(byte* op, int offset, int length)
    {
        // Copies of up to 64 bytes fit one element; split longer ones so that the last piece is at least 4 bytes.
        while (length >= 68)
        {
            op = EmitCopy2(op, offset, 64);
            length -= 64;
        }

        if (length > 64)
        {
            op = EmitCopy2(op, offset, 60);
            length -= 60;
        }

        if (length < 12 && offset < 2048)
        {
            *op++ = (byte)(1 | ((length - 4) << 2) | ((offset >> 8) << 5));
            *op++ = (byte)offset;
            return op;
        }

        return EmitCopy2(op, offset, length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte* EmitCopy2(byte* op, int offset, int length)
    {
        *op = (byte)(2 | ((length - 1) << 2));
        Unsafe.WriteUnaligned(op + 1, (ushort)offset);
        return op + 3;
    }
}
