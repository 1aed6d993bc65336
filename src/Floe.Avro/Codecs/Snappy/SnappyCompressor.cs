using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Floe.Avro.Codecs.Snappy;

/// <summary>
/// Encodes Snappy's raw block format: greedy matching of 4-byte sequences through a hash table, fragment by fragment
/// of 64 KiB so that every back-reference fits a 2-byte offset.
/// </summary>
public static class SnappyCompressor
{
    private const int FragmentSize = 1 << 16;
    private const int HashBits = 14;
    private const int InputMargin = 15;

    /// <summary>The largest output <see cref="Compress"/> can produce for <paramref name="length"/> input bytes.</summary>
    public static int MaxCompressedLength(int length) => 32 + length + (length / 6);

    /// <summary>Compresses <paramref name="input"/> into <paramref name="output"/>; returns the bytes written.</summary>
    public static int Compress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int op = WriteVarint(output, (uint)input.Length);
        Span<ushort> table = stackalloc ushort[1 << HashBits];
        for (int start = 0; start < input.Length; start += FragmentSize)
        {
            ReadOnlySpan<byte> fragment = input.Slice(start, Math.Min(FragmentSize, input.Length - start));
            table.Clear();
            op += CompressFragment(fragment, output[op..], table);
        }

        return op;
    }

    private static int CompressFragment(ReadOnlySpan<byte> input, Span<byte> output, Span<ushort> table)
    {
        int op = 0;
        int literalStart = 0;
        if (input.Length >= InputMargin)
        {
            int limit = input.Length - InputMargin;
            int ip = 1;
            while (ip <= limit)
            {
                // Skip ahead faster the longer no match is found (incompressible data costs little).
                int skip = 32;
                int candidate;
                while (true)
                {
                    uint current = Load32(input, ip);
                    int hash = Hash(current);
                    candidate = table[hash];
                    table[hash] = (ushort)ip;
                    if (candidate < ip && Load32(input, candidate) == current)
                    {
                        break;
                    }

                    ip += skip++ >> 5;
                    if (ip > limit)
                    {
                        goto Done;
                    }
                }

                op += EmitLiteral(input[literalStart..ip], output[op..]);
                do
                {
                    int matched = 4 + MatchLength(input, candidate + 4, ip + 4);
                    int offset = ip - candidate;
                    op += EmitCopy(output[op..], offset, matched);
                    ip += matched;
                    literalStart = ip;
                    if (ip > limit)
                    {
                        goto Done;
                    }

                    table[Hash(Load32(input, ip - 1))] = (ushort)(ip - 1);
                    uint current = Load32(input, ip);
                    int hash = Hash(current);
                    candidate = table[hash];
                    table[hash] = (ushort)ip;
                    if (candidate >= ip || Load32(input, candidate) != current)
                    {
                        break;
                    }
                }
                while (true);

                ip++;
            }
        }

    Done:
        if (literalStart < input.Length)
        {
            op += EmitLiteral(input[literalStart..], output[op..]);
        }

        return op;
    }

    private static int MatchLength(ReadOnlySpan<byte> input, int a, int b)
    {
        int matched = 0;
        while (b + 8 <= input.Length)
        {
            ulong x = BinaryPrimitives.ReadUInt64LittleEndian(input[(a + matched)..]) ^ BinaryPrimitives.ReadUInt64LittleEndian(input[b..]);
            if (x != 0)
            {
                return matched + (BitOperations.TrailingZeroCount(x) >> 3);
            }

            matched += 8;
            b += 8;
        }

        while (b < input.Length && input[a + matched] == input[b])
        {
            matched++;
            b++;
        }

        return matched;
    }

    private static int EmitLiteral(ReadOnlySpan<byte> literal, Span<byte> output)
    {
        if (literal.IsEmpty)
        {
            return 0;
        }

        int n = literal.Length - 1;
        int op;
        if (n < 60)
        {
            output[0] = (byte)(n << 2);
            op = 1;
        }
        else
        {
            int bytes = n < (1 << 8) ? 1 : n < (1 << 16) ? 2 : n < (1 << 24) ? 3 : 4;
            output[0] = (byte)((59 + bytes) << 2);
            for (int i = 0; i < bytes; i++)
            {
                output[1 + i] = (byte)(n >> (8 * i));
            }

            op = 1 + bytes;
        }

        literal.CopyTo(output[op..]);
        return op + literal.Length;
    }

    private static int EmitCopy(Span<byte> output, int offset, int length)
    {
        int op = 0;
        while (length >= 68)
        {
            op += EmitCopyAtMost64(output[op..], offset, 64);
            length -= 64;
        }

        if (length > 64)
        {
            op += EmitCopyAtMost64(output[op..], offset, 60);
            length -= 60;
        }

        return op + EmitCopyAtMost64(output[op..], offset, length);
    }

    private static int EmitCopyAtMost64(Span<byte> output, int offset, int length)
    {
        if (length < 12 && offset < 2048)
        {
            output[0] = (byte)(1 | ((length - 4) << 2) | ((offset >> 8) << 5));
            output[1] = (byte)offset;
            return 2;
        }

        output[0] = (byte)(2 | ((length - 1) << 2));
        BinaryPrimitives.WriteUInt16LittleEndian(output[1..], (ushort)offset);
        return 3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load32(ReadOnlySpan<byte> input, int position) => BinaryPrimitives.ReadUInt32LittleEndian(input[position..]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(uint value) => (int)((value * 0x1E35A7BDu) >> (32 - HashBits));

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
}
