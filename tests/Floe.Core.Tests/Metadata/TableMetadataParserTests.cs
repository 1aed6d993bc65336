using System.Text.Json.Nodes;
using Floe.Common.Errors;
using Floe.Core.Metadata;

namespace Floe.Core.Tests.Metadata;

public sealed class TableMetadataParserTests
{
    internal const string MinimalV2 = """
        {
          "format-version": 2,
          "table-uuid": "9c12d441-03fe-4693-9a96-a0705ddf69c1",
          "location": "file:///wh/db/t",
          "last-sequence-number": 1,
          "last-updated-ms": 1700000000123,
          "last-column-id": 4,
          "current-schema-id": 0,
          "schemas": [{"type": "struct", "schema-id": 0, "identifier-field-ids": [1],
                       "fields": [{"id": 1, "name": "id", "required": true, "type": "long"},
                                  {"id": 2, "name": "ts", "required": false, "type": "timestamptz"},
                                  {"id": 3, "name": "tags", "required": false,
                                   "type": {"type": "list", "element-id": 4, "element": "string", "element-required": false}}]}],
          "default-spec-id": 0,
          "partition-specs": [{"spec-id": 0, "fields": [{"source-id": 2, "field-id": 1000, "name": "ts_day", "transform": "day"}]}],
          "last-partition-id": 1000,
          "default-sort-order-id": 1,
          "sort-orders": [{"order-id": 0, "fields": []},
                          {"order-id": 1, "fields": [{"transform": "identity", "source-id": 1, "direction": "desc", "null-order": "nulls-last"}]}],
          "properties": {"write.parquet.compression-codec": "zstd"},
          "current-snapshot-id": 5512876123412,
          "refs": {"main": {"snapshot-id": 5512876123412, "type": "branch"},
                   "audit": {"snapshot-id": 5512876123412, "type": "tag", "max-ref-age-ms": 86400000},
                   "dev": {"snapshot-id": 5512876123412, "type": "branch", "min-snapshots-to-keep": 3, "max-snapshot-age-ms": 1000}},
          "snapshots": [{"snapshot-id": 5512876123412, "sequence-number": 1, "timestamp-ms": 1700000000100,
                         "manifest-list": "file:///wh/db/t/metadata/snap-5512876123412-1-x.avro",
                         "summary": {"operation": "append", "added-data-files": "1", "added-records": "10"},
                         "schema-id": 0}],
          "statistics": [{"snapshot-id": 5512876123412, "statistics-path": "file:///wh/db/t/metadata/s.puffin",
                          "file-size-in-bytes": 100, "file-footer-size-in-bytes": 40,
                          "blob-metadata": [{"type": "apache-datasketches-theta-v1", "snapshot-id": 5512876123412,
                                             "sequence-number": 1, "fields": [1], "properties": {"ndv": "10"}}]}],
          "partition-statistics": [{"snapshot-id": 5512876123412, "statistics-path": "file:///wh/db/t/metadata/p.parquet", "file-size-in-bytes": 50}],
          "snapshot-log": [{"timestamp-ms": 1700000000100, "snapshot-id": 5512876123412}],
          "metadata-log": [{"timestamp-ms": 1699999999000, "metadata-file": "file:///wh/db/t/metadata/00000-a.metadata.json"}],
          "some-future-field": {"x": [1, 2, {"y": null}]}
        }
        """;

    [Fact]
    public void Minimal_v2_reads_every_field()
    {
        var m = TableMetadataParser.Parse(MinimalV2, "file:///wh/db/t/metadata/00001-b.metadata.json");

        Assert.Equal(2, m.FormatVersion);
        Assert.Equal(1, m.LastSequenceNumber);
        Assert.Equal(1700000000123, m.LastUpdatedMs);
        Assert.Equal([1], m.CurrentSchema.IdentifierFieldIds);
        Assert.Equal("ts_day", m.DefaultSpec.Fields[0].Name);
        Assert.Equal(1, m.DefaultSortOrder.OrderId);
        Assert.Equal(new SnapshotRef(5512876123412, SnapshotRefType.Tag, MaxRefAgeMs: 86400000), m.Ref("audit"));
        Assert.Equal(new SnapshotRef(5512876123412, SnapshotRefType.Branch, 3, 1000), m.Ref("dev"));
        Assert.Equal("10", m.CurrentSnapshot!.Summary["added-records"]);
        Assert.DoesNotContain("operation", m.CurrentSnapshot.Summary.Keys);
        Assert.Equal(0, m.CurrentSnapshot.SchemaId);
        Assert.Equal("10", m.Statistics[0].BlobMetadata[0].Properties!["ndv"]);
        Assert.Equal(50, m.PartitionStatistics[0].FileSizeInBytes);
        Assert.Equal(new SnapshotLogEntry(1700000000100, 5512876123412), m.SnapshotLog[0]);
        Assert.Equal("file:///wh/db/t/metadata/00000-a.metadata.json", m.MetadataLog[0].MetadataFile);
        Assert.Equal("file:///wh/db/t/metadata/00001-b.metadata.json", m.MetadataFileLocation);
    }

