using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.PrimaryKeys.Model;
using Floe.TestKit;

namespace Floe.PrimaryKeys.Tests.Model;

public sealed class OptimizedSequenceTests
{
    [Fact]
    public void Points_round_trip_through_sorted_json()
    {
        var points = OptimizedSequence.None.With([new("p=2", 7), new("", 3), new("p=1", 5)]);
        Assert.Equal("""{"":3,"p=1":5,"p=2":7}""", points.ToJson());
        var parsed = OptimizedSequence.Parse(points.ToJson());
        Assert.Equal(5, parsed.Of("p=1"));
        Assert.Equal(0, parsed.Of("p=9"));
        Assert.Equal(7, parsed.Max);
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("""{"a":"x"}""")]
    [InlineData("""{"a":-1}""")]
    [InlineData("{")]
    public void Bad_values_are_refused(string json) =>
        Assert.Equal(FloeErrorKind.InvalidData, Assert.Throws<FloeException>(() => OptimizedSequence.Parse(json)).Kind);

    [Fact]
    public void The_points_come_from_the_nearest_snapshot_that_has_them()
    {
        using var table = TestTable.Create();
        TableMetadata metadata = table.Base.Current;
        Snapshot first = Snap(1, null, new Dictionary<string, string> { [PrimaryKeyTableProperties.OptimizedSequence] = """{"":4}""" });
        Snapshot second = Snap(2, 1, new Dictionary<string, string>());
        metadata = TableMetadataBuilder.From(metadata).AddSnapshot(first).AddSnapshot(second).SetBranchSnapshot(2).Build();
        Assert.Equal(4, OptimizedSequence.Of(metadata, metadata.CurrentSnapshot).Of(""));
        Assert.Equal(0, OptimizedSequence.Of(metadata, null).Of(""));
    }

    private static Snapshot Snap(long id, long? parent, Dictionary<string, string> summary) => new()
    {
        SnapshotId = id,
        ParentSnapshotId = parent,
        SequenceNumber = id,
        TimestampMs = 1000 + id,
        ManifestList = $"/nowhere/snap-{id}.avro",
        Operation = "append",
        Summary = summary,
    };
}
