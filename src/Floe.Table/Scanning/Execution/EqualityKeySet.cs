using Floe.Common.Errors;

namespace Floe.Table.Scanning.Execution;

/// <summary>
/// A set of byte-string keys kept in one arena with open addressing, so holding the deleted keys of an equality
/// delete file costs no object per key.
/// </summary>
internal sealed class EqualityKeySet
{
    /// <summary>Guards against delete files whose keys would not fit one arena.</summary>
    private const int MaxArenaBytes = int.MaxValue - 64;

    private byte[] _arena = new byte[1024];
    private int _arenaLength;
    private int[] _starts = new int[65];
    private int[] _hashes = new int[64];
    private int[] _buckets = CreateBuckets(128);

    /// <summary>Distinct keys held.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a key; returns false when it was already present.</summary>
    public bool Add(ReadOnlySpan<byte> key)
    {
        int hash = Hash(key);
        int slot = FindSlot(key, hash);
        if (_buckets[slot] >= 0)
        {
            return false;
        }

        if (_arenaLength + (long)key.Length > MaxArenaBytes)
        {
            throw new FloeException(FloeErrorKind.Unsupported, "Equality delete keys exceed 2 GiB in one scan task.");
        }

        EnsureCapacity(key.Length);
        key.CopyTo(_arena.AsSpan(_arenaLength));
        _arenaLength += key.Length;
        _hashes[Count] = hash;
        _starts[Count + 1] = _arenaLength;
        _buckets[slot] = Count;
        Count++;
        if (Count * 2 > _buckets.Length)
        {
            Rehash(_buckets.Length * 2);
        }

        return true;
    }

    public bool Contains(ReadOnlySpan<byte> key) => Count > 0 && _buckets[FindSlot(key, Hash(key))] >= 0;

    private static int Hash(ReadOnlySpan<byte> key)
    {
        var hash = default(HashCode);
        hash.AddBytes(key);
        return hash.ToHashCode();
    }

    private static int[] CreateBuckets(int size)
    {
        var buckets = new int[size];
        Array.Fill(buckets, -1);
        return buckets;
    }

    private int FindSlot(ReadOnlySpan<byte> key, int hash)
    {
        int mask = _buckets.Length - 1;
        int slot = hash & mask;
        while (true)
        {
            int index = _buckets[slot];
            if (index < 0 || (_hashes[index] == hash && _arena.AsSpan(_starts[index], _starts[index + 1] - _starts[index]).SequenceEqual(key)))
            {
                return slot;
            }

            slot = (slot + 1) & mask;
        }
    }

    private void EnsureCapacity(int keyLength)
    {
        if (_arenaLength + keyLength > _arena.Length)
        {
            Array.Resize(ref _arena, (int)Math.Min(MaxArenaBytes, Math.Max(_arena.Length * 2L, _arenaLength + (long)keyLength)));
        }

        if (Count + 1 >= _hashes.Length)
        {
            Array.Resize(ref _hashes, _hashes.Length * 2);
            Array.Resize(ref _starts, (_hashes.Length) + 1);
        }
    }

    private void Rehash(int size)
    {
        _buckets = CreateBuckets(size);
        int mask = size - 1;
        for (int i = 0; i < Count; i++)
        {
            int slot = _hashes[i] & mask;
            while (_buckets[slot] >= 0)
            {
                slot = (slot + 1) & mask;
            }

            _buckets[slot] = i;
        }
    }
}
