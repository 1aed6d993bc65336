using Floe.Common.Collections;

namespace Floe.PrimaryKeys.Reading;

/// <summary>
/// For every key of a bucket node, the newest change seen: (transaction id, offset, rank), where at equal
/// transaction and offset an update-after (rank 1) beats its update-before (rank 0). Keys are numbered by a
/// <see cref="ByteKeyIndex"/> and the versions sit in arrays by that number, so the map costs no object per key.
/// </summary>
internal sealed class KeyVersionMap
{
    private readonly ByteKeyIndex _keys = new("The keys of one bucket node exceed 2 GiB; use more buckets.", initialCapacity: 256);
    private long[] _transactions = new long[256];
    private long[] _offsets = new long[256];
    private byte[] _ranks = new byte[256];

    public int Count => _keys.Count;

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

    private static bool IsNewer(long transactionId, long offset, byte rank, long heldTransaction, long heldOffset, byte heldRank) =>
        transactionId != heldTransaction ? transactionId > heldTransaction
        : offset != heldOffset ? offset > heldOffset
        : rank > heldRank;
}