    [Fact]
    public void Minimal_v2_round_trips()
    {
        string written = TableMetadataWriter.ToJson(TableMetadataParser.Parse(MinimalV2));

        var node = JsonNode.Parse(MinimalV2)!.AsObject();
        node.Remove("some-future-field");
        JsonAssert.Covers(node.ToJsonString(), written);
        Assert.Equal(written, TableMetadataWriter.ToJson(TableMetadataParser.Parse(written)));
    }

    [Fact]
    public void Writer_uses_java_key_order()
    {
        string written = TableMetadataWriter.ToJson(TableMetadataParser.Parse(MinimalV2), indented: false);
        string[] keys =
        [
            "format-version", "table-uuid", "location", "last-sequence-number", "last-updated-ms", "last-column-id",
            "current-schema-id", "schemas", "default-spec-id", "partition-specs", "last-partition-id", "default-sort-order-id",
            "sort-orders", "properties", "current-snapshot-id", "refs", "snapshots", "statistics", "partition-statistics",
            "snapshot-log", "metadata-log",
        ];

        var order = JsonNode.Parse(written)!.AsObject().Select(p => p.Key);

        Assert.Equal(keys, order);
    }

    [Fact]
    public void No_snapshot_minus_one_is_null_and_written_back()
    {
        var m = TableMetadataParser.Parse(Edit(n =>
        {
            n["current-snapshot-id"] = -1;
            n["refs"] = new JsonObject();
            n["snapshots"] = new JsonArray();
            n["snapshot-log"] = new JsonArray();
            n["statistics"] = new JsonArray();
            n["partition-statistics"] = new JsonArray();
        }));

        Assert.Null(m.CurrentSnapshotId);
        Assert.Null(m.CurrentSnapshot);
        Assert.Contains("\"current-snapshot-id\": -1", TableMetadataWriter.ToJson(m));
        Assert.Null(TableMetadataParser.Parse(Edit(n => { n["current-snapshot-id"] = null; n.Remove("refs"); n["snapshots"] = new JsonArray(); n["statistics"] = new JsonArray(); n["partition-statistics"] = new JsonArray(); })).CurrentSnapshotId);
    }

    [Fact]
    public void Missing_refs_synthesize_main()
    {
        var m = TableMetadataParser.Parse(Edit(n => n.Remove("refs")));

        Assert.Equal(SnapshotRef.Branch(5512876123412), m.Ref("main"));
    }

    [Theory]
    [InlineData("table-uuid")]
    [InlineData("last-sequence-number")]
    [InlineData("schemas")]
    [InlineData("current-schema-id")]
    [InlineData("partition-specs")]
    [InlineData("default-spec-id")]
    [InlineData("last-partition-id")]
    [InlineData("sort-orders")]
    [InlineData("default-sort-order-id")]
    [InlineData("location")]
    [InlineData("last-updated-ms")]
    [InlineData("last-column-id")]
    [InlineData("format-version")]
    public void V2_required_field_missing_is_named(string field) =>
        AssertInvalid(Edit(n => n.Remove(field)), $"'{field}'");

    [Fact]
    public void Ref_main_must_equal_current_snapshot() =>
        AssertInvalid(Edit(n =>
        {
            var other = n["snapshots"]![0]!.DeepClone();
            other["snapshot-id"] = 7;
            n["snapshots"]!.AsArray().Add(other);
            n["refs"]!["main"]!["snapshot-id"] = 7;
        }), "refs.main points at snapshot 7 but current-snapshot-id is 5512876123412");

    [Fact]
    public void Ref_main_without_current_snapshot_is_invalid() =>
        AssertInvalid(Edit(n => n["current-snapshot-id"] = -1), "no current-snapshot-id");

    [Fact]
    public void Ref_to_unknown_snapshot_is_invalid() =>
        AssertInvalid(Edit(n => n["refs"]!["dev"]!["snapshot-id"] = 9), "ref 'dev'");

    [Fact]
    public void Sequence_number_above_last_is_invalid() =>
        AssertInvalid(Edit(n => n["last-sequence-number"] = 0), "last-sequence-number");

    [Fact]
    public void Current_schema_must_exist() => AssertInvalid(Edit(n => n["current-schema-id"] = 3), "current-schema-id 3");

