using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Sorting;
using Floe.Core.Transforms;
using Floe.Core.Types;

namespace Floe.Core.Tests.Metadata;

public sealed class MetadataUpdateTests
{
    private const string CreateTransaction = """
        [
          {"action": "assign-uuid", "uuid": "9c12d441-03fe-4693-9a96-a0705ddf69c1"},
          {"action": "upgrade-format-version", "format-version": 2},
          {"action": "add-schema", "schema": {"type": "struct", "schema-id": 0, "fields": [
              {"id": 1, "name": "id", "required": true, "type": "long"},
              {"id": 2, "name": "ts", "required": false, "type": "timestamptz"}]}, "last-column-id": 2},
          {"action": "set-current-schema", "schema-id": -1},
          {"action": "add-spec", "spec": {"fields": [{"name": "ts_day", "transform": "day", "source-id": 2}]}},
          {"action": "set-default-spec", "spec-id": -1},
          {"action": "add-sort-order", "sort-order": {"order-id": 1, "fields": [{"transform": "identity", "source-id": 1, "direction": "asc", "null-order": "nulls-first"}]}},
          {"action": "set-default-sort-order", "sort-order-id": -1},
          {"action": "set-location", "location": "s3://b/db/t"},
          {"action": "set-properties", "updates": {"owner": "me"}},
          {"action": "add-snapshot", "snapshot": {"snapshot-id": 42, "sequence-number": 1, "timestamp-ms": 1700000000000,
              "manifest-list": "s3://b/db/t/metadata/snap-42.avro", "summary": {"operation": "append"}, "schema-id": 0}},
          {"action": "set-snapshot-ref", "ref-name": "main", "type": "branch", "snapshot-id": 42}
        ]
        """;

    [Fact]
    public void Create_transaction_applies_in_order()
    {
        var updates = MetadataUpdateJson.ParseUpdates(CreateTransaction);

        var m = TableMetadataBuilder.ForNewTable(2, new FixedClock(1)).Apply(updates).Build();

        Assert.Equal(12, updates.Count);
        Assert.Equal(Guid.Parse("9c12d441-03fe-4693-9a96-a0705ddf69c1"), m.TableUuid);
        Assert.Equal(2, m.LastColumnId);
        Assert.Equal("1000: ts_day: day(2)", m.DefaultSpec.Fields[0].ToString());
        Assert.Equal(1000, m.LastPartitionId);
        Assert.Equal(1, m.DefaultSortOrderId);
        Assert.Equal("s3://b/db/t", m.Location);
        Assert.Equal(42, m.CurrentSnapshotId);
        Assert.Equal(1, m.LastSequenceNumber);
        Assert.Equal(1700000000000, m.LastUpdatedMs);
        Assert.Single(m.SnapshotLog);
    }

    [Fact]
    public void Add_spec_without_ids_assigns_after_last_partition_id()
    {
        var baseMetadata = TableMetadataBuilder.ForNewTable(2, new FixedClock(1)).Apply(MetadataUpdateJson.ParseUpdates(CreateTransaction)).Build();
        var update = MetadataUpdateJson.ParseUpdate("""{"action":"add-spec","spec":{"spec-id":0,"fields":[{"name":"ts_day","transform":"day","source-id":2},{"name":"id_bucket","transform":"bucket[4]","source-id":1}]}}""");

        var m = TableMetadataBuilder.From(baseMetadata).Apply([update]).Build();

        Assert.Equal([1001, 1002], m.SpecById(1)!.Fields.Select(f => f.FieldId));
        Assert.Equal(1002, m.LastPartitionId);
    }

