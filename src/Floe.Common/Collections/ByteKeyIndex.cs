using System.Numerics;
using Floe.Common.Errors;

namespace Floe.Common.Collections;

/// <summary>
/// Byte-string keys numbered densely in insertion order (0, 1, 2, ...), kept in one arena with open addressing, so
/// a set or map of encoded keys (equality delete keys, primary keys) costs no object per key. Callers keep values
/// in their own arrays indexed by the key's number.
/// </summary>
public sealed class ByteKeyIndex
{
    /// <summary>Guards against key sets that would not fit one arena.</summary>
    private const int MaxArenaBytes = int.MaxValue - 64;

    private readonly string _overflowMessage;
    private byte[] _arena;
    private int _arenaLength;
    private int[] _starts;
    private int[] _hashes;
    private int[] _buckets;

    /// <param name="overflowMessage">The error raised when the keys exceed 2 GiB, saying what to do about it.</param>
    /// <param name="initialCapacity">Keys to make room for up front.</param>
    public ByteKeyIndex(string overflowMessage, int initialCapacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        _overflowMessage = overflowMessage;
        _arena = new byte[initialCapacity * 16];
        _starts = new int[initialCapacity + 1];
        _hashes = new int[initialCapacity];
        _buckets = CreateBuckets((int)BitOperations.RoundUpToPowerOf2((uint)initialCapacity * 2));
    }

    private ByteKeyIndex(ByteKeyIndex source)
    {
        _overflowMessage = source._overflowMessage;
        _arena = (byte[])source._arena.Clone();
        _arenaLength = source._arenaLength;
        _starts = (int[])source._starts.Clone();
        _hashes = (int[])source._hashes.Clone();
        _buckets = (int[])source._buckets.Clone();
        Count = source.Count;
    }

    /// <summary>Distinct keys held; their numbers are 0 to Count - 1.</summary>
    public int Count { get; private set; }

    /// <summary>The number of <paramref name="key"/>, adding it when absent (<paramref name="added"/> says which).</summary>
    public int GetOrAdd(ReadOnlySpan<byte> key, out bool added)
    {
        int hash = Hash(key);
        int slot = FindSlot(key, hash);
        if (_buckets[slot] >= 0)
        {
            added = false;
            return _buckets[slot];
        }

        if (_arenaLength + (long)key.Length > MaxArenaBytes)
        {
            throw new FloeException(FloeErrorKind.Unsupported, _overflowMessage);
        }

        Grow(key.Length);
        key.CopyTo(_arena.AsSpan(_arenaLength));
        _arenaLength += key.Length;
        int number = Count;
        _hashes[number] = hash;
        _starts[number + 1] = _arenaLength;
        _buckets[slot] = number;
        Count++;
        if (Count * 2 > _buckets.Length)
        {
            Rehash(_buckets.Length * 2);
        }

        added = true;
        return number;
    }

    /// <summary>What the index holds in memory, in bytes.</summary>
    public long AllocatedBytes => 64 + _arena.Length + (4L * (_starts.Length + _hashes.Length + _buckets.Length));

    /// <summary>The key numbered <paramref name="index"/> (0 to Count - 1).</summary>
    public ReadOnlySpan<byte> KeyAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return _arena.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);
    }

    /// <summary>An independent copy with the same keys and numbers, which the copy and this index may each extend.</summary>
    public ByteKeyIndex Clone() => new(this);

    /// <summary>The number of <paramref name="key"/>, or -1 when it is absent.</summary>
    public int IndexOf(ReadOnlySpan<byte> key) => Count == 0 ? -1 : _buckets[FindSlot(key, Hash(key))];

    public bool Contains(ReadOnlySpan<byte> key) => IndexOf(key) >= 0;

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

    private void Grow(int keyLength)
    {
        if (_arenaLength + keyLength > _arena.Length)
        {
            Array.Resize(ref _arena, (int)Math.Min(MaxArenaBytes, Math.Max(_arena.Length * 2L, _arenaLength + (long)keyLength)));
        }

        if (Count + 1 >= _hashes.Length)
        {
            Array.Resize(ref _hashes, _hashes.Length * 2);
            Array.Resize(ref _starts, _hashes.Length + 1);
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
