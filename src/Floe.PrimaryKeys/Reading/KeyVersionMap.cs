using Floe.Common.Collections;

namespace Floe.PrimaryKeys.Reading;

/// <summary>
/// For every key of a bucket node, the newest change seen: (transaction id, offset, rank), where at equal
/// transaction and offset an update-after (rank 1) beats its update-before (rank 0). Keys are numbered by a
/// <see cref="ByteKeyIndex"/> and the versions sit in arrays by that number, so the map costs no object per key.
/// </summary>
internal sealed class KeyVersionMap
{
    private readonly ByteKeyIndex _keys;
    private long[] _transactions;
    private long[] _offsets;
    private byte[] _ranks;
    private IntegerKeysOfWidth? _integerKeys;

    public KeyVersionMap()
    {
        _keys = new("The keys of one bucket node exceed 2 GiB; use more buckets.", initialCapacity: 256);
        _transactions = new long[256];
        _offsets = new long[256];
        _ranks = new byte[256];
    }

    private KeyVersionMap(KeyVersionMap source)
    {
        _keys = source._keys.Clone();
        _transactions = (long[])source._transactions.Clone();
        _offsets = (long[])source._offsets.Clone();
        _ranks = (byte[])source._ranks.Clone();
    }

    /// <summary>Distinct keys held; they are numbered 0 to Count - 1 in the order first put, and a clone keeps the numbers.</summary>
    public int Count => _keys.Count;

    /// <summary>What the map holds in memory, in bytes.</summary>
    public long AllocatedBytes => 64 + _keys.AllocatedBytes + (17L * _transactions.Length);

    /// <summary>An independent copy to extend, leaving this map as it is (maps shared between queries are never changed).</summary>
    public KeyVersionMap Clone() => new(this);

    /// <summary>The key numbered <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> KeyAt(int index) => _keys.KeyAt(index);

    /// <summary>
    /// The keys as numbers when every key is a little-endian integer of <paramref name="width"/> bytes (a one-column
    /// int or long key), else null; built on first use and kept until a key is added (keys are never removed, so the
    /// count tells). Not built for fewer than a quarter as many <paramref name="lookups"/> as keys (null then), where
    /// encoding the few keys looked up costs less.
    /// </summary>
    public IntegerKeySet? IntegerKeys(int width, int lookups)
    {
        // Queries sharing the map may build it at once: each publishes a whole holder, and either is right.
        if (_integerKeys is not { } known || known.Width != width || known.KeyCount != Count)
        {
            if (lookups * 4L < Count)
            {
                return null;
            }

            known = new IntegerKeysOfWidth(width, Count, IntegerKeySet.Of(this, width));
            _integerKeys = known;
        }

        return known.Set;
    }

    /// <summary>Records a change of <paramref name="key"/>, keeping it if it is newer than the one held.</summary>
    public void Put(ReadOnlySpan<byte> key, long transactionId, long offset, byte rank)
    {
        int index = _keys.GetOrAdd(key, out bool added);
        if (added)
        {
            if (index == _transactions.Length)
            {
                int size = _transactions.Length * 2;
                Array.Resize(ref _transactions, size);
                Array.Resize(ref _offsets, size);
                Array.Resize(ref _ranks, size);
            }
        }
        else if (!IsNewer(transactionId, offset, rank, _transactions[index], _offsets[index], _ranks[index]))
        {
            return;
        }

        _transactions[index] = transactionId;
        _offsets[index] = offset;
        _ranks[index] = rank;
    }

    /// <summary>The newest change of <paramref name="key"/>, if any.</summary>
    public bool TryGet(ReadOnlySpan<byte> key, out long transactionId, out long offset, out byte rank)
    {
        int index = _keys.IndexOf(key);
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

    public bool Contains(ReadOnlySpan<byte> key) => _keys.Contains(key);

    /// <summary>The number of <paramref name="key"/>, or -1 when the map has no change of it.</summary>
    public int IndexOf(ReadOnlySpan<byte> key) => _keys.IndexOf(key);

    /// <summary>Whether the newest change of the key numbered <paramref name="index"/> is this one and keeps its row (rank 1).</summary>
    public bool IsNewestAt(int index, long transactionId, long offset) =>
        _transactions[index] == transactionId && _offsets[index] == offset && _ranks[index] == 1;

    private static bool IsNewer(long transactionId, long offset, byte rank, long heldTransaction, long heldOffset, byte heldRank) =>
        transactionId != heldTransaction ? transactionId > heldTransaction
        : offset != heldOffset ? offset > heldOffset
        : rank > heldRank;

    private sealed record IntegerKeysOfWidth(int Width, int KeyCount, IntegerKeySet? Set);
}
