using Floe.Common.Errors;
using Floe.Core.Partitioning;
using Floe.Core.Tests.Partitioning;
using Floe.Core.Values;

namespace Floe.Core.Tests.Values;

public sealed class PartitionDataTests
{
    [Fact]
    public void Spec_computes_tuple_from_row_and_path()
    {
        var spec = new PartitionSpecBuilder(PartitionSpecTests.Table()).Day("ts").Bucket("id", 16).Truncate("name", 2).Build();
        var row = new Dictionary<int, Literal>
        {
            [1] = Literal.Of(34L),
            [2] = SingleValueJson.FromJson(Core.Types.PrimitiveType.TimestampTz, "\"2017-11-16T22:31:08+00:00\""),
            [3] = Literal.Null,
        };

        var data = spec.Partition(id => row[id]);

        Assert.Equal(PartitionData.Of(Literal.OfDate(17486), Literal.Of(2017239379 % 16), Literal.Null), data);
        Assert.Equal("ts_day=2017-11-16/id_bucket=3/name_trunc=null", spec.PartitionPath(data));
    }

    [Fact]
    public void Equality_by_value_usable_as_key()
    {
        var a = PartitionData.Of(Literal.Of("x"), Literal.Of(double.NaN));
        var b = PartitionData.Of(Literal.Of("x"), Literal.Of(double.NaN));
        var set = new HashSet<PartitionData> { a };

        Assert.Contains(b, set);
        Assert.NotEqual(a, PartitionData.Of(Literal.Of("x"), Literal.Of(0.0)));
        var copy = a.Copy();
        copy[0] = Literal.Of("y");
        Assert.Equal(Literal.Of("x"), a[0]);
        Assert.Throws<FloeException>(() => a[2]);
    }

    [Fact]
    public void Json_keyed_by_field_id_round_trips()
    {
        var spec = new PartitionSpecBuilder(PartitionSpecTests.Table()).Day("ts").Bucket("id", 16).Identity("name").Build();
        var type = spec.PartitionType(PartitionSpecTests.Table());
        var data = PartitionData.Of(Literal.OfDate(17486), Literal.Of(3), Literal.Null);

        string json = PartitionDataJson.ToJson(type, data);

        Assert.Equal("""{"1000":"2017-11-16","1001":3}""", json);
        Assert.Equal(data, PartitionDataJson.Parse(type, json));
        Assert.Equal(FloeErrorKind.InvalidData, Assert.Throws<FloeException>(() => PartitionDataJson.Parse(type, """{"999":1}""")).Kind);
    }
}
