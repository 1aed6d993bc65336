using Floe.Core.Types;
using static Floe.Core.Types.NestedField;

namespace Floe.Core.Manifests;

/// <summary>
/// The manifest and manifest list schemas as Iceberg schemas, which Java stores in the <c>iceberg.schema</c> header
/// key beside the Avro schema (same fields, ids and docs as <see cref="ManifestAvroSchemas"/>).
/// </summary>
internal static class ManifestIcebergSchemas
{
    public static Schemas.Schema Entry(int formatVersion, StructType partitionType)
    {
        bool v2 = formatVersion >= 2;
        var file = new List<NestedField>();
        if (v2)
        {
            file.Add(Required(134, "content", PrimitiveType.Int, "Contents of the file: 0=data, 1=position deletes, 2=equality deletes"));
        }

        file.Add(Required(100, "file_path", PrimitiveType.String, "Location URI with FS scheme"));
        file.Add(Required(101, "file_format", PrimitiveType.String, "File format name: avro, orc, or parquet"));
        file.Add(Required(102, "partition", partitionType, "Partition data tuple, schema based on the partition spec"));
        file.Add(Required(103, "record_count", PrimitiveType.Long, "Number of records in the file"));
        file.Add(Required(104, "file_size_in_bytes", PrimitiveType.Long, "Total file size in bytes"));
        if (!v2)
        {
            file.Add(Required(105, "block_size_in_bytes", PrimitiveType.Long));
        }

        file.Add(Optional(108, "column_sizes", MapType.OfRequired(117, PrimitiveType.Int, 118, PrimitiveType.Long), "Map of column id to total size on disk"));
        file.Add(Optional(109, "value_counts", MapType.OfRequired(119, PrimitiveType.Int, 120, PrimitiveType.Long), "Map of column id to total count, including null and NaN"));
        file.Add(Optional(110, "null_value_counts", MapType.OfRequired(121, PrimitiveType.Int, 122, PrimitiveType.Long), "Map of column id to null value count"));
        file.Add(Optional(137, "nan_value_counts", MapType.OfRequired(138, PrimitiveType.Int, 139, PrimitiveType.Long), "Map of column id to number of NaN values in the column"));
        file.Add(Optional(125, "lower_bounds", MapType.OfRequired(126, PrimitiveType.Int, 127, PrimitiveType.Binary), "Map of column id to lower bound"));
        file.Add(Optional(128, "upper_bounds", MapType.OfRequired(129, PrimitiveType.Int, 130, PrimitiveType.Binary), "Map of column id to upper bound"));
        file.Add(Optional(131, "key_metadata", PrimitiveType.Binary, "Encryption key metadata blob"));
        file.Add(Optional(132, "split_offsets", ListType.OfRequired(133, PrimitiveType.Long), "Splittable offsets"));
        if (v2)
        {
            file.Add(Optional(135, "equality_ids", ListType.OfRequired(136, PrimitiveType.Int), "Equality comparison field IDs"));
        }

        file.Add(Optional(140, "sort_order_id", PrimitiveType.Int, "Sort order ID"));
        if (v2)
        {
            file.Add(Optional(143, "referenced_data_file", PrimitiveType.String,
                "Fully qualified location (URI with FS scheme) of a data file that all deletes reference"));
        }

        var entry = new List<NestedField>
        {
            Required(0, "status", PrimitiveType.Int),
            Optional(1, "snapshot_id", PrimitiveType.Long),
        };
        if (v2)
        {
            entry.Add(Optional(3, "sequence_number", PrimitiveType.Long));
            entry.Add(Optional(4, "file_sequence_number", PrimitiveType.Long));
        }

        entry.Add(Required(2, "data_file", new StructType(file)));
        return new Schemas.Schema(entry);
    }

    public static Schemas.Schema List(int formatVersion)
    {
        bool v2 = formatVersion >= 2;
        Func<int, string, IcebergType, string?, NestedField> counted = v2 ? Required : Optional;
        var fields = new List<NestedField>
        {
            Required(500, "manifest_path", PrimitiveType.String, "Location URI with FS scheme"),
            Required(501, "manifest_length", PrimitiveType.Long, "Total file size in bytes"),
            Required(502, "partition_spec_id", PrimitiveType.Int, "Spec ID used to write"),
        };
        if (v2)
        {
            fields.Add(Required(517, "content", PrimitiveType.Int, "Contents of the manifest: 0=data, 1=deletes"));
            fields.Add(Required(515, "sequence_number", PrimitiveType.Long, "Sequence number when the manifest was added"));
            fields.Add(Required(516, "min_sequence_number", PrimitiveType.Long, "Lowest sequence number in the manifest"));
        }

        fields.Add(counted(503, "added_snapshot_id", PrimitiveType.Long, "Snapshot ID that added the manifest"));
        fields.Add(counted(504, "added_files_count", PrimitiveType.Int, "Added entry count"));
        fields.Add(counted(505, "existing_files_count", PrimitiveType.Int, "Existing entry count"));
        fields.Add(counted(506, "deleted_files_count", PrimitiveType.Int, "Deleted entry count"));
        NestedField[] rows =
        [
            counted(512, "added_rows_count", PrimitiveType.Long, "Added rows count"),
            counted(513, "existing_rows_count", PrimitiveType.Long, "Existing rows count"),
            counted(514, "deleted_rows_count", PrimitiveType.Long, "Deleted rows count"),
        ];
        if (v2)
        {
            fields.AddRange(rows);
        }

        fields.Add(Optional(507, "partitions", ListType.OfRequired(508, StructType.Of(
            Required(509, "contains_null", PrimitiveType.Boolean, "True if any file has a null partition value"),
            Optional(518, "contains_nan", PrimitiveType.Boolean, "True if any file has a nan partition value"),
            Optional(510, "lower_bound", PrimitiveType.Binary, "Partition lower bound for all files"),
            Optional(511, "upper_bound", PrimitiveType.Binary, "Partition upper bound for all files"))), "Summary for each partition"));
        if (!v2)
        {
            fields.AddRange(rows);
        }

        fields.Add(Optional(519, "key_metadata", PrimitiveType.Binary, "Encryption key metadata blob"));
        return new Schemas.Schema(fields);
    }
}
