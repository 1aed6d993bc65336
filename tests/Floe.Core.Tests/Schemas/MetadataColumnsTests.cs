using Floe.Core.Schemas;

namespace Floe.Core.Tests.Schemas;

public sealed class MetadataColumnsTests
{
    [Fact]
    public void Reserved_ids_match_the_spec()
    {
        Assert.Equal(2147483646, MetadataColumns.File.Id);
        Assert.Equal(2147483645, MetadataColumns.RowPosition.Id);
        Assert.Equal(2147483644, MetadataColumns.IsDeleted.Id);
        Assert.Equal(2147483643, MetadataColumns.SpecId.Id);
        Assert.Equal(2147483642, MetadataColumns.PartitionColumnId);
        Assert.Equal(2147483546, MetadataColumns.DeleteFilePath.Id);
        Assert.Equal(2147483545, MetadataColumns.DeleteFilePosition.Id);
        Assert.Equal(2147483544, MetadataColumns.DeleteFileRowId);
        Assert.Equal(2147483447, MetadataColumns.ReservedIdStart);
    }

    [Fact]
    public void Lookup_and_position_delete_schema()
    {
        Assert.Same(MetadataColumns.RowPosition, MetadataColumns.ByName("_pos"));
        Assert.Null(MetadataColumns.ByName("pos"));
        Assert.True(MetadataColumns.IsMetadataColumn(2147483546));
        Assert.False(MetadataColumns.IsMetadataColumn(1000));
        Assert.Equal(["file_path", "pos"], MetadataColumns.PositionDeleteSchema.Columns.Select(c => c.Name));
    }
}
