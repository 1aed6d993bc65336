using Floe.Common.Caching;

namespace Floe.Common.Tests.Caching;

/// <summary><see cref="ByteBoundedCache{TKey, TValue}.GetOrLoadAsync"/> when callers miss the same key at once.</summary>
public sealed class ByteBoundedCacheLoadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Concurrent_misses_of_one_key_load_it_once_and_all_get_its_value()
    {
        var cache = new ByteBoundedCache<string, object>(maxBytes: 100, maxEntryBytes: 100);
        var load = new GatedLoad<object>(() => new object(), 10);

        Task<object>[] callers = [.. Enumerable.Range(0, 32).Select(_ => Task.Run(async () => await cache.GetOrLoadAsync("k", "k", load.RunAsync, Ct), Ct))];
        await WaitUntilAsync(() => cache.Hits + cache.Misses == callers.Length);
        load.Gate.SetResult();
        object[] values = await Task.WhenAll(callers);

        Assert.Equal(1, load.Loads);
        Assert.All(values, v => Assert.Same(values[0], v));
        Assert.Equal(1, cache.Misses);
        Assert.Equal(callers.Length - 1, cache.Hits);
        Assert.Equal(10, cache.Bytes);
    }

    [Fact]
    public async Task A_failed_load_reaches_the_callers_waiting_for_it_but_is_not_kept()
    {
        var cache = new ByteBoundedCache<string, string>(maxBytes: 100, maxEntryBytes: 100);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int loads = 0;
        async Task<(string, long)> Load(string key, CancellationToken ct)
        {
            if (Interlocked.Increment(ref loads) == 1)
            {
                await gate.Task.WaitAsync(ct);
                throw new InvalidDataException("corrupt file");
            }

            return ("value", 5);
        }

        Task<string> first = Task.Run(async () => await cache.GetOrLoadAsync("k", "k", Load, Ct), Ct);
        await WaitUntilAsync(() => cache.Misses == 1);
        Task<string> waiting = Task.Run(async () => await cache.GetOrLoadAsync("k", "k", Load, Ct), Ct);
        await WaitUntilAsync(() => cache.Hits == 1);
        gate.SetResult();

        await Assert.ThrowsAsync<InvalidDataException>(() => first);
        await Assert.ThrowsAsync<InvalidDataException>(() => waiting);
        Assert.Equal(0, cache.Count);
        Assert.Equal("value", await cache.GetOrLoadAsync("k", "k", Load, Ct));
        Assert.Equal(2, loads);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task When_the_loading_caller_is_cancelled_a_waiting_caller_loads_instead()
    {
        var cache = new ByteBoundedCache<string, string>(maxBytes: 100, maxEntryBytes: 100);
        int loads = 0;
        async Task<(string, long)> Load(string key, CancellationToken ct)
        {
            if (Interlocked.Increment(ref loads) == 1)
            {
                await Task.Delay(Timeout.Infinite, ct); // until its caller gives up
            }

            return ("value", 5);
        }

        using var cancel = new CancellationTokenSource();
        Task<string> first = Task.Run(async () => await cache.GetOrLoadAsync("k", "k", Load, cancel.Token), Ct);
        await WaitUntilAsync(() => cache.Misses == 1);
        Task<string> waiting = Task.Run(async () => await cache.GetOrLoadAsync("k", "k", Load, Ct), Ct);
        await WaitUntilAsync(() => cache.Hits == 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal("value", await waiting);
        Assert.Equal(2, loads);
        Assert.True(cache.TryGet("k", out _));
    }

    [Fact]
    public async Task A_waiting_caller_that_is_cancelled_stops_waiting_and_the_load_goes_on()
    {
        var cache = new ByteBoundedCache<string, string>(maxBytes: 100, maxEntryBytes: 100);
        var load = new GatedLoad<string>(() => "value", 5);

        Task<string> first = Task.Run(async () => await cache.GetOrLoadAsync("k", "k", load.RunAsync, Ct), Ct);
        await WaitUntilAsync(() => cache.Misses == 1);
        using var cancel = new CancellationTokenSource();
        Task<string> waiting = Task.Run(async () => await cache.GetOrLoadAsync("k", "k", load.RunAsync, cancel.Token), Ct);
        await WaitUntilAsync(() => cache.Hits == 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        load.Gate.SetResult();
        Assert.Equal("value", await first);
        Assert.Equal(1, load.Loads);
    }

    [Fact]
    public async Task Loaded_values_obey_the_bounds_a_heavy_one_reaching_its_callers_without_being_kept()
    {
        var cache = new ByteBoundedCache<int, int>(maxBytes: 200, maxEntryBytes: 50);
        int heavyLoads = 0;
        Task<(int, long)> Heavy(int key, CancellationToken ct)
        {
            Interlocked.Increment(ref heavyLoads);
            return Task.FromResult((key, 51L));
        }

        Assert.Equal(7, await cache.GetOrLoadAsync(7, 7, Heavy, Ct));
        Assert.Equal(7, await cache.GetOrLoadAsync(7, 7, Heavy, Ct));
        Assert.Equal(2, heavyLoads);
        Assert.Equal(0, cache.Count);

        await Parallel.ForAsync(0, 8, Ct, async (worker, ct) =>
        {
            var random = new Random(worker);
            for (int i = 0; i < 2_000; i++)
            {
                int key = random.Next(100);
                int value = await cache.GetOrLoadAsync(key, key, (k, _) => Task.FromResult((k * 2, 1L + (k % 50))), ct);
                Assert.Equal(key * 2, value);
                Assert.InRange(cache.Bytes, 0, 200);
            }
        });

        long expected = 0;
        for (int key = 0; key < 100; key++)
        {
            expected += cache.TryGet(key, out _) ? 1 + (key % 50) : 0;
        }

        Assert.Equal(expected, cache.Bytes);
    }

    /// <summary>A load that counts its runs and returns only once <see cref="Gate"/> is set (or its caller gives up).</summary>
    private sealed class GatedLoad<T>(Func<T> value, long bytes)
    {
        private int _loads;

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Loads => Volatile.Read(ref _loads);

        public async Task<(T, long)> RunAsync(string key, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _loads);
            await Gate.Task.WaitAsync(cancellationToken);
            return (value(), bytes);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 30 s.");
            await Task.Delay(5, Ct);
        }
    }
}
