using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Sorting;
using Floe.Core.Transforms;
using Floe.Core.Types;

namespace Floe.Core.Tests.Metadata;

public sealed class TableMetadataBuilderTests
{
    private const string FirstFile = "file:///wh/db/t/metadata/00000-a.metadata.json";

    private readonly FixedClock _clock = new(1_700_000_000_000);

    private TableMetadata Base() => NewTableTests.Create(_clock).WithMetadataFileLocation(FirstFile);

    private TableMetadataBuilder Builder() => TableMetadataBuilder.From(Base(), _clock);

    private static Snapshot Snap(long id, long seq, long? parent, long ts = 1_700_000_001_000) => new()
    {
        SnapshotId = id,
        ParentSnapshotId = parent,
        SequenceNumber = seq,
        TimestampMs = ts,
        ManifestList = $"file:///wh/db/t/metadata/snap-{id}.avro",
        Operation = SnapshotOperations.Append,
        Summary = new Dictionary<string, string> { ["added-records"] = "1" },
        SchemaId = 0,
    };

    [Theory]
    [InlineData(3)]
    [InlineData(40)]
    public void Snapshots_are_found_by_id_and_ancestry_walks_back_through_parents(int count)
    {
        TableMetadataBuilder builder = Builder();
        for (int i = 0; i < count; i++)
        {
            builder.AddSnapshot(Snap(100 + i, i + 1, i == 0 ? null : 99 + i, 1_700_000_001_000 + i));
        }

        TableMetadata m = builder.SetBranchSnapshot(99 + count).Build();

        for (int i = 0; i < count; i++)
        {
            Assert.Equal(i + 1, m.SnapshotById(100 + i)!.SequenceNumber);
        }

        Assert.Null(m.SnapshotById(99));
        Assert.Null(m.SnapshotById(100 + count));
        Assert.Equal(99 + count, m.CurrentSnapshot!.SnapshotId);
        Assert.Equal(Enumerable.Range(100, count).Reverse().Select(id => (long)id), m.Ancestors(99 + count).Select(s => s.SnapshotId));
        Assert.Equal(m.SnapshotById(100 + (count / 2)), m.WithMetadataFileLocation("file:/t/v9.metadata.json").SnapshotById(100 + (count / 2)));
    }

    [Fact]
    public void No_changes_returns_base()
    {
        var b = Base();

        Assert.Same(b, TableMetadataBuilder.From(b).SetLocation("file:///wh/db/t").SetProperties(new Dictionary<string, string> { ["owner"] = "me" }).Build());
    }

    [Fact]
    public void Append_add_snapshot_and_set_main_updates_everything()
    {
        var m = Builder().AddSnapshot(Snap(100, 1, null)).SetBranchSnapshot(100).Build();

        Assert.Equal(100, m.CurrentSnapshotId);
        Assert.Equal(SnapshotRef.Branch(100), m.Ref("main"));
        Assert.Equal(1, m.LastSequenceNumber);
        Assert.Equal(1_700_000_001_000, m.LastUpdatedMs);
        Assert.Equal([new SnapshotLogEntry(1_700_000_001_000, 100)], m.SnapshotLog);
        Assert.Equal([new MetadataLogEntry(1_700_000_000_000, FirstFile)], m.MetadataLog);
    }

    [Fact]
    public void Stale_snapshot_is_commit_conflict()
    {
        var m = Builder().AddSnapshot(Snap(100, 1, null)).SetBranchSnapshot(100).Build();

        var error = Assert.Throws<FloeException>(() => TableMetadataBuilder.From(m).AddSnapshot(Snap(101, 1, 100)));

        Assert.Equal(FloeErrorKind.CommitConflict, error.Kind);
        Assert.True(error.IsRetryable);
        Assert.Contains("last sequence number 1", error.Message);
    }

    [Fact]
    public void Duplicate_snapshot_is_rejected()
    {
        var m = Builder().AddSnapshot(Snap(100, 1, null)).Build();

        Assert.Contains("already exists", Assert.Throws<FloeException>(() => TableMetadataBuilder.From(m).AddSnapshot(Snap(100, 2, null))).Message);
    }

