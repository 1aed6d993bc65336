using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Sorting;
using Floe.Core.Types;

namespace Floe.Core.Tests.Metadata;

public sealed class NewTableTests
{
    internal static Schema ClientSchema() => new(
        [
            NestedField.Required(10, "id", PrimitiveType.Long),
            NestedField.Optional(20, "ts", PrimitiveType.TimestampTz),
            NestedField.Optional(30, "tags", ListType.OfOptional(31, PrimitiveType.String)),
            NestedField.Optional(40, "data", PrimitiveType.String),
        ],
        schemaId: 7,
        identifierFieldIds: [10]);

    internal static TableMetadata Create(FixedClock? clock = null)
    {
        var schema = ClientSchema();
        var spec = new PartitionSpecBuilder(schema).WithSpecId(4).Day("ts").Bucket("id", 8).Build();
        var order = new SortOrderBuilder(schema).WithOrderId(9).Desc("data").Build();
        return NewTable.Create(schema, spec, order, "file:///wh/db/t/", new Dictionary<string, string> { ["owner"] = "me", ["format-version"] = "2" },
            tableUuid: Guid.Parse("9c12d441-03fe-4693-9a96-a0705ddf69c1"), clock: clock ?? new FixedClock(1_700_000_000_000));
    }

    [Fact]
    public void Create_assigns_fresh_ids_and_rebinds_spec_and_order()
    {
        var m = Create();

        Assert.Equal(2, m.FormatVersion);
        Assert.Equal(0, m.CurrentSchemaId);
        Assert.Equal([1, 2, 3, 4], m.CurrentSchema.Columns.Select(c => c.Id));
        Assert.Equal(5, m.CurrentSchema.FindField("tags.element")!.Id);
        Assert.Equal(5, m.LastColumnId);
        Assert.Equal([1], m.CurrentSchema.IdentifierFieldIds);
        Assert.Equal(0, m.DefaultSpecId);
        Assert.Equal(["1000: ts_day: day(2)", "1001: id_bucket: bucket[8](1)"], m.DefaultSpec.Fields.Select(f => f.ToString()));
        Assert.Equal(1001, m.LastPartitionId);
        Assert.Equal(1, m.DefaultSortOrderId);
        Assert.Equal(4, m.DefaultSortOrder.Fields[0].SourceId);
        Assert.Equal(0, m.LastSequenceNumber);
        Assert.Null(m.CurrentSnapshotId);
        Assert.Empty(m.Refs);
        Assert.Equal(1_700_000_000_000, m.LastUpdatedMs);
        Assert.Equal("file:///wh/db/t", m.Location);
    }

    [Fact]
    public void Create_stores_zstd_and_drops_reserved_properties()
    {
        var m = Create();

        Assert.Equal("zstd", m.Property(IcebergWriteProperties.ParquetCompressionCodec.Key));
        Assert.Equal("me", m.Property("owner"));
        Assert.Null(m.Property("format-version"));
    }

    [Fact]
    public void Create_unpartitioned_unsorted_uses_java_defaults()
    {
        var m = NewTable.Create(ClientSchema(), null, null, "s3://b/t", clock: new FixedClock(1));

        Assert.Equal(999, m.LastPartitionId);
        Assert.True(m.DefaultSpec.IsUnpartitioned);
        Assert.Equal(0, m.DefaultSortOrderId);
        Assert.NotNull(m.TableUuid);
    }

    [Fact]
    public void Create_format_version_property_selects_v1()
    {
        var m = NewTable.Create(ClientSchema(), null, null, "s3://b/t", new Dictionary<string, string> { ["format-version"] = "1" });

        Assert.Equal(1, m.FormatVersion);
        Assert.Contains("\"partition-spec\"", TableMetadataWriter.ToJson(m));
    }

    [Fact]
    public void Create_newer_format_is_unsupported() =>
        Assert.Equal(FloeErrorKind.Unsupported, Assert.Throws<FloeException>(() => NewTable.Create(ClientSchema(), null, null, "s3://b/t", formatVersion: 3)).Kind);

    [Fact]
    public void Create_writes_readable_metadata()
    {
        var m = Create();

        var back = TableMetadataParser.Parse(TableMetadataWriter.ToJson(m));

        Assert.Equal(TableMetadataWriter.ToJson(m), TableMetadataWriter.ToJson(back));
        Assert.True(back.CurrentSchema.SameSchema(m.CurrentSchema));
    }
}

public sealed class SnapshotIdGeneratorTests
{
    [Fact]
    public void New_ids_are_positive_js_safe_and_distinct()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => SnapshotIdGenerator.NewId()).ToList();

        Assert.All(ids, id => Assert.InRange(id, 1, SnapshotIdGenerator.MaxId));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Null(NewTableTests.Create().SnapshotById(SnapshotIdGenerator.NewId(NewTableTests.Create())));
    }
}
