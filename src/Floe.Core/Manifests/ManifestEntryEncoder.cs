using Floe.Avro.Binary;
using Floe.Common.Errors;
using Floe.Core.Types;

namespace Floe.Core.Manifests;

/// <summary>Encodes entries straight to Avro binary in the field order of <see cref="ManifestAvroSchemas.EntrySchema"/>.</summary>
internal sealed class ManifestEntryEncoder : IAvroDatumWriter<ManifestEntry>
{
    private const long V1BlockSize = 64L * 1024 * 1024;

    private readonly int _formatVersion;
    private readonly PrimitiveType[] _partitionTypes;
    private readonly string[] _partitionNames;

    public ManifestEntryEncoder(int formatVersion, StructType partitionType)
    {
        _formatVersion = formatVersion;
        _partitionTypes = [.. partitionType.Fields.Select(f => (PrimitiveType)f.Type)];
        _partitionNames = [.. partitionType.Fields.Select(f => f.Name)];
    }

    public void Write(AvroBufferWriter writer, ManifestEntry value)
    {
        ContentFile file = value.File;
        writer.WriteInt((int)value.Status);
        WriteOptional(writer, value.SnapshotId);
        if (_formatVersion >= 2)
        {
            WriteOptional(writer, value.DataSequenceNumber);
            WriteOptional(writer, value.FileSequenceNumber);
            writer.WriteInt((int)file.Content);
        }
        else if (file.Content != FileContent.Data)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Format version 1 manifests cannot hold delete files ({file.FilePath}).");
        }

        writer.WriteString(file.FilePath);
        writer.WriteString(FileFormats.ToName(file.Format));
        WritePartition(writer, file);
        writer.WriteLong(file.RecordCount);
        writer.WriteLong(file.FileSizeInBytes);
        if (_formatVersion == 1)
        {
            writer.WriteLong(V1BlockSize);
        }

        WriteMap(writer, file.ColumnSizes);
        WriteMap(writer, file.ValueCounts);
        WriteMap(writer, file.NullValueCounts);
        WriteMap(writer, file.NanValueCounts);
        WriteMap(writer, file.LowerBounds);
        WriteMap(writer, file.UpperBounds);
        WriteOptional(writer, file.KeyMetadata);
        WriteArray(writer, file.SplitOffsets);
        var deletes = file as DeleteFile;
        if (_formatVersion >= 2)
        {
            WriteArray(writer, deletes?.EqualityIds);
        }

        WriteOptional(writer, file.SortOrderId);
        if (_formatVersion >= 2)
        {
            if (deletes?.ReferencedDataFile is string referenced)
            {
                writer.WriteUnionIndex(1);
                writer.WriteString(referenced);
            }
            else
            {
                writer.WriteUnionIndex(0);
            }
        }
    }

    private void WritePartition(AvroBufferWriter writer, ContentFile file)
    {
        if (file.Partition.Size != _partitionTypes.Length)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"File {file.FilePath} has a partition tuple of {file.Partition.Size} values; the manifest's spec has {_partitionTypes.Length} fields.");
        }

        ReadOnlySpan<Values.Literal> values = file.Partition.Values;
        for (int i = 0; i < values.Length; i++)
        {
            PartitionValueCodec.Write(writer, _partitionTypes[i], values[i], _partitionNames[i]);
        }
    }

    private static void WriteOptional(AvroBufferWriter writer, long? value)
    {
        if (value is long v)
        {
            writer.WriteUnionIndex(1);
            writer.WriteLong(v);
        }
        else
        {
            writer.WriteUnionIndex(0);
        }
    }

    private static void WriteOptional(AvroBufferWriter writer, int? value)
    {
        if (value is int v)
        {
            writer.WriteUnionIndex(1);
            writer.WriteInt(v);
        }
        else
        {
            writer.WriteUnionIndex(0);
        }
    }

    private static void WriteOptional(AvroBufferWriter writer, byte[]? value)
    {
        if (value is null)
        {
            writer.WriteUnionIndex(0);
        }
        else
        {
            writer.WriteUnionIndex(1);
            writer.WriteBytes(value);
        }
    }

    private static void WriteMap(AvroBufferWriter writer, IReadOnlyDictionary<int, long>? map)
    {
        if (map is null)
        {
            writer.WriteUnionIndex(0);
            return;
        }

        writer.WriteUnionIndex(1);
        if (map.Count > 0)
        {
            writer.WriteBlockCount(map.Count);
            foreach (KeyValuePair<int, long> pair in map)
            {
                writer.WriteInt(pair.Key);
                writer.WriteLong(pair.Value);
            }
        }

        writer.WriteBlockCount(0);
    }

    private static void WriteMap(AvroBufferWriter writer, IReadOnlyDictionary<int, byte[]>? map)
    {
        if (map is null)
        {
            writer.WriteUnionIndex(0);
            return;
        }

        writer.WriteUnionIndex(1);
        if (map.Count > 0)
        {
            writer.WriteBlockCount(map.Count);
            foreach (KeyValuePair<int, byte[]> pair in map)
            {
                writer.WriteInt(pair.Key);
                writer.WriteBytes(pair.Value);
            }
        }

        writer.WriteBlockCount(0);
    }

    private static void WriteArray(AvroBufferWriter writer, IReadOnlyList<long>? items)
    {
        if (items is null)
        {
            writer.WriteUnionIndex(0);
            return;
        }

        writer.WriteUnionIndex(1);
        if (items.Count > 0)
        {
            writer.WriteBlockCount(items.Count);
            for (int i = 0; i < items.Count; i++)
            {
                writer.WriteLong(items[i]);
            }
        }

        writer.WriteBlockCount(0);
    }

    private static void WriteArray(AvroBufferWriter writer, IReadOnlyList<int>? items)
    {
        if (items is null)
        {
            writer.WriteUnionIndex(0);
            return;
        }

        writer.WriteUnionIndex(1);
        if (items.Count > 0)
        {
            writer.WriteBlockCount(items.Count);
            for (int i = 0; i < items.Count; i++)
            {
                writer.WriteInt(items[i]);
            }
        }

        writer.WriteBlockCount(0);
    }
}
