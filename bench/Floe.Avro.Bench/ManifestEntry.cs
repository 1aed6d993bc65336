namespace Floe.Avro.Bench;

/// <summary>A typed Iceberg manifest entry, the shape future manifest code decodes into.</summary>
public sealed class ManifestEntry
{
    public int Status { get; set; }

    public long? SnapshotId { get; set; }

    public long? SequenceNumber { get; set; }

    public long? FileSequenceNumber { get; set; }

    public DataFile DataFile { get; set; } = new();
}

/// <summary>The data_file record of a manifest entry.</summary>
public sealed class DataFile
{
    public int Content { get; set; }

    public string FilePath { get; set; } = string.Empty;

    public string FileFormat { get; set; } = string.Empty;

    public int? PartitionDay { get; set; }

    public long RecordCount { get; set; }

    public long FileSizeInBytes { get; set; }

    public List<KeyValuePair<int, long>>? ColumnSizes { get; set; }

    public List<KeyValuePair<int, long>>? ValueCounts { get; set; }

    public List<KeyValuePair<int, long>>? NullValueCounts { get; set; }

    public List<KeyValuePair<int, byte[]>>? LowerBounds { get; set; }

    public List<KeyValuePair<int, byte[]>>? UpperBounds { get; set; }

    public List<long>? SplitOffsets { get; set; }
}
