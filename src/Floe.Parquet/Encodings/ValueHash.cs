using System.Numerics;
using System.Runtime.CompilerServices;

namespace Floe.Parquet.Encodings;

/// <summary>Fast non-cryptographic hashes for the dictionary builders' open-addressing tables.</summary>
internal static class ValueHash
{
    private const ulong K0 = 0x9E3779B97F4A7C15UL;
    private const ulong K1 = 0xBF58476D1CE4E5B9UL;
    private const ulong K2 = 0x94D049BB133111EBUL;

    /// <summary>Mixes 64 bits (a splitmix finaliser) so that nearby integers spread over the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Mix(ulong x)
    {
        x ^= x >> 30;
        x *= K1;
        x ^= x >> 27;
        x *= K2;
        x ^= x >> 31;
        return (uint)x;
    }

    /// <summary>Hashes a byte string eight bytes at a time; the tail is read with overlapping loads, not byte by byte.</summary>
    public static uint Bytes(ReadOnlySpan<byte> bytes)
    {
        int length = bytes.Length;
        ulong h = K0 * (ulong)(length + 1);
        ref byte start = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(bytes);
        if (length >= 8)
        {
            int i = 0;
            for (; i + 8 <= length; i += 8)
            {
                h = BitOperations.RotateLeft((h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i))) * K1, 31);
            }

            if (i < length)
            {
                h = BitOperations.RotateLeft((h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, length - 8))) * K1, 31);
            }

            return Mix(h);
        }

        ulong tail;
        if (length >= 4)
        {
            tail = Unsafe.ReadUnaligned<uint>(ref start) | (ulong)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, length - 4)) << 32;
        }
        else
        {
            tail = 0;
            for (int i = 0; i < length; i++)
            {
                tail |= (ulong)Unsafe.Add(ref start, i) << (8 * i);
            }
        }

        return Mix(h ^ tail * K0);
    }
}
