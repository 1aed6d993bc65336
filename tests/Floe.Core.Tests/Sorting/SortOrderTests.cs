using Floe.Common.Errors;
using Floe.Core.Sorting;
using Floe.Core.Tests.Partitioning;
using Floe.Core.Transforms;

namespace Floe.Core.Tests.Sorting;

public sealed class SortOrderTests
{
    [Fact]
    public void Builder_defaults_null_order_by_direction_and_id_one()
    {
        var order = new SortOrderBuilder(PartitionSpecTests.Table()).Asc("id").Desc("ts").Build();

        Assert.Equal(1, order.OrderId);
        Assert.Equal(["identity(1) asc nulls-first", "identity(2) desc nulls-last"], order.Fields.Select(f => f.ToString()));
    }

    [Fact]
    public void Builder_empty_is_unsorted_with_id_zero()
    {
        var order = new SortOrderBuilder(PartitionSpecTests.Table()).Build();

        Assert.True(order.IsUnsorted);
        Assert.Equal(0, order.OrderId);
        Assert.Equal(SortOrder.Unsorted, order);
    }

    [Fact]
    public void Builder_validates()
    {
        var schema = PartitionSpecTests.Table();
        Assert.Contains("no such column", Assert.Throws<FloeException>(() => new SortOrderBuilder(schema).Asc("nope")).Message);
        Assert.Contains("not a primitive", Assert.Throws<FloeException>(() => new SortOrderBuilder(schema).Asc("loc")).Message);
        Assert.Contains("Invalid source type", Assert.Throws<FloeException>(() =>
            new SortOrderBuilder(schema).Add("score", Transform.Bucket(4), SortDirection.Ascending)).Message);
    }

    [Fact]
    public void Reserved_ids_are_enforced()
    {
        Assert.Throws<FloeException>(() => new SortOrder(0, [new SortField(Transform.Identity, 1, SortDirection.Ascending, NullOrder.NullsFirst)]));
        Assert.Throws<FloeException>(() => new SortOrder(3, []));
    }

    [Fact]
    public void Json_round_trips()
    {
        var order = new SortOrderBuilder(PartitionSpecTests.Table()).WithOrderId(2)
            .Add("ts", Transform.Day, SortDirection.Descending, NullOrder.NullsFirst).Asc("name", NullOrder.NullsLast).Build();

        string json = SortOrderJson.ToJson(order);

        Assert.Equal(
            """{"order-id":2,"fields":[{"transform":"day","source-id":2,"direction":"desc","null-order":"nulls-first"},{"transform":"identity","source-id":3,"direction":"asc","null-order":"nulls-last"}]}""",
            json);
        Assert.Equal(order, SortOrderJson.Parse(json));
    }

    [Theory]
    [InlineData("""{"order-id":1,"fields":[{"transform":"identity","source-id":1,"direction":"up","null-order":"nulls-first"}]}""", "up")]
    [InlineData("""{"order-id":1,"fields":[{"transform":"identity","source-id":1,"direction":"asc","null-order":"first"}]}""", "first")]
    [InlineData("""{"order-id":1,"fields":[{"transform":"identity","direction":"asc","null-order":"nulls-first"}]}""", "source-id")]
    [InlineData("""{"order-id":0,"fields":[{"transform":"identity","source-id":1,"direction":"asc","null-order":"nulls-first"}]}""", "reserved")]
    public void Json_invalid_throws_invalid_data(string json, string expected)
    {
        var error = Assert.Throws<FloeException>(() => SortOrderJson.Parse(json));

        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Satisfies_is_prefix_match()
    {
        var schema = PartitionSpecTests.Table();
        var ab = new SortOrderBuilder(schema).Asc("id").Asc("name").Build();
        var a = new SortOrderBuilder(schema).Asc("id").Build();

        Assert.True(ab.Satisfies(a));
        Assert.False(a.Satisfies(ab));
        Assert.True(ab.Satisfies(SortOrder.Unsorted));
    }
}
