using Floe.Common.Errors;

namespace Floe.Mixed.Reading;

/// <summary>
/// For every key of a bucket node, the newest change seen: (transaction id, offset, rank), where at equal
/// transaction and offset an update-after (rank 1) beats its update-before (rank 0). Keys are encoded byte strings
/// kept in one arena with open addressing, so the map costs no object per key.
/// </summary>
internal sealed class KeyVersionMap
{
    private const int MaxArenaBytes = int.MaxValue - 64;

    private byte[] _arena = new byte[4096];
    private int _arenaLength;
    private int[] _starts = new int[257];
    private int[] _hashes = new int[256];
    private long[] _transactions = new long[256];
    private long[] _offsets = new long[256];
    private byte[] _ranks = new byte[256];
    private int[] _buckets = CreateBuckets(512);

    public int Count { get; private set; }

    /// <summary>Records a change of <paramref name="key"/>, keeping it if it is newer than the one held.</summary>
    public void Put(ReadOnlySpan<byte> key, long transactionId, long offset, byte rank)
    {
        int hash = Hash(key);
        int slot = FindSlot(key, hash);
        int index = _buckets[slot];
        if (index >= 0)
        {
            if (IsNewer(transactionId, offset, rank, _transactions[index], _offsets[index], _ranks[index]))
            {
                _transactions[index] = transactionId;
                _offsets[index] = offset;
                _ranks[index] = rank;
            }

            return;
        }

        if (_arenaLength + (long)key.Length > MaxArenaBytes)
        {
            throw new FloeException(FloeErrorKind.Unsupported, "The keys of one bucket node exceed 2 GiB; use more buckets.");
        }

        Grow(key.Length);
        key.CopyTo(_arena.AsSpan(_arenaLength));
        _arenaLength += key.Length;
        _hashes[Count] = hash;
        _starts[Count + 1] = _arenaLength;
        _transactions[Count] = transactionId;
        _offsets[Count] = offset;
        _ranks[Count] = rank;
        _buckets[slot] = Count;
        Count++;
        if (Count * 2 > _buckets.Length)
        {
            Rehash(_buckets.Length * 2);
        }
    }

    /// <summary>The newest change of <paramref name="key"/>, if any.</summary>
    public bool TryGet(ReadOnlySpan<byte> key, out long transactionId, out long offset, out byte rank)
    {
        int index = Count == 0 ? -1 : _buckets[FindSlot(key, Hash(key))];
        if (index < 0)
        {
            transactionId = offset = rank = 0;
            return false;
        }

        transactionId = _transactions[index];
        offset = _offsets[index];
        rank = _ranks[index];
        return true;
    }

    public bool Contains(ReadOnlySpan<byte> key) => Count > 0 && _buckets[FindSlot(key, Hash(key))] >= 0;

    private static bool IsNewer(long transactionId, long offset, byte rank, long heldTransaction, long heldOffset, byte heldRank) =>
        transactionId != heldTransaction ? transactionId > heldTransaction
        : offset != heldOffset ? offset > heldOffset
        : rank > heldRank;

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
            int size = _hashes.Length * 2;
            Array.Resize(ref _hashes, size);
            Array.Resize(ref _starts, size + 1);
            Array.Resize(ref _transactions, size);
            Array.Resize(ref _offsets, size);
            Array.Resize(ref _ranks, size);
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
