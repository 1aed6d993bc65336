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

        string content = JsonRead.Of(What).String(element, "content");
        string path = JsonRead.Of(What).String(element, "file-path");
        string what = $"{What} {path}";
        JsonRead json = JsonRead.Of(what);
        FileFormat format = FileFormats.TryParse(json.String(element, "file-format"), out FileFormat parsed)
            ? parsed
            : throw json.Wrong("file-format", "a file format name");
        PartitionData partition = ReadPartition(json.OptionalArray(element, "partition") ?? default, what);
        int specId = json.Int(element, "spec-id");
        long records = json.Long(element, "record-count");
        long size = json.Long(element, "file-size-in-bytes");
        var columnSizes = json.LongMap(element, "column-sizes");
        var valueCounts = json.LongMap(element, "value-counts");
        var nullCounts = json.LongMap(element, "null-value-counts");
        var nanCounts = json.LongMap(element, "nan-value-counts");
        var lower = json.BytesMap(element, "lower-bounds");
        var upper = json.BytesMap(element, "upper-bounds");
        byte[]? key = json.OptionalBytes(element, "key-metadata");
        List<long>? offsets = json.LongList(element, "split-offsets");
        int? sortOrder = json.OptionalInt(element, "sort-order-id");
        if (records < 0 || size < 0)
        {
            throw json.Wrong(records < 0 ? "record-count" : "file-size-in-bytes", "a count >= 0");
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
            _ => throw json.Wrong("content", "data, position-deletes or equality-deletes"),
        };
        List<int>? equalityIds = json.LongList(element, "equality-ids")?.Select(id => id is >= int.MinValue and <= int.MaxValue
            ? (int)id
            : throw json.Wrong("equality-ids", "field ids")).ToList();
        return new DeleteFile
        {
            DeleteContent = deleteContent,
            FilePath = path, Format = format, SpecId = specId, Partition = partition, RecordCount = records, FileSizeInBytes = size,
            ColumnSizes = columnSizes, ValueCounts = valueCounts, NullValueCounts = nullCounts, NanValueCounts = nanCounts,
            LowerBounds = lower, UpperBounds = upper, KeyMetadata = key, SplitOffsets = offsets, SortOrderId = sortOrder,
            EqualityIds = equalityIds,
            ReferencedDataFile = json.OptionalString(element, "referenced-data-file"),
            ContentOffset = json.OptionalLong(element, "content-offset"),
            ContentSizeInBytes = json.OptionalLong(element, "content-size-in-bytes"),
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

        JsonRead json = JsonRead.Of(what);
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw json.Wrong("partition", "an array of null or {type, value} objects");
        }

        string typeText = json.String(item, "type");
        if (!PrimitiveType.TryParse(typeText, out PrimitiveType? type) || type is null)
        {
            throw json.Wrong("partition.type", "a primitive type");
        }

        byte[] bytes = json.Base64(json.String(item, "value"), "partition.value");
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