    [Fact]
    public void Default_spec_must_exist() => AssertInvalid(Edit(n => n["default-spec-id"] = 3), "default-spec-id 3");

    [Fact]
    public void Default_sort_order_must_exist() => AssertInvalid(Edit(n => n["default-sort-order-id"] = 3), "default-sort-order-id 3");

    [Fact]
    public void Current_snapshot_must_exist() =>
        AssertInvalid(Edit(n => { n["current-snapshot-id"] = 4; n.Remove("refs"); }), "current-snapshot-id 4");

    [Fact]
    public void Last_column_id_below_field_ids_is_invalid() => AssertInvalid(Edit(n => n["last-column-id"] = 3), "last-column-id 3");

    [Fact]
    public void Last_partition_id_below_field_ids_is_invalid() => AssertInvalid(Edit(n => n["last-partition-id"] = 999), "last-partition-id 999");

    [Fact]
    public void Duplicate_snapshot_ids_are_invalid() =>
        AssertInvalid(Edit(n => n["snapshots"]!.AsArray().Add(n["snapshots"]![0]!.DeepClone())), "more than once");

    [Fact]
    public void V2_snapshot_without_manifest_list_is_invalid() =>
        AssertInvalid(Edit(n => n["snapshots"]![0]!.AsObject().Remove("manifest-list")), "'manifest-list'");

    [Fact]
    public void Wrong_token_type_names_field() => AssertInvalid(Edit(n => n["last-column-id"] = "4"), "'last-column-id' must be a 32-bit integer");

    [Fact]
    public void Bad_uuid_is_invalid() => AssertInvalid(Edit(n => n["table-uuid"] = "xyz"), "table-uuid 'xyz'");

    [Fact]
    public void Newer_format_version_is_unsupported()
    {
        var error = Assert.Throws<FloeException>(() => TableMetadataParser.Parse(Edit(n => n["format-version"] = 3)));

        Assert.Equal(FloeErrorKind.Unsupported, error.Kind);
        Assert.Contains("format-version 3", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{\"format-version\": 2} trailing")]
    public void Garbage_is_invalid_data(string json)
    {
        var error = Assert.Throws<FloeException>(() => TableMetadataParser.Parse(json));

        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
    }

    [Fact]
    public void V1_with_only_deprecated_fields_reads_and_writes_both()
    {
        const string v1 = """
            {"format-version": 1, "location": "s3://b/t", "last-updated-ms": 5, "last-column-id": 2,
             "schema": {"type": "struct", "fields": [{"id": 1, "name": "a", "required": false, "type": "int"},
                                                     {"id": 2, "name": "b", "required": false, "type": "string"}]},
             "partition-spec": [{"name": "a", "transform": "identity", "source-id": 1}],
             "properties": {}, "current-snapshot-id": 11,
             "snapshots": [{"snapshot-id": 11, "timestamp-ms": 5, "manifests": ["s3://b/t/metadata/m.avro"], "summary": {"operation": "append"}}]}
            """;

        var m = TableMetadataParser.Parse(v1);

        Assert.Equal(1, m.FormatVersion);
        Assert.Null(m.TableUuid);
        Assert.Equal(0, m.CurrentSchemaId);
        Assert.Equal(1000, m.DefaultSpec.Fields[0].FieldId);
        Assert.Equal(1000, m.LastPartitionId);
        Assert.True(m.DefaultSortOrder.IsUnsorted);
        Assert.Equal(["s3://b/t/metadata/m.avro"], m.CurrentSnapshot!.Manifests!);
        Assert.Equal(0, m.CurrentSnapshot.SequenceNumber);
        Assert.Equal(SnapshotRef.Branch(11), m.Ref("main"));

        string written = TableMetadataWriter.ToJson(m, indented: false);
        Assert.Contains("\"schema\":{", written);
        Assert.Contains("\"partition-spec\":[{", written);
        Assert.Contains("\"manifests\":[", written);
        Assert.DoesNotContain("last-sequence-number", written);
        Assert.Equal(written, TableMetadataWriter.ToJson(TableMetadataParser.Parse(written), indented: false));
    }

    [Fact]
    public void Summary_without_operation_reads_as_overwrite() =>
        Assert.Equal(SnapshotOperations.Overwrite, TableMetadataParser.Parse(Edit(n => n["snapshots"]![0]!["summary"]!.AsObject().Remove("operation"))).CurrentSnapshot!.Operation);

    internal static string Edit(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(MinimalV2)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    private static void AssertInvalid(string json, string expected)
    {
        var error = Assert.Throws<FloeException>(() => TableMetadataParser.Parse(json));

        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
        Assert.Contains(expected, error.Message);
    }
}
