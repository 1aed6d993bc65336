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
    public void AddField_GetsNextIdAndEvolutionName()
    {
        var update = Update().AddField("name", Transform.Truncate(4));

        var spec = update.Apply();

        Assert.Equal("1002: name_trunc_4: truncate[4](3)", spec.Fields[^1].ToString());
        Assert.Equal(1002, update.LastPartitionId);
    }

    [Fact]
    public void AddField_NeverReusesIdsOfOtherFields()
    {
        var spec = Update(lastPartitionId: 1005).AddField("name", Transform.Identity).Apply();

        Assert.Equal(1006, spec.Fields[^1].FieldId);
    }

    [Fact]
    public void RemoveField_V2_DropsIt()
    {
        var spec = Update().RemoveField("ts_day").Apply();

        Assert.Equal(["id_bucket"], spec.Fields.Select(f => f.Name));
    }

    [Fact]
    public void RemoveField_V1_ReplacesWithVoid()
    {
        var spec = Update(formatVersion: 1).RemoveField("ts_day").Apply();

        Assert.Equal("1001: ts_day: void(2)", spec.Fields[1].ToString());
    }

    [Fact]
    public void RemoveField_V1_VoidMovesAsideForNewFieldOfSameName()
    {
        var spec = Update(formatVersion: 1).RemoveField("ts_day").AddField("ts", Transform.Hour, "ts_day").Apply();

        Assert.Equal(["id_bucket", "ts_day_1001", "ts_day"], spec.Fields.Select(f => f.Name));
        Assert.Equal(1002, spec.Fields[2].FieldId);
    }

    [Fact]
    public void ReplaceTimeGranularity_RemoveThenAdd()
    {
        var spec = Update().RemoveField("ts_day").AddField("ts", Transform.Hour).Apply();

        Assert.Equal(["id_bucket:bucket[16]", "ts_hour:hour"], spec.Fields.Select(f => $"{f.Name}:{f.Transform}"));
    }

    [Fact]
    public void ReAddingHistoricalField_V2_RecyclesItsId()
    {
        var old = new PartitionSpecBuilder(PartitionSpecTests.Table()).Add(3, 1005, "name", Transform.Identity).Build();

        var spec = Update(2, 1007, old, Current()).AddField("name", Transform.Identity).Apply();

        Assert.Equal(1005, spec.Fields.Single(f => f.Name == "name").FieldId);
    }

    [Fact]
    public void RemoveThenReAdd_KeepsField()
    {
        var spec = Update().RemoveField("id_bucket").AddField("id", Transform.Bucket(16)).Apply();

        Assert.Equal(Current().Fields, spec.Fields);
    }

    [Fact]
    public void AddDuplicate_Fails() =>
        Assert.Contains("duplicate", Assert.Throws<FloeException>(() => Update().AddField("id", Transform.Bucket(16))).Message);

    [Fact]
    public void AddRedundantTime_Fails() =>
        Assert.Contains("redundant", Assert.Throws<FloeException>(() => Update().AddField("ts", Transform.Month)).Message);

    [Fact]
    public void RemoveMissing_Fails() =>
        Assert.Contains("Cannot find partition field 'x'", Assert.Throws<FloeException>(() => Update().RemoveField("x")).Message);

    [Fact]
    public void RemoveAdded_Fails() =>
        Assert.Contains("added in this update", Assert.Throws<FloeException>(() => Update().AddField("name", Transform.Identity).RemoveField("name")).Message);

    [Fact]
    public void Rename_Works_AndConflictsFail()
    {
        var spec = Update().RenameField("ts_day", "day").Apply();
        Assert.Equal("day", spec.Fields[1].Name);
        Assert.Equal(1001, spec.Fields[1].FieldId);

        Assert.Contains("already used", Assert.Throws<FloeException>(() => Update().RenameField("ts_day", "id_bucket")).Message);
    }
}
