using Floe.PrimaryKeys.Model;

namespace Floe.PrimaryKeys.Tests.Model;

public sealed class PrimaryKeyFileNameTests
{
    [Fact]
    public void Names_follow_the_pattern_and_parse_back_with_a_guid_operation_id()
    {
        var name = new PrimaryKeyFileName(new DataTreeNode(3, 2), PrimaryKeyFileKind.EqualityDelete, 17, 3, 0, "2f1c5e0a-aaaa-bbbb-cccc-0123456789ab", 2);
        string text = name.Format();
        Assert.Equal("6-ED-17-00003-0-2f1c5e0a-aaaa-bbbb-cccc-0123456789ab-00002.parquet", text);
        Assert.Equal(name, PrimaryKeyFileName.TryParse("/w/t/change/data/p=1/" + text));
    }

    [Theory]
    [InlineData("00000-0-5a4b-00001.parquet")]
    [InlineData("6-XX-17-00003-0-op-00002.parquet")]
    [InlineData("0-I-17-00003-0-op-00002.parquet")]
    [InlineData("6-I-x-00003-0-op-00002.parquet")]
    [InlineData("6-I-1-00003-0--00002.parquet")]
    public void Other_names_do_not_parse(string name) => Assert.Null(PrimaryKeyFileName.TryParse(name));

    [Fact]
    public void Files_with_other_names_are_root_files_as_amoro_reads_them()
    {
        Assert.Equal((DataTreeNode.Root, PrimaryKeyFileKind.Base, 0L), PrimaryKeyFiles.OfBaseFile("/x/data/00000-0-abc-00001.parquet"));
        Assert.Equal((DataTreeNode.Root, PrimaryKeyFileKind.Insert, 9L), PrimaryKeyFiles.OfChangeFile("/x/data/00000-0-abc-00001.parquet", 9));
        Assert.Equal((new DataTreeNode(1, 1), PrimaryKeyFileKind.EqualityDelete, 4L), PrimaryKeyFiles.OfChangeFile("/x/3-ED-4-00000-0-op-00001.parquet", 9));
        Assert.Equal((new DataTreeNode(1, 0), PrimaryKeyFileKind.Base, 4L), PrimaryKeyFiles.OfBaseFile("/x/2-B-4-00000-0-op-00001.parquet"));
    }
}
