using Floe.Common.Errors;
using Floe.Core.IO;

namespace Floe.Core.Tests.IO;

public sealed class LocationPathsTests
{
    [Theory]
    [InlineData("/wh/tbl", "/wh/tbl")]
    [InlineData("/wh/tbl/", "/wh/tbl")]
    [InlineData("/wh/tbl/metadata/snap.avro", "/wh/tbl")]
    [InlineData("/wh/tbl/metadata/snap.avro", "/wh/tbl/")]
    [InlineData("file:/wh/tbl/data/a.parquet", "/wh/tbl")]
    [InlineData("file:///wh/tbl/data/a.parquet", "/wh/tbl")]
    [InlineData("/wh/tbl/data/a.parquet", "file:///wh/tbl")]
    [InlineData("/wh/other/../tbl/data/a.parquet", "/wh/tbl")]
    [InlineData("s3://bucket/wh/tbl/data/a.parquet", "s3://bucket/wh/tbl")]
    [InlineData("s3a://bucket/wh/tbl/data/a.parquet", "s3://bucket/wh/tbl/")]
    public void Is_under_accepts_the_root_and_files_inside_it(string location, string root) => Assert.True(LocationPaths.IsUnder(location, root));

    [Theory]
    [InlineData("/wh/tbl2/data/a.parquet", "/wh/tbl")]
    [InlineData("/wh/tbl2", "/wh/tbl")]
    [InlineData("/wh", "/wh/tbl")]
    [InlineData("/wh/tbl/../../etc/passwd", "/wh/tbl")]
    [InlineData("/wh/tbl/../tbl2/metadata/x.avro", "/wh/tbl")]
    [InlineData("file:///wh/tbl/../other/x.avro", "/wh/tbl")]
    [InlineData("file:/wh/tbl/%2E%2E/other/x.avro", "/wh/tbl")]
    [InlineData("file:/etc/passwd", "/wh/tbl")]
    [InlineData("/etc/passwd", "/wh/tbl")]
    [InlineData("s3://bucket/wh/tbl2/a.parquet", "s3://bucket/wh/tbl")]
    [InlineData("s3://other/wh/tbl/a.parquet", "s3://bucket/wh/tbl")]
    public void Is_under_refuses_siblings_parents_and_climbs_out(string location, string root) => Assert.False(LocationPaths.IsUnder(location, root));

    [Theory]
    [InlineData("")]
    [InlineData("relative/path")]
    [InlineData("s3://bucket/wh/tbl/../other/a.parquet")]
    [InlineData("s3://bucket/wh/tbl/./a.parquet")]
    [InlineData("file://otherhost/wh/tbl/x.avro")]
    [InlineData("file:relative/x.avro")]
    public void Normalize_refuses_relative_and_dot_segment_locations(string location) =>
        Assert.Equal(FloeErrorKind.InvalidArgument, Assert.Throws<FloeException>(() => LocationPaths.Normalize(location)).Kind);

    [Fact]
    public void Require_under_names_the_file_and_the_root()
    {
        var error = Assert.Throws<FloeException>(() => LocationPaths.RequireUnder("/etc/passwd", "/wh/tbl", "Manifest list"));
        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("/etc/passwd", error.Message);
        Assert.Contains("/wh/tbl", error.Message);
    }

    [Theory]
    [InlineData("/wh/a", "/wh/a", true)]
    [InlineData("/wh/a", "/wh/a/b", true)]
    [InlineData("/wh/a/b", "/wh/a", true)]
    [InlineData("/wh/a", "/wh/ab", false)]
    [InlineData("/wh/a", "/wh/b", false)]
    public void Overlap_is_symmetric(string first, string second, bool expected)
    {
        Assert.Equal(expected, LocationPaths.Overlap(first, second));
        Assert.Equal(expected, LocationPaths.Overlap(second, first));
    }

    [Fact]
    public void Self_and_ancestors_stops_at_the_root_and_the_scheme()
    {
        Assert.Equal(["/wh/ns/t", "/wh/ns", "/wh"], LocationPaths.SelfAndAncestors("/wh/ns/t"));
        Assert.Equal(["s3://b/wh/t", "s3://b/wh", "s3://b"], LocationPaths.SelfAndAncestors("s3://b/wh/t"));
    }
}