    [Fact]
    public void Set_ref_unknown_snapshot_is_rejected() =>
        Assert.Contains("unknown snapshot 5", Assert.Throws<FloeException>(() => Builder().SetRef("main", SnapshotRef.Branch(5))).Message);

    [Fact]
    public void Set_ref_main_as_tag_is_rejected() =>
        Assert.Contains("must be a branch", Assert.Throws<FloeException>(() => Builder().AddSnapshot(Snap(100, 1, null)).SetRef("main", SnapshotRef.Tag(100))).Message);

    [Fact]
    public void Tags_and_remove_ref()
    {
        var m = Builder().AddSnapshot(Snap(100, 1, null)).SetBranchSnapshot(100)
            .SetRef("v1", new SnapshotRef(100, SnapshotRefType.Tag, MaxRefAgeMs: 5)).Build();
        Assert.Equal(5, m.Ref("v1")!.MaxRefAgeMs);

        var removed = TableMetadataBuilder.From(m, _clock).RemoveRef("v1").RemoveRef("main").Build();

        Assert.Null(removed.Ref("v1"));
        Assert.Null(removed.CurrentSnapshotId);
        Assert.Contains("\"current-snapshot-id\": -1", TableMetadataWriter.ToJson(removed));
    }

    [Fact]
    public void Set_branch_snapshot_keeps_retention_settings()
    {
        var m = Builder().AddSnapshot(Snap(100, 1, null)).AddSnapshot(Snap(101, 2, 100))
            .SetRef("dev", new SnapshotRef(100, SnapshotRefType.Branch, MinSnapshotsToKeep: 2)).Build();

        var moved = TableMetadataBuilder.From(m).SetBranchSnapshot(101, "dev").Build();

        Assert.Equal(new SnapshotRef(101, SnapshotRefType.Branch, MinSnapshotsToKeep: 2), moved.Ref("dev"));
        Assert.Null(moved.CurrentSnapshotId);
    }

    [Fact]
    public void Remove_snapshots_drops_refs_stats_and_older_history()
    {
        var m = Builder()
            .AddSnapshot(Snap(100, 1, null, 10)).SetBranchSnapshot(100)
            .AddSnapshot(Snap(101, 2, 100, 20)).SetBranchSnapshot(101)
            .AddSnapshot(Snap(102, 3, 101, 30)).SetBranchSnapshot(102)
            .SetRef("old", SnapshotRef.Tag(101))
            .SetStatistics(new StatisticsFile { SnapshotId = 101, Path = "p", FileSizeInBytes = 1, FileFooterSizeInBytes = 1 })
            .SetPartitionStatistics(new PartitionStatisticsFile(101, "q", 1))
            .Build();
        Assert.Equal(3, m.SnapshotLog.Count);

        var expired = TableMetadataBuilder.From(m, _clock).RemoveSnapshots([101]).Build();

        Assert.Equal([100, 102], expired.Snapshots.Select(s => s.SnapshotId));
        Assert.Null(expired.Ref("old"));
        Assert.Empty(expired.Statistics);
        Assert.Empty(expired.PartitionStatistics);
        Assert.Equal([102], expired.SnapshotLog.Select(e => e.SnapshotId));
        Assert.Equal(102, expired.CurrentSnapshotId);
    }

    [Fact]
    public void Add_schema_new_id_and_last_column_id_set_current_with_last_added()
    {
        var b = Base();
        var evolved = new UpdateSchema(b.CurrentSchema, b.LastColumnId).AddColumn("extra", PrimitiveType.Int).Apply();

        var m = TableMetadataBuilder.From(b).AddSchema(evolved).SetCurrentSchema(TableMetadataBuilder.LastAdded).Build();

        Assert.Equal(1, m.CurrentSchemaId);
        Assert.Equal(6, m.LastColumnId);
        Assert.Equal(2, m.Schemas.Count);
    }