    public static TheoryData<string> AllUpdates => new()
    {
        MetadataUpdateJson.ToJson(new MetadataUpdate.AssignUuid(Guid.Parse("9c12d441-03fe-4693-9a96-a0705ddf69c1"))),
        MetadataUpdateJson.ToJson(new MetadataUpdate.UpgradeFormatVersion(2)),
        MetadataUpdateJson.ToJson(new MetadataUpdate.AddSchema(new Schema([NestedField.Required(1, "id", PrimitiveType.Long)]), 1)),
        MetadataUpdateJson.ToJson(new MetadataUpdate.SetCurrentSchema(-1)),
        MetadataUpdateJson.ToJson(new MetadataUpdate.AddSpec(new PartitionSpec(0, [new PartitionField(1, 1000, "id_bucket", Transform.Bucket(4))]))),
        MetadataUpdateJson.ToJson(new MetadataUpdate.SetDefaultSpec(3)),
        MetadataUpdateJson.ToJson(new MetadataUpdate.AddSortOrder(new SortOrder(1, [new SortField(Transform.Identity, 1, SortDirection.Descending, NullOrder.NullsLast)]))),
        MetadataUpdateJson.ToJson(new MetadataUpdate.SetDefaultSortOrder(1)),
        MetadataUpdateJson.ToJson(new MetadataUpdate.AddSnapshot(new Snapshot { SnapshotId = 5, TimestampMs = 6, SequenceNumber = 1, ManifestList = "m", Operation = "append" })),
        MetadataUpdateJson.ToJson(new MetadataUpdate.SetSnapshotRef("dev", new SnapshotRef(5, SnapshotRefType.Branch, 2, 3, 4))),
        MetadataUpdateJson.ToJson(new MetadataUpdate.RemoveSnapshots([5, 6])),
        MetadataUpdateJson.ToJson(new MetadataUpdate.RemoveSnapshotRef("dev")),
        MetadataUpdateJson.ToJson(new MetadataUpdate.SetLocation("s3://x")),
        MetadataUpdateJson.ToJson(new MetadataUpdate.SetProperties(new Dictionary<string, string> { ["a"] = "b" })),
        MetadataUpdateJson.ToJson(new MetadataUpdate.RemoveProperties(["a"])),
        MetadataUpdateJson.ToJson(new MetadataUpdate.SetStatistics(new StatisticsFile { SnapshotId = 5, Path = "p", FileSizeInBytes = 1, FileFooterSizeInBytes = 1 })),
        MetadataUpdateJson.ToJson(new MetadataUpdate.RemoveStatistics(5)),
        MetadataUpdateJson.ToJson(new MetadataUpdate.SetPartitionStatistics(new PartitionStatisticsFile(5, "p", 1))),
        MetadataUpdateJson.ToJson(new MetadataUpdate.RemovePartitionStatistics(5)),
        MetadataUpdateJson.ToJson(new MetadataUpdate.RemovePartitionSpecs([1])),
        MetadataUpdateJson.ToJson(new MetadataUpdate.RemoveSchemas([1])),
    };

    [Theory]
    [MemberData(nameof(AllUpdates))]
    public void Update_json_round_trips(string json) =>
        Assert.Equal(json, MetadataUpdateJson.ToJson(MetadataUpdateJson.ParseUpdate(json)));

    [Fact]
    public void Set_snapshot_ref_is_flattened() =>
        Assert.Equal(
            """{"action":"set-snapshot-ref","ref-name":"dev","type":"branch","snapshot-id":5,"max-ref-age-ms":4,"max-snapshot-age-ms":3,"min-snapshots-to-keep":2}""",
            MetadataUpdateJson.ToJson(new MetadataUpdate.SetSnapshotRef("dev", new SnapshotRef(5, SnapshotRefType.Branch, 2, 3, 4))));

