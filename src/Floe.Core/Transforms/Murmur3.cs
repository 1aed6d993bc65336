using System.Buffers.Binary;
using System.Numerics;

namespace Floe.Core.Transforms;

/// <summary>MurmurHash3 x86 32-bit with seed 0, the hash the bucket transform is defined with.</summary>
public static class Murmur3
{
    private const uint C1 = 0xcc9e2d51;
    private const uint C2 = 0x1b873593;

    /// <summary>Hash of the 8-byte little-endian form of <paramref name="value"/> (ints, dates and times hash as longs).</summary>
    public static int HashLong(long value)
    {
        uint h = 0;
        h = MixH(h, MixK((uint)value));
        h = MixH(h, MixK((uint)(value >> 32)));
        return (int)Finish(h, 8);
    }

    /// <summary>Hash of the 4-byte little-endian form of <paramref name="value"/> (what <see cref="HashBytes"/> gives for those 4 bytes).</summary>
    public static int HashInt(int value) => (int)Finish(MixH(0, MixK((uint)value)), 4);

    public static int HashBytes(ReadOnlySpan<byte> data)
    {
        uint h = 0;
        int blocks = data.Length / 4;
        for (int i = 0; i < blocks; i++)
        {
            h = MixH(h, MixK(BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i * 4, 4))));
        }

        var tail = data[(blocks * 4)..];
        uint k = 0;
        switch (tail.Length)
        {
            case 3:
                k ^= (uint)tail[2] << 16;
                goto case 2;
            case 2:
                k ^= (uint)tail[1] << 8;
                goto case 1;
            case 1:
                k ^= tail[0];
                h ^= MixK(k);
                break;
        }

        return (int)Finish(h, data.Length);
    }

    private static uint MixK(uint k)
    {
        k *= C1;
        k = BitOperations.RotateLeft(k, 15);
        return k * C2;
    }

    private static uint MixH(uint h, uint k)
    {
        h ^= k;
        h = BitOperations.RotateLeft(h, 13);
        return (h * 5) + 0xe6546b64;
    }

    private static uint Finish(uint h, int length)
    {
        h ^= (uint)length;
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return h;
    }
}
