using Floe.Avro.Generic;
using Floe.Avro.Schemas;

namespace Floe.Avro.Bench;

/// <summary>Converts typed entries to generic datums, for the generic-model measurements.</summary>
public static class GenericEntries
{
    public static AvroRecord From(ManifestEntry entry)
    {
        RecordSchema schema = ManifestSchema.Schema;
        var dataFileSchema = (RecordSchema)schema.Fields[4].Schema;
        var partitionSchema = (RecordSchema)dataFileSchema.Fields[3].Schema;
        DataFile file = entry.DataFile;
        var dataFile = new AvroRecord(dataFileSchema,
        [
            file.Content,
            file.FilePath,
            file.FileFormat,
            new AvroRecord(partitionSchema, [file.PartitionDay]),
            file.RecordCount,
            file.FileSizeInBytes,
            Pairs(dataFileSchema.Fields[6].Schema, file.ColumnSizes?.Select(p => (p.Key, (object?)p.Value))),
            Pairs(dataFileSchema.Fields[7].Schema, file.ValueCounts?.Select(p => (p.Key, (object?)p.Value))),
            Pairs(dataFileSchema.Fields[8].Schema, file.NullValueCounts?.Select(p => (p.Key, (object?)p.Value))),
            Pairs(dataFileSchema.Fields[9].Schema, file.LowerBounds?.Select(p => (p.Key, (object?)p.Value))),
            Pairs(dataFileSchema.Fields[10].Schema, file.UpperBounds?.Select(p => (p.Key, (object?)p.Value))),
            file.SplitOffsets?.Select(o => (object?)o).ToList(),
        ]);
        return new AvroRecord(schema, [entry.Status, entry.SnapshotId, entry.SequenceNumber, entry.FileSequenceNumber, dataFile]);
    }

    private static List<object?>? Pairs(AvroSchema nullableArray, IEnumerable<(int Key, object? Value)>? pairs)
    {
        if (pairs is null)
        {
            return null;
        }

        var itemSchema = (RecordSchema)((ArraySchema)((UnionSchema)nullableArray).NullableOf!).Items;
        return [.. pairs.Select(p => (object?)new AvroRecord(itemSchema, [p.Key, p.Value]))];
    }
}
