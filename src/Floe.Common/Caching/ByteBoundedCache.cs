namespace Floe.Common.Caching;

/// <summary>
/// A thread-safe least-recently-used cache whose entries are weighed in bytes (the caller's estimate of what each
/// value holds): adding past <see cref="MaxBytes"/> evicts the least recently used entries, and a value weighing more
/// than <see cref="MaxEntryBytes"/> is not kept. Meant for values derived from immutable files, keyed by what names
/// the file's content (its path and length), so an entry never needs invalidating.
/// </summary>
public sealed class ByteBoundedCache<TKey, TValue>
    where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TKey, LinkedListNode<Entry>> _entries;
    private readonly LinkedList<Entry> _recency = new();
    private long _maxBytes;
    private long _maxEntryBytes;
    private long _bytes;
    private long _hits;
    private long _misses;

    public ByteBoundedCache(long maxBytes, long maxEntryBytes, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(maxEntryBytes);
        _maxBytes = maxBytes;
        _maxEntryBytes = maxEntryBytes;
        _entries = new Dictionary<TKey, LinkedListNode<Entry>>(comparer);
    }

    /// <summary>The most the entries may weigh together; lowering it evicts at once. Zero turns the cache off.</summary>
    public long MaxBytes
    {
        get => Volatile.Read(ref _maxBytes);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            lock (_lock)
            {
                _maxBytes = value;
                Trim();
            }
        }
    }

    /// <summary>The most one entry may weigh; heavier values are not kept.</summary>
    public long MaxEntryBytes
    {
        get => Volatile.Read(ref _maxEntryBytes);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Volatile.Write(ref _maxEntryBytes, value);
        }
    }

    /// <summary>Whether values are kept at all (a bound above zero).</summary>
    public bool Enabled => MaxBytes > 0 && MaxEntryBytes > 0;

    /// <summary>What the entries weigh together.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Look-ups that found an entry.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Look-ups that found none.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    public bool TryGet(TKey key, out TValue value)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out LinkedListNode<Entry>? node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                _hits++;
                value = node.Value.Value;
                return true;
            }

            _misses++;
        }

        value = default!;
        return false;
    }

    /// <summary>Keeps <paramref name="value"/> (replacing an entry of the same key) unless it weighs more than allowed.</summary>
    public void Add(TKey key, TValue value, long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        lock (_lock)
        {
            if (bytes > _maxEntryBytes || bytes > _maxBytes)
            {
                return;
            }

            if (_entries.Remove(key, out LinkedListNode<Entry>? old))
            {
                _recency.Remove(old);
                _bytes -= old.Value.Bytes;
            }

            _entries[key] = _recency.AddFirst(new Entry(key, value, bytes));
            _bytes += bytes;
            Trim();
        }
    }

    /// <summary>
    /// The cached value of <paramref name="key"/>, or the one <paramref name="load"/> returns (with its weight), kept
    /// for later. Concurrent misses of one key may each load it; the last one loaded is kept.
    /// </summary>
    public async ValueTask<TValue> GetOrLoadAsync<TState>(
        TKey key, TState state, Func<TState, CancellationToken, Task<(TValue Value, long Bytes)>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (TryGet(key, out TValue cached))
        {
            return cached;
        }

        (TValue value, long bytes) = await load(state, cancellationToken).ConfigureAwait(false);
        Add(key, value, bytes);
        return value;
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _recency.Clear();
            _bytes = 0;
        }
    }

    private void Trim()
    {
        while (_bytes > _maxBytes && _recency.Last is { } last)
        {
            _recency.RemoveLast();
            _entries.Remove(last.Value.Key);
            _bytes -= last.Value.Bytes;
        }
    }

    private sealed record Entry(TKey Key, TValue Value, long Bytes);
}
