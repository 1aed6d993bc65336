using Floe.Common.Columnar;

namespace Floe.Common.Tests.Columnar;

public sealed class BulkOffsetAppendTests
{
    [Fact]
    public void List_vector_append_uninitialized_takes_end_offsets_and_validity()
    {
        using var list = new ListVector(ColumnType.List(new ColumnField("element", ColumnType.Int32)));
        var elements = (PrimitiveVector<int>)list.Elements;
        elements.AppendRange([1, 2, 3]);
        list.EndList();
        elements.AppendRange([4, 5]);
        for (int i = 0; i < 40; i++)
        {
            elements.Append(i);
        }

        Span<int> ends = list.AppendUninitialized(3);
        ends[0] = 5;
        ends[1] = 5;
        ends[2] = 45;
        list.SetValidity(1, [true, false, true]);

        Assert.Equal(4, list.Length);
        Assert.Equal([0, 3, 5, 5, 45], list.Offsets.ToArray());
        Assert.True(list.IsNull(2));
        Assert.Equal([4, 5], (List<object?>)list.GetValue(1)!);
        Assert.Equal(40, ((List<object?>)list.GetValue(3)!).Count);
    }

    [Fact]
    public void Map_vector_append_uninitialized_takes_end_offsets()
    {
        using var map = new MapVector(ColumnType.Map(new ColumnField("key", ColumnType.Int32, false), new ColumnField("value", ColumnType.Int64)));
        ((PrimitiveVector<int>)map.Keys).AppendRange([1, 2]);
        ((PrimitiveVector<long>)map.Values).AppendRange([10L, 20L]);
        Span<int> ends = map.AppendUninitialized(20);
        ends.Slice(0, 19).Fill(0);
        ends[19] = 2;
        map.SetValidity(0, [false]);

        Assert.Equal(20, map.Length);
        Assert.Equal(2, map.Offsets[20]);
        Assert.True(map.IsNull(0));
        var last = (List<KeyValuePair<object?, object?>>)map.GetValue(19)!;
        Assert.Equal([new(1, 10L), new(2, 20L)], last);
    }
}
