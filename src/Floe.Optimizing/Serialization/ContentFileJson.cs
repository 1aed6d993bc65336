using System.Globalization;
using System.Text.Json;
using Floe.Common.Errors;
using Floe.Core.Manifests;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Optimizing.Serialization;

/// <summary>
/// A data or delete file as JSON, every manifest field kept: partition values self-describing (type plus the spec's
/// single-value binary, base64), metrics keyed by field id, bounds in base64.
/// </summary>
internal static class ContentFileJson
{
    private const string What = "content file";

    public static void Write(Utf8JsonWriter writer, ContentFile file)
    {
        writer.WriteStartObject();
        writer.WriteString("content", file.Content switch
        {
            FileContent.PositionDeletes => "position-deletes",
            FileContent.EqualityDeletes => "equality-deletes",
            _ => "data",
        });
        writer.WriteString("file-path", file.FilePath);
        writer.WriteString("file-format", FileFormats.ToName(file.Format));
        writer.WriteNumber("spec-id", file.SpecId);
        WritePartition(writer, "partition", file.Partition);
        writer.WriteNumber("record-count", file.RecordCount);
        writer.WriteNumber("file-size-in-bytes", file.FileSizeInBytes);
        WriteLongMap(writer, "column-sizes", file.ColumnSizes);
        WriteLongMap(writer, "value-counts", file.ValueCounts);
        WriteLongMap(writer, "null-value-counts", file.NullValueCounts);
        WriteLongMap(writer, "nan-value-counts", file.NanValueCounts);
        WriteBytesMap(writer, "lower-bounds", file.LowerBounds);
        WriteBytesMap(writer, "upper-bounds", file.UpperBounds);
        if (file.KeyMetadata is { } key)
        {
            writer.WriteBase64String("key-metadata", key);
        }

        if (file.SplitOffsets is { } offsets)
        {
            writer.WriteStartArray("split-offsets");
            foreach (long offset in offsets)
            {
                writer.WriteNumberValue(offset);
            }

            writer.WriteEndArray();
        }

        if (file.SortOrderId is int sortOrder)
        {
            writer.WriteNumber("sort-order-id", sortOrder);
        }

        if (file is DeleteFile delete)
        {
            if (delete.EqualityIds is { } ids)
            {
                writer.WriteStartArray("equality-ids");
                foreach (int id in ids)
                {
                    writer.WriteNumberValue(id);
                }

                writer.WriteEndArray();
            }

            if (delete.ReferencedDataFile is { } referenced)
            {
                writer.WriteString("referenced-data-file", referenced);
            }

            if (delete.ContentOffset is long offset)
            {
                writer.WriteNumber("content-offset", offset);
            }

            if (delete.ContentSizeInBytes is long size)
            {
                writer.WriteNumber("content-size-in-bytes", size);
            }
        }

        writer.WriteEndObject();
    }

