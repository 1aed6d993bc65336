using System.Buffers.Binary;
using System.Text;
using Floe.Common.Columnar;
using Floe.Core.Manifests;
using Floe.Core.Properties;
using Floe.Core.Values;
using Floe.Parquet.Reading;
using Floe.Table.Data.Columns;
using Floe.Table.Data.Writing;

namespace Floe.Table.Tests.Data;

public sealed class DataFileWriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Writes_rows_with_field_ids_and_the_iceberg_schema_key()
    {
        var stream = new MemoryStream();
        var config = new DataWriterConfig { Schema = TestTables.Schema };
        DataFile file;
        List<string> expected;
        await using (var writer = new DataFileWriter(stream, "s3://bucket/t/data/a.parquet", config, leaveOpen: true))
        {
            using ColumnBatch batch = TestTables.Batch(0, 50);
            expected = TestTables.Rows(batch);
            await writer.WriteAsync(batch, Ct);
            file = await writer.CloseAsync(Ct);
        }

        Assert.Equal("s3://bucket/t/data/a.parquet", file.FilePath);
        Assert.Equal(FileFormat.Parquet, file.Format);
        Assert.Equal(50, file.RecordCount);
        Assert.Equal(stream.Length, file.FileSizeInBytes);
        stream.Position = 0;
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(stream, cancellationToken: Ct);
        Assert.Equal([1, 2, 3, 4, 5, 6, 8], reader.Fields.Select(f => f.FieldId!.Value));
        Assert.Equal(7, reader.Fields[5].Type.Children[0].FieldId);
        string json = reader.KeyValueMetadata.Single(kv => kv.Key == IcebergColumns.SchemaKey).Value!;
        Assert.True(Core.Schemas.SchemaJson.Parse(json).SameSchema(TestTables.Schema));
        var actual = new List<string>();
        await foreach (ColumnBatch read in reader.ReadAsync(cancellationToken: Ct))
        {
            using (read)
            {
                actual.AddRange(TestTables.Rows(read));
            }
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Metrics_hold_counts_and_iceberg_bounds()
    {
        DataFile file = await WriteAsync(new DataWriterConfig { Schema = TestTables.Schema }, TestTables.Batch(1, 20));

        Assert.Equal(20, file.ValueCounts![1]);
        Assert.Equal(0, file.NullValueCounts![1]);
        Assert.Equal(4, file.NullValueCounts[2]); // ids 5, 10, 15, 20
        Assert.Equal(3, file.NanValueCounts![5]); // ids 3, 10, 17
        Assert.False(file.NanValueCounts.ContainsKey(1));
        Assert.True(file.ColumnSizes![1] > 0);
        Assert.Equal(1L, BinaryPrimitives.ReadInt64LittleEndian(file.LowerBounds![1]));
        Assert.Equal(20L, BinaryPrimitives.ReadInt64LittleEndian(file.UpperBounds![1]));
        Assert.Equal("name-1", Encoding.UTF8.GetString(file.LowerBounds[2]));
        Assert.Equal("name-9", Encoding.UTF8.GetString(file.UpperBounds[2]));

        // Decimal bounds are big-endian minimal two's complement, not Parquet's little-endian INT32.
        Assert.Equal(Literal.OfDecimal(125, 2), SingleValueBinary.Read(Core.Types.PrimitiveType.Decimal(9, 2), file.LowerBounds[3]));
        Assert.Equal(Literal.OfDecimal(2500, 2), SingleValueBinary.Read(Core.Types.PrimitiveType.Decimal(9, 2), file.UpperBounds[3]));
        Assert.Equal(0.5, BinaryPrimitives.ReadDoubleLittleEndian(file.LowerBounds[5]));
        Assert.Equal(10.0, BinaryPrimitives.ReadDoubleLittleEndian(file.UpperBounds[5]));

        // Struct children get bounds; values inside lists get counts only.
        Assert.True(file.LowerBounds.ContainsKey(9));
        Assert.True(file.ValueCounts.ContainsKey(7));
        Assert.False(file.LowerBounds.ContainsKey(7));
        Assert.Equal([4L], file.SplitOffsets);
    }

    [Fact]
    public async Task Metrics_modes_come_from_table_properties()
    {
        var properties = new Dictionary<string, string>
        {
            [MetricsProperties.DefaultMode.Key] = "counts",
            [MetricsProperties.ColumnMode.Key + "name"] = "truncate(3)",
            [MetricsProperties.ColumnMode.Key + "score"] = "none",
            [MetricsProperties.ColumnMode.Key + "id"] = "full",
        };
        var config = DataWriterConfig.FromProperties(TestTables.Schema, Core.Partitioning.PartitionSpec.Unpartitioned, properties);
        DataFile file = await WriteAsync(config, TestTables.Batch(1, 20));

        Assert.Equal("nam", Encoding.UTF8.GetString(file.LowerBounds![2]));
        Assert.Equal("nan", Encoding.UTF8.GetString(file.UpperBounds![2]));
        Assert.True(file.LowerBounds.ContainsKey(1));
        Assert.False(file.LowerBounds.ContainsKey(3)); // counts only
        Assert.True(file.ValueCounts!.ContainsKey(3));
        Assert.False(file.ValueCounts.ContainsKey(5)); // none
        Assert.False(file.ColumnSizes!.ContainsKey(5));
        Assert.False(file.NanValueCounts!.ContainsKey(5));
    }

    [Fact]
    public async Task Without_an_explicit_default_only_the_first_leaves_get_metrics()
    {
        var properties = new Dictionary<string, string> { [MetricsProperties.MaxInferredColumnDefaults.Key] = "2" };
        var config = DataWriterConfig.FromProperties(TestTables.Schema, Core.Partitioning.PartitionSpec.Unpartitioned, properties);
        DataFile file = await WriteAsync(config, TestTables.Batch(1, 5));

        Assert.Equal([1, 2], file.ValueCounts!.Keys.Order());
    }

    [Fact]
    public async Task Table_properties_choose_codec_and_row_group_size()
    {
        var properties = new Dictionary<string, string>
        {
            [IcebergWriteProperties.ParquetCompressionCodec.Key] = "snappy",
            [IcebergWriteProperties.ParquetRowGroupSizeBytes.Key] = "2048",
        };
        var config = DataWriterConfig.FromProperties(TestTables.Schema, Core.Partitioning.PartitionSpec.Unpartitioned, properties);
        var stream = new MemoryStream();
        await using (var writer = new DataFileWriter(stream, "a.parquet", config, leaveOpen: true))
        {
            for (int i = 0; i < 10; i++)
            {
                using ColumnBatch batch = TestTables.Batch(i * 100, 100);
                await writer.WriteAsync(batch, Ct);
            }

            DataFile file = await writer.CloseAsync(Ct);
            Assert.True(file.SplitOffsets!.Count > 1);
        }

        stream.Position = 0;
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(stream, cancellationToken: Ct);
        Assert.True(reader.RowGroups.Count > 1);
        Assert.All(reader.RowGroups.SelectMany(g => g.Columns), c => Assert.Equal(Parquet.Compression.CompressionCodec.Snappy, c.MetaData!.Codec));
    }

    [Fact]
    public void Bad_properties_are_rejected_with_their_name()
    {
        var error = Assert.Throws<Common.Errors.FloeException>(() => DataWriteProperties.ParquetOptions(
            new Dictionary<string, string> { [IcebergWriteProperties.ParquetPageSizeBytes.Key] = "-5" }));
        Assert.Contains(IcebergWriteProperties.ParquetPageSizeBytes.Key, error.Message, StringComparison.Ordinal);
        Assert.Throws<Common.Errors.FloeException>(() => DataWriteProperties.ParseCodec("lzo"));
        Assert.Throws<Common.Errors.FloeException>(() => MetricsMode.Parse("truncate(0)"));
    }

    [Fact]
    public void A_partition_tuple_must_fit_the_spec()
    {
        var config = new DataWriterConfig { Schema = TestTables.Schema };
        Assert.Throws<Common.Errors.FloeException>(() => new DataFileWriter(new MemoryStream(), "a", config, PartitionData.Of(Literal.Of(1))));
    }

    private static async Task<DataFile> WriteAsync(DataWriterConfig config, ColumnBatch batch)
    {
        using (batch)
        {
            await using var writer = new DataFileWriter(new MemoryStream(), "a.parquet", config);
            await writer.WriteAsync(batch, Ct);
            return await writer.CloseAsync(Ct);
        }
    }
}
