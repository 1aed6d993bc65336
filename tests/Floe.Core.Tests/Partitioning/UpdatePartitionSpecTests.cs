using Floe.Common.Errors;
using Floe.Core.Partitioning;
using Floe.Core.Transforms;

namespace Floe.Core.Tests.Partitioning;

public sealed class UpdatePartitionSpecTests
{
    private static PartitionSpec Current() => new PartitionSpecBuilder(PartitionSpecTests.Table()).Bucket("id", 16).Day("ts").Build();

    private static UpdatePartitionSpec Update(int formatVersion = 2, int lastPartitionId = 1001, params PartitionSpec[] history) =>
        new(formatVersion, Current(), PartitionSpecTests.Table(), lastPartitionId, history.Length == 0 ? null : history);

    [Fact]
    public void Add_field_gets_next_id_and_evolution_name()
    {
        var update = Update().AddField("name", Transform.Truncate(4));

        var spec = update.Apply();

        Assert.Equal("1002: name_trunc_4: truncate[4](3)", spec.Fields[^1].ToString());
        Assert.Equal(1002, update.LastPartitionId);
    }

    [Fact]
    public void Add_field_never_reuses_ids_of_other_fields()
    {
        var spec = Update(lastPartitionId: 1005).AddField("name", Transform.Identity).Apply();

        Assert.Equal(1006, spec.Fields[^1].FieldId);
    }

    [Fact]
    public void Remove_field_v2_drops_it()
    {
        var spec = Update().RemoveField("ts_day").Apply();

        Assert.Equal(["id_bucket"], spec.Fields.Select(f => f.Name));
    }

    [Fact]
    public void Remove_field_v1_replaces_with_void()
    {
        var spec = Update(formatVersion: 1).RemoveField("ts_day").Apply();

        Assert.Equal("1001: ts_day: void(2)", spec.Fields[1].ToString());
    }

    [Fact]
    public void Remove_field_v1_void_moves_aside_for_new_field_of_same_name()
    {
        var spec = Update(formatVersion: 1).RemoveField("ts_day").AddField("ts", Transform.Hour, "ts_day").Apply();

        Assert.Equal(["id_bucket", "ts_day_1001", "ts_day"], spec.Fields.Select(f => f.Name));
        Assert.Equal(1002, spec.Fields[2].FieldId);
    }

    [Fact]
    public void Replace_time_granularity_remove_then_add()
    {
        var spec = Update().RemoveField("ts_day").AddField("ts", Transform.Hour).Apply();

        Assert.Equal(["id_bucket:bucket[16]", "ts_hour:hour"], spec.Fields.Select(f => $"{f.Name}:{f.Transform}"));
    }

    [Fact]
    public void Re_adding_historical_field_v2_recycles_its_id()
    {
        var old = new PartitionSpecBuilder(PartitionSpecTests.Table()).Add(3, 1005, "name", Transform.Identity).Build();

        var spec = Update(2, 1007, old, Current()).AddField("name", Transform.Identity).Apply();

        Assert.Equal(1005, spec.Fields.Single(f => f.Name == "name").FieldId);
    }

    [Fact]
    public void Remove_then_re_add_keeps_field()
    {
        var spec = Update().RemoveField("id_bucket").AddField("id", Transform.Bucket(16)).Apply();

        Assert.Equal(Current().Fields, spec.Fields);
    }

    [Fact]
    public void Add_duplicate_fails() =>
        Assert.Contains("duplicate", Assert.Throws<FloeException>(() => Update().AddField("id", Transform.Bucket(16))).Message);

    [Fact]
    public void Add_redundant_time_fails() =>
        Assert.Contains("redundant", Assert.Throws<FloeException>(() => Update().AddField("ts", Transform.Month)).Message);

    [Fact]
    public void Remove_missing_fails() =>
        Assert.Contains("Cannot find partition field 'x'", Assert.Throws<FloeException>(() => Update().RemoveField("x")).Message);

    [Fact]
    public void Remove_added_fails() =>
        Assert.Contains("added in this update", Assert.Throws<FloeException>(() => Update().AddField("name", Transform.Identity).RemoveField("name")).Message);

    [Fact]
    public void Rename_works_and_conflicts_fail()
    {
        var spec = Update().RenameField("ts_day", "day").Apply();
        Assert.Equal("day", spec.Fields[1].Name);
        Assert.Equal(1001, spec.Fields[1].FieldId);

        Assert.Contains("already used", Assert.Throws<FloeException>(() => Update().RenameField("ts_day", "id_bucket")).Message);
    }
}
