using System.Buffers.Binary;
using System.Numerics;

namespace Floe.PrimaryKeys.Reading;

/// <summary>
/// The keys of a <see cref="KeyVersionMap"/> whose key is one integer column, as numbers: a base row's key is then
/// looked up straight from its decoded column value, with no encoding or byte hashing per row. Open addressing over
/// a power-of-two table at most half full; read-only once built, so queries share it.
/// </summary>
internal sealed class IntegerKeySet
{
    private readonly long[] _slots;
    private readonly bool[] _used;
    private readonly int _shift;

    private IntegerKeySet(int count)
    {
        int capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, count * 2));
        _slots = new long[capacity];
        _used = new bool[capacity];
        _shift = 64 - BitOperations.Log2((uint)capacity);
    }

    /// <summary>What the set holds in memory, in bytes.</summary>
    public long Bytes => 64 + (9L * _slots.Length);

    /// <summary>
    /// The keys of <paramref name="map"/> read as little-endian integers of <paramref name="width"/> bytes (4 or 8, the
    /// single-value form of an int or long key); null when a key has another length.
    /// </summary>
    public static IntegerKeySet? Of(KeyVersionMap map, int width)
    {
        var set = new IntegerKeySet(map.Count);
        for (int i = 0; i < map.Count; i++)
        {
            ReadOnlySpan<byte> key = map.KeyAt(i);
            if (key.Length != width)
            {
                return null;
            }

            set.Add(width == 8 ? BinaryPrimitives.ReadInt64LittleEndian(key) : BinaryPrimitives.ReadInt32LittleEndian(key));
        }

        return set;
    }

    public bool Contains(long key)
    {
        for (int slot = Slot(key); _used[slot]; slot = (slot + 1) & (_slots.Length - 1))
        {
            if (_slots[slot] == key)
            {
                return true;
            }
        }

        return false;
    }

    private void Add(long key)
    {
        int slot = Slot(key);
        while (_used[slot])
        {
            if (_slots[slot] == key)
            {
                return;
            }

            slot = (slot + 1) & (_slots.Length - 1);
        }

        _slots[slot] = key;
        _used[slot] = true;
    }

    private int Slot(long key) => (int)(unchecked((ulong)key * 0x9E3779B97F4A7C15UL) >> _shift);
}