    [Fact]
    public void Add_schema_equal_to_existing_is_reused()
    {
        var b = Base();
        var builder = TableMetadataBuilder.From(b).AddSchema(b.CurrentSchema.WithSchemaId(42));

        Assert.Equal(0, builder.LastAddedSchemaId);
        Assert.Same(b, builder.SetCurrentSchema(TableMetadataBuilder.LastAdded).Build());
    }

    [Fact]
    public void Add_schema_last_column_id_may_not_go_back() =>
        Assert.Contains("below the table's last-column-id",
            Assert.Throws<FloeException>(() => Builder().AddSchema(Base().CurrentSchema, lastColumnId: 2)).Message);

    [Fact]
    public void Set_current_last_added_without_add_fails()
    {
        Assert.Contains("no schema has been added", Assert.Throws<FloeException>(() => Builder().SetCurrentSchema(-1)).Message);
        Assert.Contains("unknown schema id 9", Assert.Throws<FloeException>(() => Builder().SetCurrentSchema(9)).Message);
    }

    [Fact]
    public void Add_spec_evolved_spec_gets_new_id_and_last_partition_id()
    {
        var b = Base();
        var evolved = new UpdatePartitionSpec(2, b.DefaultSpec, b.CurrentSchema, b.LastPartitionId, b.Specs).AddField("data", Transform.Truncate(4)).Apply();

        var m = TableMetadataBuilder.From(b).AddPartitionSpec(evolved).SetDefaultPartitionSpec(-1).Build();

        Assert.Equal(1, m.DefaultSpecId);
        Assert.Equal(1002, m.LastPartitionId);
        Assert.Equal(2, m.Specs.Count);
    }

    [Fact]
    public void Add_spec_invalid_is_rejected() =>
        Assert.Contains("Invalid source type", Assert.Throws<FloeException>(() =>
            Builder().AddPartitionSpec(new PartitionSpec(0, [new PartitionField(4, 1005, "x", Core.Transforms.Transform.Day)]))).Message);

    [Fact]
    public void Add_sort_order_new_ids_and_unsorted_zero()
    {
        var b = Base();
        var order = new SortOrderBuilder(b.CurrentSchema).Asc("id").Build();

        var builder = TableMetadataBuilder.From(b).AddSortOrder(order);
        Assert.Equal(2, builder.LastAddedSortOrderId);
        builder.AddSortOrder(SortOrder.Unsorted);
        Assert.Equal(0, builder.LastAddedSortOrderId);

        var m = builder.SetDefaultSortOrder(-1).Build();
        Assert.Equal(0, m.DefaultSortOrderId);
        Assert.Equal([1, 2, 0], m.SortOrders.Select(o => o.OrderId));
    }

    [Fact]
    public void Properties_set_and_remove()
    {
        var m = Builder().SetProperties(new Dictionary<string, string> { ["a"] = "1", ["current-snapshot-id"] = "9" }).RemoveProperties(["owner"]).Build();

        Assert.Equal("1", m.Property("a"));
        Assert.Null(m.Property("owner"));
        Assert.Null(m.Property("current-snapshot-id"));
    }

    [Fact]
    public void Upgrade_format_version_only_upwards()
    {
        var v1 = NewTable.Create(NewTableTests.ClientSchema(), null, null, "s3://b/t", formatVersion: 1);

        var v2 = TableMetadataBuilder.From(v1).UpgradeFormatVersion(2).Build();

        Assert.Equal(2, v2.FormatVersion);
        Assert.Contains("downgrade", Assert.Throws<FloeException>(() => TableMetadataBuilder.From(v2).UpgradeFormatVersion(1)).Message);
        Assert.Equal(FloeErrorKind.Unsupported, Assert.Throws<FloeException>(() => TableMetadataBuilder.From(v2).UpgradeFormatVersion(3)).Kind);
    }

