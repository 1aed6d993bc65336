using Floe.Common.Caching;
using Floe.Common.Columnar;

namespace Floe.Common.Tests.Caching;

public sealed class ByteBoundedCacheTests
{
    [Fact]
    public void Adding_past_the_bound_evicts_the_least_recently_used_entries()
    {
        var cache = new ByteBoundedCache<string, int>(maxBytes: 100, maxEntryBytes: 100);
        cache.Add("a", 1, 40);
        cache.Add("b", 2, 40);
        Assert.True(cache.TryGet("a", out _)); // "b" is now the least recently used
        cache.Add("c", 3, 40);

        Assert.True(cache.TryGet("a", out int a));
        Assert.Equal(1, a);
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out _));
        Assert.Equal(80, cache.Bytes);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Contains_counts_no_look_up_and_leaves_recency_alone()
    {
        var cache = new ByteBoundedCache<string, int>(maxBytes: 100, maxEntryBytes: 100);
        cache.Add("a", 1, 40);
        cache.Add("b", 2, 40);

        Assert.True(cache.Contains("a"));
        Assert.False(cache.Contains("z"));
        Assert.Equal((0, 0), (cache.Hits, cache.Misses));

        // "a" stays the least recently used: the check did not touch it.
        cache.Add("c", 3, 40);
        Assert.False(cache.Contains("a"));
        Assert.True(cache.Contains("b"));
    }

    [Fact]
    public void A_value_heavier_than_the_entry_bound_is_not_kept()
    {
        var cache = new ByteBoundedCache<string, int>(maxBytes: 1000, maxEntryBytes: 10);
        cache.Add("small", 1, 10);
        cache.Add("large", 2, 11);

        Assert.True(cache.TryGet("small", out _));
        Assert.False(cache.TryGet("large", out _));
        Assert.Equal(10, cache.Bytes);
    }

    [Fact]
    public void Replacing_an_entry_counts_only_the_new_weight()
    {
        var cache = new ByteBoundedCache<string, int>(maxBytes: 100, maxEntryBytes: 100);
        cache.Add("a", 1, 30);
        cache.Add("a", 2, 50);

        Assert.True(cache.TryGet("a", out int value));
        Assert.Equal(2, value);
        Assert.Equal(50, cache.Bytes);
    }

    [Fact]
    public void Lowering_the_bound_evicts_at_once_and_zero_turns_the_cache_off()
    {
        var cache = new ByteBoundedCache<int, int>(maxBytes: 100, maxEntryBytes: 100);
        for (int i = 0; i < 10; i++)
        {
            cache.Add(i, i, 10);
        }

        cache.MaxBytes = 35;
        Assert.Equal(3, cache.Count);
        Assert.True(cache.TryGet(9, out _));
        Assert.False(cache.TryGet(6, out _));

        cache.MaxBytes = 0;
        cache.Add(11, 11, 1);
        Assert.False(cache.Enabled);
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.Bytes);
    }

    [Fact]
    public async Task GetOrLoad_loads_a_missing_value_once_and_then_serves_it()
    {
        var cache = new ByteBoundedCache<string, string>(maxBytes: 100, maxEntryBytes: 100);
        int loads = 0;
        Task<(string, long)> Load(string key, CancellationToken ct)
        {
            loads++;
            return Task.FromResult((key.ToUpperInvariant(), 5L));
        }

        Assert.Equal("A", await cache.GetOrLoadAsync("a", "a", Load, TestContext.Current.CancellationToken));
        Assert.Equal("A", await cache.GetOrLoadAsync("a", "a", Load, TestContext.Current.CancellationToken));
        Assert.Equal("B", await cache.GetOrLoadAsync("b", "b", Load, TestContext.Current.CancellationToken));
        Assert.Equal(2, loads);
        Assert.Equal(1, cache.Hits);
    }

    [Fact]
    public void Concurrent_adds_and_reads_keep_the_weight_within_the_bound_and_its_count_exact()
    {
        var cache = new ByteBoundedCache<int, int>(maxBytes: 1000, maxEntryBytes: 100);
        Parallel.For(0, 8, worker =>
        {
            var random = new Random(worker);
            for (int i = 0; i < 20_000; i++)
            {
                int key = random.Next(500);
                if (cache.TryGet(key, out int value))
                {
                    Assert.Equal(key * 2, value);
                }
                else
                {
                    cache.Add(key, key * 2, 1 + (key % 100));
                }

                Assert.True(cache.Bytes <= 1000);
            }
        });

        long expected = 0;
        for (int key = 0; key < 500; key++)
        {
            expected += cache.TryGet(key, out _) ? 1 + (key % 100) : 0;
        }

        Assert.Equal(expected, cache.Bytes);
    }

    [Fact]
    public void Allocated_bytes_of_a_batch_count_every_column_array()
    {
        using ColumnBatch batch = ColumnBatch.Create(
            [new ColumnField("id", ColumnType.Int64, Nullable: false), new ColumnField("name", ColumnType.String)], 1000);
        var ids = (PrimitiveVector<long>)batch.Column(0);
        var names = (BinaryVector)batch.Column(1);
        for (int i = 0; i < 1000; i++)
        {
            ids.Append(i);
            names.Append(new string('x', 10));
        }

        // 1,000 longs, 1,001 offsets and 10,000 characters at least; pooled arrays may be larger.
        Assert.InRange(batch.AllocatedBytes, 8000 + 4004 + 10_000, 4 * (8000 + 4004 + 10_000));
        Assert.Equal(ids.AllocatedBytes + names.AllocatedBytes, batch.AllocatedBytes);
    }
}
