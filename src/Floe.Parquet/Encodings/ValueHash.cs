using System.Buffers.Binary;
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

    /// <summary>Hashes a byte string eight bytes at a time.</summary>
    public static uint Bytes(ReadOnlySpan<byte> bytes)
    {
        ulong h = K0 * (ulong)(bytes.Length + 1);
        while (bytes.Length >= 8)
        {
            h = BitOperations.RotateLeft((h ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes)) * K1, 31);
            bytes = bytes.Slice(8);
        }

        ulong tail = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            tail |= (ulong)bytes[i] << (8 * i);
        }

        return Mix(h ^ tail * K0);
    }
}
