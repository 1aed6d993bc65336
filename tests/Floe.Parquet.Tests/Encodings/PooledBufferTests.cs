using Floe.Parquet.Encodings;

namespace Floe.Parquet.Tests.Encodings;

public sealed class PooledBufferTests
{
    [Fact]
    public void Write_grows_and_keeps_content()
    {
        using var buffer = new PooledBuffer(1);
        var expected = new List<byte>();
        for (int i = 0; i < 5000; i++)
        {
            buffer.WriteByte((byte)i);
            expected.Add((byte)i);
            if (i % 100 == 0)
            {
                buffer.Write(new byte[] { 1, 2, 3 });
                expected.AddRange([1, 2, 3]);
            }
        }

        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
        Assert.Equal(expected.Count, buffer.WrittenCount);
        Assert.True(buffer.Capacity >= expected.Count);
    }

    [Fact]
    public void Get_span_advance_truncate_clear()
    {
        using var buffer = new PooledBuffer(4);
        Span<byte> span = buffer.GetSpan(100);
        Assert.True(span.Length >= 100);
        span[0] = 7;
        span[1] = 8;
        buffer.Advance(2);
        buffer.WrittenSpanMutable[1] = 9;
        Assert.Equal(new byte[] { 7, 9 }, buffer.WrittenMemory.ToArray());
        buffer.Truncate(1);
        Assert.Equal(new byte[] { 7 }, buffer.WrittenSpan.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Truncate(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Advance(buffer.Capacity));
        buffer.Clear();
        Assert.Equal(0, buffer.WrittenCount);
    }

    [Fact]
    public void Dispose_releases_storage()
    {
        var buffer = new PooledBuffer();
        buffer.Write(new byte[10]);
        buffer.Dispose();
        Assert.Equal(0, buffer.WrittenCount);
        Assert.Equal(0, buffer.Capacity);
        buffer.Dispose();
    }

    [Fact]
    public void Get_memory_and_ensure_capacity_give_room()
    {
        using var buffer = new PooledBuffer(1);
        buffer.EnsureCapacity(1000);
        Assert.True(buffer.Capacity >= 1000);
        Memory<byte> memory = buffer.GetMemory(10);
        memory.Span[0] = 42;
        buffer.Advance(1);
        Assert.Equal(new byte[] { 42 }, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Page_buffers_up_to_the_largest_kept_size_come_back_from_their_own_pool_and_larger_ones_round_trip_through_the_shared_pool()
    {
        // More buffers of one size than the shared pool keeps per processor, all out at once, then all back.
        byte[][] small = [.. Enumerable.Range(0, 200).Select(_ => PageBufferPool.Rent(64 * 1024))];
        Assert.All(small, b => Assert.True(b.Length >= 64 * 1024)); // an empty size falls back to the next larger ones
        foreach (byte[] buffer in small)
        {
            PageBufferPool.Return(buffer);
        }

        // Tests running alongside share the pool and may take a few; the shared pool keeps a few dozen arrays of a size
        // per processor, far fewer than 150.
        byte[][] again = [.. Enumerable.Range(0, 200).Select(_ => PageBufferPool.Rent(64 * 1024))];
        var kept = new HashSet<byte[]>(small, ReferenceEqualityComparer.Instance);
        Assert.True(again.Count(kept.Contains) >= 150);
        foreach (byte[] buffer in again)
        {
            PageBufferPool.Return(buffer);
        }

        byte[] large = PageBufferPool.Rent(PageBufferPool.LargestKept + 1);
        Assert.True(large.Length > PageBufferPool.LargestKept);
        PageBufferPool.Return(large);

        using var grown = new PooledBuffer(16);
        grown.Write(new byte[PageBufferPool.LargestKept * 2]);
        Assert.Equal(PageBufferPool.LargestKept * 2, grown.WrittenCount);
    }
}
