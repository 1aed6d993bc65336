using Floe.Avro.Generic;
using Floe.Avro.Schemas;

namespace Floe.Avro.Tests;

/// <summary>Schemas and values shared by the tests.</summary>
internal static class TestSchemas
{
    /// <summary>A record using every Avro type, nested records, logical types and Iceberg-style attributes.</summary>
    public const string EveryTypeJson = """
        {"type":"record","name":"Everything","namespace":"floe.test","fields":[
          {"name":"n","type":"null"},
          {"name":"b","type":"boolean"},
          {"name":"i","type":"int"},
          {"name":"l","type":"long"},
          {"name":"f","type":"float"},
          {"name":"d","type":"double"},
          {"name":"by","type":"bytes"},
          {"name":"s","type":"string"},
          {"name":"color","type":{"type":"enum","name":"Color","symbols":["RED","GREEN","BLUE"]}},
          {"name":"md5","type":{"type":"fixed","name":"Md5","size":16}},
          {"name":"tags","type":{"type":"array","items":"string"}},
          {"name":"counts","type":{"type":"map","values":"long"}},
          {"name":"opt","type":["null","string"],"default":null},
          {"name":"multi","type":["null","int","string","Color"]},
          {"name":"inner","type":{"type":"record","name":"Inner","fields":[
            {"name":"x","type":"int","field-id":7},
            {"name":"again","type":["null","Inner"],"default":null}]}},
          {"name":"dec","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}},
          {"name":"decf","type":{"type":"fixed","name":"Dec16","size":16,"logicalType":"decimal","precision":38,"scale":4}},
          {"name":"uuid","type":{"type":"fixed","name":"Uuid16","size":16,"logicalType":"uuid"}},
          {"name":"date","type":{"type":"int","logicalType":"date"}},
          {"name":"tms","type":{"type":"int","logicalType":"time-millis"}},
          {"name":"tus","type":{"type":"long","logicalType":"time-micros"}},
          {"name":"tsms","type":{"type":"long","logicalType":"timestamp-millis"}},
          {"name":"tsus","type":{"type":"long","logicalType":"timestamp-micros","adjust-to-utc":true}},
          {"name":"lts","type":{"type":"long","logicalType":"local-timestamp-micros","adjust-to-utc":false}},
          {"name":"kv","type":{"type":"array","items":{"type":"record","name":"k1_v2","fields":[
            {"name":"key","type":"int","field-id":1},{"name":"value","type":"long","field-id":2}]},"logicalType":"map"}}
        ]}
        """;

    public static RecordSchema EveryType { get; } = (RecordSchema)AvroSchema.Parse(EveryTypeJson);

    /// <summary>A value of <see cref="EveryType"/> with distinctive contents.</summary>
    public static AvroRecord EveryTypeValue(int seed = 1)
    {
        RecordSchema schema = EveryType;
        var inner = (RecordSchema)schema.GetField("inner")!.Schema;
        var color = (EnumSchema)schema.GetField("color")!.Schema;
        var md5 = (FixedSchema)schema.GetField("md5")!.Schema;
        var dec16 = (FixedSchema)schema.GetField("decf")!.Schema;
        var uuid = (FixedSchema)schema.GetField("uuid")!.Schema;
        var kv = (RecordSchema)((ArraySchema)schema.GetField("kv")!.Schema).Items;
        var record = new AvroRecord(schema);
        record["n"] = null;
        record["b"] = seed % 2 == 1;
        record["i"] = -123456 * seed;
        record["l"] = 1234567890123L * seed;
        record["f"] = 1.5f * seed;
        record["d"] = -2.25 * seed;
        record["by"] = new byte[] { 0, 1, 2, 255, (byte)seed };
        record["s"] = "héllo wörld ✓ " + seed;
        record["color"] = AvroEnumValue.Of(color, "GREEN");
        record["md5"] = new AvroFixed(md5, Enumerable.Range(seed, 16).Select(x => (byte)x).ToArray());
        record["tags"] = new List<object?> { "a", "bb", string.Empty };
        record["counts"] = new Dictionary<string, object?> { ["x"] = 1L, ["y"] = -2L };
        record["opt"] = seed % 2 == 0 ? null : "present";
        record["multi"] = seed % 3 == 0 ? 42 : "text";
        var nested = new AvroRecord(inner, [7, null]);
        record["inner"] = new AvroRecord(inner, [seed, nested]);
        record["dec"] = AvroLogicalValues.DecimalToBytes(-12345.67m, 2);
        record["decf"] = new AvroFixed(dec16, AvroLogicalValues.DecimalToFixed(new System.Numerics.BigInteger(123456789012345678L), 16));
        record["uuid"] = new AvroFixed(uuid, AvroLogicalValues.UuidBytes(Guid.Parse("f79c3e09-677c-4d9c-8f2e-2c4fa5ab5d6e")));
        record["date"] = 19_000 + seed;
        record["tms"] = 45_296_789;
        record["tus"] = 45_296_789_012L;
        record["tsms"] = 1_700_000_000_123L;
        record["tsus"] = 1_700_000_000_123_456L;
        record["lts"] = 1_700_000_000_123_457L;
        record["kv"] = new List<object?> { new AvroRecord(kv, [1, 100L]), new AvroRecord(kv, [2, 200L]) };
        return record;
    }

    /// <summary>Iceberg's v2 manifest_entry schema as Java writes it (unpartitioned table).</summary>
    public const string IcebergManifestEntryJson =
        """{"type":"record","name":"manifest_entry","fields":[{"name":"status","type":"int","field-id":0},{"name":"snapshot_id","type":["null","long"],"default":null,"field-id":1},{"name":"sequence_number","type":["null","long"],"default":null,"field-id":3},{"name":"file_sequence_number","type":["null","long"],"default":null,"field-id":4},{"name":"data_file","type":{"type":"record","name":"r2","fields":[{"name":"content","type":"int","doc":"Contents of the file: 0=data, 1=position deletes, 2=equality deletes","field-id":134},{"name":"file_path","type":"string","doc":"Location URI with FS scheme","field-id":100},{"name":"file_format","type":"string","doc":"File format name: avro, orc, or parquet","field-id":101},{"name":"partition","type":{"type":"record","name":"r102","fields":[{"name":"day","type":["null",{"type":"int","logicalType":"date"}],"default":null,"field-id":1000}]},"doc":"Partition data tuple, schema based on the partition spec","field-id":102},{"name":"record_count","type":"long","doc":"Number of records in the file","field-id":103},{"name":"file_size_in_bytes","type":"long","doc":"Total file size in bytes","field-id":104},{"name":"column_sizes","type":["null",{"type":"array","items":{"type":"record","name":"k117_v118","fields":[{"name":"key","type":"int","field-id":117},{"name":"value","type":"long","field-id":118}]},"logicalType":"map"}],"doc":"Map of column id to total size on disk","default":null,"field-id":108},{"name":"lower_bounds","type":["null",{"type":"array","items":{"type":"record","name":"k126_v127","fields":[{"name":"key","type":"int","field-id":126},{"name":"value","type":"bytes","field-id":127}]},"logicalType":"map"}],"doc":"Map of column id to lower bound","default":null,"field-id":125},{"name":"split_offsets","type":["null",{"type":"array","items":"long","element-id":133}],"doc":"Splittable offsets","default":null,"field-id":132},{"name":"sort_order_id","type":["null","int"],"doc":"Sort order ID","default":null,"field-id":140}]},"field-id":2}]}""";
}
