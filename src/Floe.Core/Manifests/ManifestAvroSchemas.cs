using System.Runtime.CompilerServices;
using System.Text.Json;
using Floe.Avro.Schemas;
using Floe.Common.Errors;
using Floe.Core.Json;
using Floe.Core.Types;

namespace Floe.Core.Manifests;

/// <summary>
/// The Avro schemas of manifests and manifest lists as the Java library writes them (record names, field order,
/// field ids, docs), and the reader schemas that every version resolves to by field id.
/// </summary>
internal static class ManifestAvroSchemas
{
    // Parsed writer schemas are shared, so the manifests of one table find their reader schema (and its resolved
    // plan) here rather than writing and parsing it again.
    private static readonly ConditionalWeakTable<RecordSchema, RecordSchema> s_entryReaders = new();

    /// <summary>The <c>manifest_entry</c> schema a writer of <paramref name="formatVersion"/> uses.</summary>
    public static string EntrySchema(int formatVersion, StructType partitionType) =>
        JsonOut.ToString(w => WriteEntry(w, formatVersion, partitionType, null, reader: false), indented: false);

    /// <summary>
    /// A reader schema holding every field of every version, with the writer's own partition record (so partition
    /// values keep their stored types); indexes of its fields are <see cref="EntryField"/> and <see cref="FileField"/>.
    /// </summary>
    public static RecordSchema EntryReaderSchema(RecordSchema writerPartition) =>
        s_entryReaders.GetValue(writerPartition, partition =>
            (RecordSchema)AvroSchema.Parse(JsonOut.ToString(w => WriteEntry(w, 3, null, partition, reader: true), indented: false)));

    /// <summary>The <c>manifest_file</c> schema a writer of <paramref name="formatVersion"/> uses.</summary>
    public static string ListSchema(int formatVersion) => JsonOut.ToString(w => WriteList(w, formatVersion, reader: false), indented: false);

    /// <summary>A reader schema holding every field of every version; indexes are <see cref="ListField"/>.</summary>
    public static RecordSchema ListReaderSchema { get; } =
        (RecordSchema)AvroSchema.Parse(JsonOut.ToString(w => WriteList(w, 3, reader: true), indented: false));

    public static void CheckVersion(int formatVersion)
    {
        if (formatVersion is not (1 or 2))
        {
            throw new FloeException(FloeErrorKind.Unsupported, $"Manifests of format version {formatVersion} cannot be written; versions 1 and 2 can.");
        }
    }

    /// <summary>Reader indexes of <c>manifest_entry</c> fields.</summary>
    public static class EntryField
    {
        public const int Status = 0;
        public const int SnapshotId = 1;
        public const int SequenceNumber = 2;
        public const int FileSequenceNumber = 3;
        public const int DataFile = 4;
    }

    /// <summary>Reader indexes of <c>data_file</c> fields.</summary>
    public static class FileField
    {
        public const int Content = 0;
        public const int FilePath = 1;
        public const int FileFormat = 2;
        public const int Partition = 3;
        public const int RecordCount = 4;
        public const int FileSizeInBytes = 5;
        public const int ColumnSizes = 6;
        public const int ValueCounts = 7;
        public const int NullValueCounts = 8;
        public const int NanValueCounts = 9;
        public const int LowerBounds = 10;
        public const int UpperBounds = 11;
        public const int KeyMetadata = 12;
        public const int SplitOffsets = 13;
        public const int EqualityIds = 14;
        public const int SortOrderId = 15;
        public const int FirstRowId = 16;
        public const int ReferencedDataFile = 17;
        public const int ContentOffset = 18;
        public const int ContentSizeInBytes = 19;
    }

    /// <summary>Reader indexes of <c>manifest_file</c> fields.</summary>
    public static class ListField
    {
        public const int Path = 0;
        public const int Length = 1;
        public const int SpecId = 2;
        public const int Content = 3;
        public const int SequenceNumber = 4;
        public const int MinSequenceNumber = 5;
        public const int AddedSnapshotId = 6;
        public const int AddedFilesCount = 7;
        public const int ExistingFilesCount = 8;
        public const int DeletedFilesCount = 9;
        public const int AddedRowsCount = 10;
        public const int ExistingRowsCount = 11;
        public const int DeletedRowsCount = 12;
        public const int Partitions = 13;
        public const int KeyMetadata = 14;
        public const int FirstRowId = 15;
    }

