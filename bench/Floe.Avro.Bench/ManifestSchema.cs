using Floe.Avro.Schemas;

namespace Floe.Avro.Bench;

/// <summary>Iceberg's v2 manifest_entry schema (as Java writes it) for a table partitioned by day.</summary>
public static class ManifestSchema
{
    public const string Json =
        """{"type":"record","name":"manifest_entry","fields":[{"name":"status","type":"int","field-id":0},{"name":"snapshot_id","type":["null","long"],"default":null,"field-id":1},{"name":"sequence_number","type":["null","long"],"default":null,"field-id":3},{"name":"file_sequence_number","type":["null","long"],"default":null,"field-id":4},{"name":"data_file","type":{"type":"record","name":"r2","fields":[{"name":"content","type":"int","field-id":134},{"name":"file_path","type":"string","field-id":100},{"name":"file_format","type":"string","field-id":101},{"name":"partition","type":{"type":"record","name":"r102","fields":[{"name":"day","type":["null",{"type":"int","logicalType":"date"}],"default":null,"field-id":1000}]},"field-id":102},{"name":"record_count","type":"long","field-id":103},{"name":"file_size_in_bytes","type":"long","field-id":104},{"name":"column_sizes","type":["null",{"type":"array","items":{"type":"record","name":"k117_v118","fields":[{"name":"key","type":"int","field-id":117},{"name":"value","type":"long","field-id":118}]},"logicalType":"map"}],"default":null,"field-id":108},{"name":"value_counts","type":["null",{"type":"array","items":{"type":"record","name":"k119_v120","fields":[{"name":"key","type":"int","field-id":119},{"name":"value","type":"long","field-id":120}]},"logicalType":"map"}],"default":null,"field-id":109},{"name":"null_value_counts","type":["null",{"type":"array","items":{"type":"record","name":"k121_v122","fields":[{"name":"key","type":"int","field-id":121},{"name":"value","type":"long","field-id":122}]},"logicalType":"map"}],"default":null,"field-id":110},{"name":"lower_bounds","type":["null",{"type":"array","items":{"type":"record","name":"k126_v127","fields":[{"name":"key","type":"int","field-id":126},{"name":"value","type":"bytes","field-id":127}]},"logicalType":"map"}],"default":null,"field-id":125},{"name":"upper_bounds","type":["null",{"type":"array","items":{"type":"record","name":"k129_v130","fields":[{"name":"key","type":"int","field-id":129},{"name":"value","type":"bytes","field-id":130}]},"logicalType":"map"}],"default":null,"field-id":128},{"name":"split_offsets","type":["null",{"type":"array","items":"long","element-id":133}],"default":null,"field-id":132}]},"field-id":2}]}""";

    public static RecordSchema Schema { get; } = (RecordSchema)AvroSchema.Parse(Json);

    /// <summary>Deterministic entries of a 12-column table.</summary>
    public static List<ManifestEntry> CreateEntries(int count)
    {
        var random = new Random(42);
        var entries = new List<ManifestEntry>(count);
        for (int i = 0; i < count; i++)
        {
            const int columns = 12;
            var file = new DataFile
            {
                Content = 0,
                FilePath = $"s3://warehouse/db/events/data/day=2024-03-{1 + (i % 28):D2}/00{i % 16:D3}-{i}-6f1c2a9e-8d4b-4e0f-9a51-{i:D12}-00001.parquet",
                FileFormat = "PARQUET",
                PartitionDay = 19_800 + (i % 28),
                RecordCount = random.NextInt64(1_000, 5_000_000),
                FileSizeInBytes = random.NextInt64(100_000, 512_000_000),
                ColumnSizes = [.. Enumerable.Range(1, columns).Select(c => new KeyValuePair<int, long>(c, random.NextInt64(1_000, 50_000_000)))],
                ValueCounts = [.. Enumerable.Range(1, columns).Select(c => new KeyValuePair<int, long>(c, random.NextInt64(1_000, 5_000_000)))],
                NullValueCounts = [.. Enumerable.Range(1, columns).Select(c => new KeyValuePair<int, long>(c, random.Next(0, 1000)))],
                LowerBounds = [.. Enumerable.Range(1, columns).Select(c => new KeyValuePair<int, byte[]>(c, Bound(random, c)))],
                UpperBounds = [.. Enumerable.Range(1, columns).Select(c => new KeyValuePair<int, byte[]>(c, Bound(random, c)))],
                SplitOffsets = [4, 134_217_732, 268_435_460],
            };
            entries.Add(new ManifestEntry { Status = 1, SnapshotId = 8_123_456_789_012_345L, SequenceNumber = null, FileSequenceNumber = null, DataFile = file });
        }

        return entries;
    }

    private static byte[] Bound(Random random, int column)
    {
        byte[] bytes = new byte[column % 3 == 0 ? 16 : 8];
        random.NextBytes(bytes);
        return bytes;
    }
}