    public static ContentFile Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"Invalid {What} JSON: expected an object.");
        }

        string content = JsonRead.String(element, "content", What);
        string path = JsonRead.String(element, "file-path", What);
        string what = $"{What} {path}";
        FileFormat format = FileFormats.TryParse(JsonRead.String(element, "file-format", what), out FileFormat parsed)
            ? parsed
            : throw JsonRead.Wrong(what, "file-format", "a file format name");
        PartitionData partition = ReadPartition(JsonRead.Array(element, "partition", what), what);
        int specId = JsonRead.Int(element, "spec-id", what);
        long records = JsonRead.Long(element, "record-count", what);
        long size = JsonRead.Long(element, "file-size-in-bytes", what);
        var columnSizes = JsonRead.LongMap(element, "column-sizes", what);
        var valueCounts = JsonRead.LongMap(element, "value-counts", what);
        var nullCounts = JsonRead.LongMap(element, "null-value-counts", what);
        var nanCounts = JsonRead.LongMap(element, "nan-value-counts", what);
        var lower = JsonRead.BytesMap(element, "lower-bounds", what);
        var upper = JsonRead.BytesMap(element, "upper-bounds", what);
        byte[]? key = JsonRead.OptionalBytes(element, "key-metadata", what);
        List<long>? offsets = JsonRead.LongList(element, "split-offsets", what);
        int? sortOrder = JsonRead.OptionalInt(element, "sort-order-id", what);
        if (records < 0 || size < 0)
        {
            throw JsonRead.Wrong(what, records < 0 ? "record-count" : "file-size-in-bytes", "a count >= 0");
        }

        if (content == "data")
        {
            return new DataFile
            {
                FilePath = path, Format = format, SpecId = specId, Partition = partition, RecordCount = records, FileSizeInBytes = size,
                ColumnSizes = columnSizes, ValueCounts = valueCounts, NullValueCounts = nullCounts, NanValueCounts = nanCounts,
                LowerBounds = lower, UpperBounds = upper, KeyMetadata = key, SplitOffsets = offsets, SortOrderId = sortOrder,
            };
        }

        FileContent deleteContent = content switch
        {
            "position-deletes" => FileContent.PositionDeletes,
            "equality-deletes" => FileContent.EqualityDeletes,
            _ => throw JsonRead.Wrong(what, "content", "data, position-deletes or equality-deletes"),
        };
        List<int>? equalityIds = JsonRead.LongList(element, "equality-ids", what)?.Select(id => id is >= int.MinValue and <= int.MaxValue
            ? (int)id
            : throw JsonRead.Wrong(what, "equality-ids", "field ids")).ToList();
        return new DeleteFile
        {
            DeleteContent = deleteContent,
            FilePath = path, Format = format, SpecId = specId, Partition = partition, RecordCount = records, FileSizeInBytes = size,
            ColumnSizes = columnSizes, ValueCounts = valueCounts, NullValueCounts = nullCounts, NanValueCounts = nanCounts,
            LowerBounds = lower, UpperBounds = upper, KeyMetadata = key, SplitOffsets = offsets, SortOrderId = sortOrder,
            EqualityIds = equalityIds,
            ReferencedDataFile = JsonRead.OptionalString(element, "referenced-data-file", what),
            ContentOffset = JsonRead.OptionalLong(element, "content-offset", what),
            ContentSizeInBytes = JsonRead.OptionalLong(element, "content-size-in-bytes", what),
        };
    }

    public static void WritePartition(Utf8JsonWriter writer, string name, PartitionData partition)
    {
        writer.WriteStartArray(name);
        foreach (Literal value in partition.Values)
        {
            WriteLiteral(writer, value);
        }

        writer.WriteEndArray();
    }

    public static PartitionData ReadPartition(JsonElement array, string what)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            return PartitionData.Empty;
        }

        var values = new List<Literal>();
        foreach (JsonElement item in array.EnumerateArray())
        {
            values.Add(ReadLiteral(item, what));
        }

        return PartitionData.Of([.. values]);
    }

    private static void WriteLiteral(Utf8JsonWriter writer, Literal value)
    {
        if (value.IsNull)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type", value.TypeId switch
        {
            TypeId.Decimal => PrimitiveType.Decimal(38, value.DecimalScale).ToString(),
            TypeId.Fixed => PrimitiveType.Fixed(value.AsBytes().Length).ToString(),
            _ => PrimitiveType.FromId(value.TypeId).ToString(),
        });
        writer.WriteBase64String("value", SingleValueBinary.ToBytes(value));
        writer.WriteEndObject();
    }

    private static Literal ReadLiteral(JsonElement item, string what)
    {
        if (item.ValueKind == JsonValueKind.Null)
        {
            return Literal.Null;
        }

        if (item.ValueKind != JsonValueKind.Object)
        {
            throw JsonRead.Wrong(what, "partition", "an array of null or {type, value} objects");
        }

        string typeText = JsonRead.String(item, "type", what);
        if (!PrimitiveType.TryParse(typeText, out PrimitiveType? type) || type is null)
        {
            throw JsonRead.Wrong(what, "partition.type", "a primitive type");
        }

        byte[] bytes = JsonRead.Base64(JsonRead.String(item, "value", what), what, "partition.value");
        return SingleValueBinary.Read(type, bytes);
    }

    private static void WriteLongMap(Utf8JsonWriter writer, string name, IReadOnlyDictionary<int, long>? map)
    {
        if (map is null)
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var (id, value) in map.OrderBy(p => p.Key))
        {
            writer.WriteNumber(id.ToString(CultureInfo.InvariantCulture), value);
        }

        writer.WriteEndObject();
    }

    private static void WriteBytesMap(Utf8JsonWriter writer, string name, IReadOnlyDictionary<int, byte[]>? map)
    {
        if (map is null)
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var (id, value) in map.OrderBy(p => p.Key))
        {
            writer.WriteBase64String(id.ToString(CultureInfo.InvariantCulture), value);
        }

        writer.WriteEndObject();
    }
}
