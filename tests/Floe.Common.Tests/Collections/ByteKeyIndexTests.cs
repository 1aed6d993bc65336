using System.Text;
using Floe.Common.Collections;

namespace Floe.Common.Tests.Collections;

public sealed class ByteKeyIndexTests
{
    [Fact]
    public void Keys_are_numbered_in_insertion_order_and_found_again_after_growth()
    {
        var index = new ByteKeyIndex("too big", initialCapacity: 1);
        for (int i = 0; i < 5000; i++)
        {
            int number = index.GetOrAdd(Key(i), out bool added);
            Assert.True(added);
            Assert.Equal(i, number);
        }

        Assert.Equal(5000, index.Count);
        for (int i = 0; i < 5000; i++)
        {
            Assert.Equal(i, index.IndexOf(Key(i)));
            Assert.Equal(i, index.GetOrAdd(Key(i), out bool added));
            Assert.False(added);
        }

        Assert.Equal(5000, index.Count);
        Assert.Equal(-1, index.IndexOf(Key(5000)));
        Assert.False(index.Contains(Key(-1)));
    }

    [Fact]
    public void Empty_and_prefix_keys_are_distinct()
    {
        var index = new ByteKeyIndex("too big");
        Assert.False(index.Contains([]));
        Assert.Equal(0, index.GetOrAdd([], out _));
        Assert.Equal(1, index.GetOrAdd([1], out _));
        Assert.Equal(2, index.GetOrAdd([1, 0], out _));
        Assert.True(index.Contains([]));
        Assert.Equal(1, index.IndexOf([1]));
        Assert.Equal(2, index.IndexOf([1, 0]));
        Assert.Equal(-1, index.IndexOf([0, 1]));
    }

    [Fact]
    public void A_clone_keeps_keys_and_numbers_and_grows_apart_from_its_source()
    {
        var index = new ByteKeyIndex("too big", initialCapacity: 2);
        for (int i = 0; i < 100; i++)
        {
            index.GetOrAdd(Key(i), out _);
        }

        ByteKeyIndex clone = index.Clone();
        for (int i = 100; i < 300; i++)
        {
            Assert.Equal(i, clone.GetOrAdd(Key(i), out bool added));
            Assert.True(added);
        }

        Assert.Equal(100, index.Count);
        Assert.Equal(-1, index.IndexOf(Key(150)));
        Assert.Equal(100, index.GetOrAdd(Key(999), out _));
        Assert.Equal(300, clone.Count);
        Assert.Equal(-1, clone.IndexOf(Key(999)));
        for (int i = 0; i < 300; i++)
        {
            Assert.Equal(i, clone.IndexOf(Key(i)));
            Assert.Equal(Key(i), clone.KeyAt(i).ToArray());
        }

        Assert.True(clone.AllocatedBytes > index.AllocatedBytes - 64);
        Assert.Throws<ArgumentOutOfRangeException>(() => clone.KeyAt(300).ToArray());
    }

    private static byte[] Key(int i) => Encoding.UTF8.GetBytes($"key-{i}");
}
