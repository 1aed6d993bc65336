namespace Floe.Common.Caching;

/// <summary>
/// A thread-safe least-recently-used cache whose entries are weighed in bytes (the caller's estimate of what each
/// value holds): adding past <see cref="MaxBytes"/> evicts the least recently used entries, and a value weighing more
/// than <see cref="MaxEntryBytes"/> is not kept. Meant for values derived from immutable files, keyed by what names
/// the file's content (its path and length), so an entry never needs invalidating. <see cref="GetOrLoadAsync"/>
/// loads a missing value once however many callers miss it at the same time.
/// </summary>
public sealed class ByteBoundedCache<TKey, TValue> : IBoundedCache
    where TKey : notnull
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TKey, LinkedListNode<Entry>> _entries;
    private readonly LinkedList<Entry> _recency = new();
    private readonly Dictionary<TKey, TaskCompletionSource<TValue>> _loading;
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
        _loading = new Dictionary<TKey, TaskCompletionSource<TValue>>(comparer);
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

    /// <summary>Look-ups that found an entry, or a load of it already under way.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Look-ups that found none.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Whether an entry of <paramref name="key"/> is kept or being loaded; counts as no look-up and leaves its recency alone.</summary>
    public bool Contains(TKey key)
    {
        lock (_lock)
        {
            return _entries.ContainsKey(key) || _loading.ContainsKey(key);
        }
    }

    public bool TryGet(TKey key, out TValue value)
    {
        lock (_lock)
        {
            if (TakeLocked(key, out value))
            {
                return true;
            }

            _misses++;
        }

        return false;
    }

    /// <summary>Keeps <paramref name="value"/> (replacing an entry of the same key) unless it weighs more than allowed.</summary>
    public void Add(TKey key, TValue value, long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        lock (_lock)
        {
            AddLocked(key, value, bytes);
        }
    }

    /// <summary>
    /// The cached value of <paramref name="key"/>, or the one <paramref name="load"/> returns (with its weight), kept
    /// for later. Concurrent misses of one key load it once: the first caller runs <paramref name="load"/> with its own
    /// <paramref name="cancellationToken"/>, the others wait for its value (or its failure). A failed load is not kept,
    /// so the next caller loads again; a load cancelled by its caller is taken over by one of those waiting, and a
    /// waiter's own cancellation ends only its wait.
    /// </summary>
    public async ValueTask<TValue> GetOrLoadAsync<TState>(
        TKey key, TState state, Func<TState, CancellationToken, Task<(TValue Value, long Bytes)>> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        while (true)
        {
            TaskCompletionSource<TValue>? loading;
            TaskCompletionSource<TValue>? mine = null;
            lock (_lock)
            {
                if (TakeLocked(key, out TValue cached))
                {
                    return cached;
                }

                if (_loading.TryGetValue(key, out loading))
                {
                    _hits++;
                }
                else
                {
                    _misses++;
                    mine = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
                    _loading[key] = mine;
                }
            }

            if (mine is not null)
            {
                return await LoadAsync(key, mine, state, load, cancellationToken).ConfigureAwait(false);
            }

            Task<TValue> other = loading!.Task;
            try
            {
                return await other.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (other.IsCanceled && !cancellationToken.IsCancellationRequested)
            {
                // The loading caller gave up, not this one: load again (or wait for whoever does).
            }
        }
    }

    /// <summary>Runs the load this caller registered for <paramref name="key"/> and hands its outcome to those waiting.</summary>
    private async Task<TValue> LoadAsync<TState>(
        TKey key,
        TaskCompletionSource<TValue> loading,
        TState state,
        Func<TState, CancellationToken, Task<(TValue Value, long Bytes)>> load,
        CancellationToken cancellationToken)
    {
        try
        {
            (TValue value, long bytes) = await load(state, cancellationToken).ConfigureAwait(false);
            ArgumentOutOfRangeException.ThrowIfNegative(bytes);
            lock (_lock)
            {
                // Kept before the load is forgotten, so no caller in between misses both.
                AddLocked(key, value, bytes);
                _loading.Remove(key);
            }

            loading.TrySetResult(value);
            return value;
        }
        catch (Exception e)
        {
            lock (_lock)
            {
                _loading.Remove(key);
            }

            if (e is OperationCanceledException canceled)
            {
                loading.TrySetCanceled(canceled.CancellationToken);
            }
            else
            {
                loading.TrySetException(e);
                _ = loading.Task.Exception; // observed, so a failure nobody waited for is not reported as unobserved
            }

            throw;
        }
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

    /// <summary>The entry's value, marked most recently used and counted as a hit; false (nothing counted) when absent.</summary>
    private bool TakeLocked(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out LinkedListNode<Entry>? node))
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
            _hits++;
            value = node.Value.Value;
            return true;
        }

        value = default!;
        return false;
    }

    private void AddLocked(TKey key, TValue value, long bytes)
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