    [Fact]
    public void Set_location_and_assign_uuid()
    {
        var uuid = Guid.NewGuid();

        var m = Builder().SetLocation("s3://other/t/").AssignUuid(uuid).Build();

        Assert.Equal("s3://other/t", m.Location);
        Assert.Equal(uuid, m.TableUuid);
    }

    [Fact]
    public void Metadata_log_is_trimmed_to_previous_versions_max()
    {
        var m = Builder().SetProperties(new Dictionary<string, string> { [MetadataProperties.PreviousVersionsMax.Key] = "2" }).Build();
        for (int i = 1; i <= 4; i++)
        {
            m = TableMetadataBuilder.From(m.WithMetadataFileLocation($"f{i}"), _clock).SetProperties(new Dictionary<string, string> { ["i"] = $"{i}" }).Build();
        }

        Assert.Equal(["f3", "f4"], m.MetadataLog.Select(e => e.MetadataFile));
    }

    [Fact]
    public void Last_updated_is_now_without_snapshot()
    {
        _clock.UnixMs = 1_800_000_000_000;

        var m = Builder().SetProperties(new Dictionary<string, string> { ["x"] = "y" }).Build();

        Assert.Equal(1_800_000_000_000, m.LastUpdatedMs);
    }

    [Fact]
    public void Remove_schemas_and_specs_protect_current_ones()
    {
        Assert.Contains("current schema", Assert.Throws<FloeException>(() => Builder().RemoveSchemas([0])).Message);
        Assert.Contains("default partition spec", Assert.Throws<FloeException>(() => Builder().RemovePartitionSpecs([0])).Message);
    }

    [Fact]
    public void Create_transaction_from_empty_builder()
    {
        var schema = new Schema([NestedField.Required(1, "id", PrimitiveType.Long)]);

        var m = TableMetadataBuilder.ForNewTable(2, _clock)
            .AssignUuid(Guid.Parse("9c12d441-03fe-4693-9a96-a0705ddf69c1"))
            .AddSchema(schema).SetCurrentSchema(-1)
            .AddPartitionSpec(PartitionSpec.Unpartitioned).SetDefaultPartitionSpec(-1)
            .AddSortOrder(SortOrder.Unsorted).SetDefaultSortOrder(-1)
            .SetLocation("s3://b/t")
            .AddSnapshot(Snap(1, 1, null)).SetBranchSnapshot(1)
            .Build();

        Assert.Equal(1, m.CurrentSnapshotId);
        Assert.Equal(999, m.LastPartitionId);
        Assert.Empty(m.MetadataLog);
    }

    [Fact]
    public void V1_snapshots_without_sequence_numbers_and_positional_spec_ids()
    {
        var v1 = NewTable.Create(NewTableTests.ClientSchema(), null, null, "s3://b/t", formatVersion: 1, clock: _clock);
        var snapshot = new Snapshot { SnapshotId = 7, TimestampMs = 5, Manifests = ["s3://b/t/metadata/m.avro"], Operation = SnapshotOperations.Append };

        var m = TableMetadataBuilder.From(v1).AddSnapshot(snapshot).SetBranchSnapshot(7).Build();

        Assert.Equal(0, m.LastSequenceNumber);
        Assert.Equal(7, m.CurrentSnapshotId);
        var gap = new PartitionSpec(0, [new PartitionField(1, 1001, "id", Core.Transforms.Transform.Identity)]);
        Assert.Contains("must have id 1000", Assert.Throws<FloeException>(() => TableMetadataBuilder.From(v1).AddPartitionSpec(gap)).Message);
    }

    [Fact]
    public void V2_snapshot_without_manifest_list_is_rejected() =>
        Assert.Contains("manifest list", Assert.Throws<FloeException>(() => Builder().AddSnapshot(new Snapshot { SnapshotId = 7, TimestampMs = 5, Manifests = ["m"] })).Message);

    [Fact]
    public void Build_without_schema_fails() =>
        Assert.Throws<FloeException>(() => TableMetadataBuilder.ForNewTable().SetLocation("s3://b/t").Build());
}
