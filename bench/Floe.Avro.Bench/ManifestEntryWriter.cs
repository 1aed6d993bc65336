using Floe.Avro.Binary;

namespace Floe.Avro.Bench;

/// <summary>Encodes <see cref="ManifestEntry"/> straight to Avro binary with <see cref="ManifestSchema.Schema"/>: no object per value.</summary>
public sealed class ManifestEntryWriter : IAvroDatumWriter<ManifestEntry>
{
    public void Write(AvroBufferWriter writer, ManifestEntry value)
    {
        writer.WriteInt(value.Status);
        WriteNullable(writer, value.SnapshotId);
        WriteNullable(writer, value.SequenceNumber);
        WriteNullable(writer, value.FileSequenceNumber);
        DataFile file = value.DataFile;
        writer.WriteInt(file.Content);
        writer.WriteString(file.FilePath);
        writer.WriteString(file.FileFormat);
        WriteNullable(writer, file.PartitionDay);
        writer.WriteLong(file.RecordCount);
        writer.WriteLong(file.FileSizeInBytes);
        WritePairs(writer, file.ColumnSizes);
        WritePairs(writer, file.ValueCounts);
        WritePairs(writer, file.NullValueCounts);
        WritePairs(writer, file.LowerBounds);
        WritePairs(writer, file.UpperBounds);
        if (file.SplitOffsets is null)
        {
            writer.WriteUnionIndex(0);
        }
        else
        {
            writer.WriteUnionIndex(1);
            WriteCount(writer, file.SplitOffsets.Count);
            foreach (long offset in file.SplitOffsets)
            {
                writer.WriteLong(offset);
            }

            writer.WriteBlockCount(0);
        }
    }

    private static void WriteNullable(AvroBufferWriter writer, long? value)
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

    private static void WritePairs(AvroBufferWriter writer, List<KeyValuePair<int, long>>? pairs)
    {
        if (pairs is null)
        {
            writer.WriteUnionIndex(0);
            return;
        }

        writer.WriteUnionIndex(1);
        WriteCount(writer, pairs.Count);
        foreach (KeyValuePair<int, long> pair in pairs)
        {
            writer.WriteInt(pair.Key);
            writer.WriteLong(pair.Value);
        }

        writer.WriteBlockCount(0);
    }

    private static void WritePairs(AvroBufferWriter writer, List<KeyValuePair<int, byte[]>>? pairs)
    {
        if (pairs is null)
        {
            writer.WriteUnionIndex(0);
            return;
        }

        writer.WriteUnionIndex(1);
        WriteCount(writer, pairs.Count);
        foreach (KeyValuePair<int, byte[]> pair in pairs)
        {
            writer.WriteInt(pair.Key);
            writer.WriteBytes(pair.Value);
        }

        writer.WriteBlockCount(0);
    }

    private static void WriteCount(AvroBufferWriter writer, int count)
    {
        if (count > 0)
        {
            writer.WriteBlockCount(count);
        }
    }
}