    [Theory]
    [InlineData("""{"action":"frobnicate"}""", "Unknown table update action 'frobnicate'")]
    [InlineData("""{"schema-id":1}""", "'action'")]
    [InlineData("""{"action":"set-current-schema"}""", "'schema-id'")]
    [InlineData("""{"action":"assign-uuid","uuid":"nope"}""", "Invalid UUID")]
    public void Update_invalid_is_invalid_data(string json, string expected)
    {
        var error = Assert.Throws<FloeException>(() => MetadataUpdateJson.ParseUpdate(json));

        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Requirements_json_round_trip_and_null_snapshot_id_is_explicit()
    {
        const string json = """[{"type":"assert-create"},{"type":"assert-table-uuid","uuid":"9c12d441-03fe-4693-9a96-a0705ddf69c1"},{"type":"assert-ref-snapshot-id","ref":"main","snapshot-id":null},{"type":"assert-last-assigned-field-id","last-assigned-field-id":2},{"type":"assert-current-schema-id","current-schema-id":0},{"type":"assert-last-assigned-partition-id","last-assigned-partition-id":1000},{"type":"assert-default-spec-id","default-spec-id":0},{"type":"assert-default-sort-order-id","default-sort-order-id":1}]""";

        var requirements = MetadataUpdateJson.ParseRequirements(json);

        Assert.Equal(json, "[" + string.Join(",", requirements.Select(MetadataUpdateJson.ToJson)) + "]");
        Assert.Contains("'snapshot-id'", Assert.Throws<FloeException>(() => MetadataUpdateJson.ParseRequirement("""{"type":"assert-ref-snapshot-id","ref":"main"}""")).Message);
    }

    [Fact]
    public void Requirements_validate()
    {
        var m = TableMetadataBuilder.ForNewTable(2, new FixedClock(1)).Apply(MetadataUpdateJson.ParseUpdates(CreateTransaction)).Build();

        new UpdateRequirement.AssertTableUuid(m.TableUuid!.Value).Validate(m);
        new UpdateRequirement.AssertRefSnapshotId("main", 42).Validate(m);
        new UpdateRequirement.AssertRefSnapshotId("dev", null).Validate(m);
        new UpdateRequirement.AssertRefSnapshotId("dev", -1).Validate(m);
        new UpdateRequirement.AssertLastAssignedFieldId(2).Validate(m);
        new UpdateRequirement.AssertCurrentSchemaId(0).Validate(m);
        new UpdateRequirement.AssertLastAssignedPartitionId(1000).Validate(m);
        new UpdateRequirement.AssertDefaultSpecId(0).Validate(m);
        new UpdateRequirement.AssertDefaultSortOrderId(1).Validate(m);
        new UpdateRequirement.AssertCreate().Validate(null);

        Conflict(new UpdateRequirement.AssertCreate(), m, "already exists");
        Conflict(new UpdateRequirement.AssertTableUuid(Guid.Empty), m, "UUID does not match");
        Conflict(new UpdateRequirement.AssertRefSnapshotId("main", null), m, "created concurrently");
        Conflict(new UpdateRequirement.AssertRefSnapshotId("main", 7), m, "has changed: expected snapshot 7 != 42");
        Conflict(new UpdateRequirement.AssertRefSnapshotId("dev", 7), m, "'dev' is missing");
        Conflict(new UpdateRequirement.AssertLastAssignedFieldId(1), m, "last assigned field id");
        Conflict(new UpdateRequirement.AssertCurrentSchemaId(1), m, "current schema");
        Conflict(new UpdateRequirement.AssertLastAssignedPartitionId(999), m, "last assigned partition id");
        Conflict(new UpdateRequirement.AssertDefaultSpecId(1), m, "default partition spec");
        Conflict(new UpdateRequirement.AssertDefaultSortOrderId(0), m, "default sort order");
        Assert.Equal(FloeErrorKind.NotFound, Assert.Throws<FloeException>(() => new UpdateRequirement.AssertCurrentSchemaId(0).Validate(null)).Kind);
    }

    private static void Conflict(UpdateRequirement requirement, TableMetadata metadata, string expected)
    {
        var error = Assert.Throws<FloeException>(() => requirement.Validate(metadata));

        Assert.Equal(FloeErrorKind.CommitConflict, error.Kind);
        Assert.Contains(expected, error.Message);
    }
}