    private static void WriteEntry(Utf8JsonWriter w, int version, StructType? partitionType, RecordSchema? readerPartition, bool reader)
    {
        w.WriteStartObject();
        w.WriteString("type", "record");
        w.WriteString("name", "manifest_entry");
        w.WriteStartArray("fields");
        Field(w, "status", 0, "int");
        Optional(w, "snapshot_id", 1, "long");
        if (reader || version >= 2)
        {
            Optional(w, "sequence_number", 3, "long");
            Optional(w, "file_sequence_number", 4, "long");
        }

        w.WriteStartObject();
        w.WriteString("name", "data_file");
        w.WritePropertyName("type");
        WriteDataFile(w, version, partitionType, readerPartition, reader);
        w.WriteNumber("field-id", 2);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteDataFile(Utf8JsonWriter w, int version, StructType? partitionType, RecordSchema? readerPartition, bool reader)
    {
        w.WriteStartObject();
        w.WriteString("type", "record");
        w.WriteString("name", "r2");
        w.WriteStartArray("fields");
        if (reader || version >= 2)
        {
            Field(w, "content", 134, "int", "Contents of the file: 0=data, 1=position deletes, 2=equality deletes", defaultZero: reader);
        }

        Field(w, "file_path", 100, "string", "Location URI with FS scheme");
        Field(w, "file_format", 101, "string", "File format name: avro, orc, or parquet");
        w.WriteStartObject();
        w.WriteString("name", "partition");
        w.WritePropertyName("type");
        if (readerPartition is not null)
        {
            w.WriteRawValue(readerPartition.ToJson());
        }
        else
        {
            WritePartition(w, partitionType!);
        }

        w.WriteString("doc", "Partition data tuple, schema based on the partition spec");
        w.WriteNumber("field-id", 102);
        w.WriteEndObject();
        Field(w, "record_count", 103, "long", "Number of records in the file");
        Field(w, "file_size_in_bytes", 104, "long", "Total file size in bytes");
        if (!reader && version == 1)
        {
            Field(w, "block_size_in_bytes", 105, "long");
        }

        IntMap(w, "column_sizes", 108, 117, 118, "long", "Map of column id to total size on disk");
        IntMap(w, "value_counts", 109, 119, 120, "long", "Map of column id to total count, including null and NaN");
        IntMap(w, "null_value_counts", 110, 121, 122, "long", "Map of column id to null value count");
        IntMap(w, "nan_value_counts", 137, 138, 139, "long", "Map of column id to number of NaN values in the column");
        IntMap(w, "lower_bounds", 125, 126, 127, "bytes", "Map of column id to lower bound");
        IntMap(w, "upper_bounds", 128, 129, 130, "bytes", "Map of column id to upper bound");
        Optional(w, "key_metadata", 131, "bytes", doc: "Encryption key metadata blob");
        OptionalArray(w, "split_offsets", 132, 133, "long", "Splittable offsets");
        if (reader || version >= 2)
        {
            OptionalArray(w, "equality_ids", 135, 136, "int", "Equality comparison field IDs");
        }

        Optional(w, "sort_order_id", 140, "int", doc: "Sort order ID");
        if (reader)
        {
            Optional(w, "first_row_id", 142, "long");
        }

        if (reader || version >= 2)
        {
            Optional(w, "referenced_data_file", 143, "string",
                doc: "Fully qualified location (URI with FS scheme) of a data file that all deletes reference");
        }

        if (reader)
        {
            Optional(w, "content_offset", 144, "long");
            Optional(w, "content_size_in_bytes", 145, "long");
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WritePartition(Utf8JsonWriter w, StructType partitionType)
    {
        w.WriteStartObject();
        w.WriteString("type", "record");
        w.WriteString("name", "r102");
        w.WriteStartArray("fields");
        foreach (NestedField field in partitionType.Fields)
        {
            if (field.Type is not PrimitiveType type)
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Partition field '{field.Name}' has non-primitive type {field.Type}.");
            }

            w.WriteStartObject();
            w.WriteString("name", PartitionAvroTypes.SanitizeName(field.Name));
            w.WriteStartArray("type");
            w.WriteStringValue("null");
            PartitionAvroTypes.WriteType(w, type);
            w.WriteEndArray();
            w.WriteNull("default");
            w.WriteNumber("field-id", field.Id);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter w, int version, bool reader)
    {
        bool v2 = version >= 2;
        w.WriteStartObject();
        w.WriteString("type", "record");
        w.WriteString("name", "manifest_file");
        w.WriteStartArray("fields");
        Field(w, "manifest_path", 500, "string", "Location URI with FS scheme");
        Field(w, "manifest_length", 501, "long", "Total file size in bytes");
        Field(w, "partition_spec_id", 502, "int", "Spec ID used to write");
        if (v2)
        {
            Field(w, "content", 517, "int", "Contents of the manifest: 0=data, 1=deletes", defaultZero: reader);
            Field(w, "sequence_number", 515, "long", "Sequence number when the manifest was added", defaultZero: reader);
            Field(w, "min_sequence_number", 516, "long", "Lowest sequence number in the manifest", defaultZero: reader);
        }

        // Version 1 made ids and counts optional; readers take both forms through the optional reader type.
        bool optional = reader || !v2;
        CountField(w, "added_snapshot_id", 503, "long", "Snapshot ID that added the manifest", optional);
        CountField(w, "added_files_count", 504, "int", "Added entry count", optional);
        CountField(w, "existing_files_count", 505, "int", "Existing entry count", optional);
        CountField(w, "deleted_files_count", 506, "int", "Deleted entry count", optional);
        if (v2)
        {
            CountField(w, "added_rows_count", 512, "long", "Added rows count", optional);
            CountField(w, "existing_rows_count", 513, "long", "Existing rows count", optional);
            CountField(w, "deleted_rows_count", 514, "long", "Deleted rows count", optional);
        }

        WritePartitionSummaries(w);
        if (!v2)
        {
            CountField(w, "added_rows_count", 512, "long", "Added rows count", optional);
            CountField(w, "existing_rows_count", 513, "long", "Existing rows count", optional);
            CountField(w, "deleted_rows_count", 514, "long", "Deleted rows count", optional);
        }

        Optional(w, "key_metadata", 519, "bytes", doc: "Encryption key metadata blob");
        if (reader)
        {
            Optional(w, "first_row_id", 520, "long");
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WritePartitionSummaries(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("name", "partitions");
        w.WriteStartArray("type");
        w.WriteStringValue("null");
        w.WriteStartObject();
        w.WriteString("type", "array");
        w.WriteStartObject("items");
        w.WriteString("type", "record");
        w.WriteString("name", "r508");
        w.WriteStartArray("fields");
        Field(w, "contains_null", 509, "boolean", "True if any file has a null partition value");
        Optional(w, "contains_nan", 518, "boolean", doc: "True if any file has a nan partition value");
        Optional(w, "lower_bound", 510, "bytes", doc: "Partition lower bound for all files");
        Optional(w, "upper_bound", 511, "bytes", doc: "Partition upper bound for all files");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteNumber("element-id", 508);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("doc", "Summary for each partition");
        w.WriteNull("default");
        w.WriteNumber("field-id", 507);
        w.WriteEndObject();
    }

    private static void Field(Utf8JsonWriter w, string name, int id, string type, string? doc = null, bool defaultZero = false)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("type", type);
        if (doc is not null)
        {
            w.WriteString("doc", doc);
        }

        if (defaultZero)
        {
            w.WriteNumber("default", 0);
        }

        w.WriteNumber("field-id", id);
        w.WriteEndObject();
    }

    private static void CountField(Utf8JsonWriter w, string name, int id, string type, string doc, bool optional)
    {
        if (optional)
        {
            Optional(w, name, id, type, doc: doc);
        }
        else
        {
            Field(w, name, id, type, doc);
        }
    }

    private static void Optional(Utf8JsonWriter w, string name, int id, string type, string? doc = null)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteStartArray("type");
        w.WriteStringValue("null");
        w.WriteStringValue(type);
        w.WriteEndArray();
        if (doc is not null)
        {
            w.WriteString("doc", doc);
        }

        w.WriteNull("default");
        w.WriteNumber("field-id", id);
        w.WriteEndObject();
    }

    private static void OptionalArray(Utf8JsonWriter w, string name, int id, int elementId, string elementType, string doc)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteStartArray("type");
        w.WriteStringValue("null");
        w.WriteStartObject();
        w.WriteString("type", "array");
        w.WriteString("items", elementType);
        w.WriteNumber("element-id", elementId);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("doc", doc);
        w.WriteNull("default");
        w.WriteNumber("field-id", id);
        w.WriteEndObject();
    }

    private static void IntMap(Utf8JsonWriter w, string name, int id, int keyId, int valueId, string valueType, string doc)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteStartArray("type");
        w.WriteStringValue("null");
        w.WriteStartObject();
        w.WriteString("type", "array");
        w.WriteStartObject("items");
        w.WriteString("type", "record");
        w.WriteString("name", $"k{keyId}_v{valueId}");
        w.WriteStartArray("fields");
        Field(w, "key", keyId, "int");
        Field(w, "value", valueId, valueType);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteString("logicalType", "map");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("doc", doc);
        w.WriteNull("default");
        w.WriteNumber("field-id", id);
        w.WriteEndObject();
    }
}
