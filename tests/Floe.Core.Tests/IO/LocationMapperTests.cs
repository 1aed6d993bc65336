using Floe.Common.Errors;
using Floe.Core.IO;

namespace Floe.Core.Tests.IO;

public sealed class LocationMapperTests
{
    [Fact]
    public void Map_uses_longest_prefix_and_treats_s3_schemes_alike()
    {
        var mapper = new LocationMapper()
            .Add("s3://bucket", "/data/all")
            .Add("s3://bucket/special/", "/data/special");

        Assert.True(mapper.TryMap("s3a://bucket/t/metadata/v1.json", out string general));
        Assert.True(mapper.TryMap("s3://bucket/special/x.avro", out string special));
        Assert.True(mapper.TryMap("s3n://bucket", out string root));
        Assert.False(mapper.TryMap("s3://bucket2/x", out _));
        Assert.False(mapper.TryMap("gs://bucket/x", out _));

        Assert.Equal("/data/all/t/metadata/v1.json", general);
        Assert.Equal("/data/special/x.avro", special);
        Assert.Equal("/data/all", root);
        Assert.Equal(2, mapper.Count);
    }

    [Fact]
    public void Map_refuses_climbing_out()
    {
        var mapper = new LocationMapper().Add("s3://bucket/t", "/data/t");

        var error = Assert.Throws<FloeException>(() => mapper.TryMap("s3://bucket/t/../../etc/passwd", out _));
        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public void Unmap_is_the_inverse()
    {
        var mapper = new LocationMapper().Add("s3://bucket/wh", "/data/wh");

        Assert.True(mapper.TryUnmap("/data/wh/t/data/a.parquet", out string location));
        Assert.False(mapper.TryUnmap("/data/other/a.parquet", out _));
        Assert.Equal("s3://bucket/wh/t/data/a.parquet", location);
    }

    [Fact]
    public async Task Fixture_table_reads_through_the_mapping()
    {
        var io = new LocalFileIO(new LocationMapper().Add("s3://hyperparam-iceberg", Metadata.Fixtures.IcebergRoot));

        InputFile hint = io.NewInputFile("s3a://hyperparam-iceberg/spark/bunnies/metadata/version-hint.text");

        Assert.True(await hint.ExistsAsync(TestContext.Current.CancellationToken));
        Assert.True(await hint.GetLengthAsync(TestContext.Current.CancellationToken) > 0);
    }
}
