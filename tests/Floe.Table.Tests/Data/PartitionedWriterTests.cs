using Floe.Common.Columnar;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Transforms;
using Floe.Core.Values;
using Floe.Table.Data.Reading;
using Floe.Table.Data.Writing;

namespace Floe.Table.Tests.Data;

public sealed class PartitionedWriterTests : IDisposable
{
    private readonly string _folder = TestTables.TempDirectory();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Rows_fan_out_to_one_file_per_partition()
    {
        var spec = new PartitionSpec(3, [new PartitionField(1, 1000, "id_bucket", Transform.Bucket(4))]);
        var config = new DataWriterConfig { Schema = TestTables.Schema, Spec = spec };
        var io = new LocalFileIO();
        IReadOnlyList<DataFile> files;
        await using (var writer = new PartitionedFanoutWriter(io, config, new DataLocations(_folder + "/data")))
        {
            for (int b = 0; b < 5; b++)
            {
                using ColumnBatch batch = TestTables.Batch(b * 37, 37);
                await writer.WriteAsync(batch, Ct);
            }

            files = await writer.CloseAsync(Ct);
        }

        Assert.Equal(4, files.Count);
        Assert.Equal(185, files.Sum(f => f.RecordCount));
        var seen = new HashSet<long>();
        foreach (DataFile file in files)
        {
            Assert.Equal(3, file.SpecId);
            int bucket = file.Partition[0].AsInt();
            Assert.Contains($"/data/id_bucket={bucket}/", file.FilePath, StringComparison.Ordinal);
            foreach (long id in await ReadIdsAsync(file.FilePath))
            {
                Assert.Equal(bucket, Transform.Bucket(4).Apply(Literal.Of(id)).AsInt());
                Assert.True(seen.Add(id));
            }
        }

        Assert.Equal(185, seen.Count);
    }

    [Fact]
    public async Task Nested_sources_and_null_structs_partition_by_truncated_values()
    {
        var spec = new PartitionSpec(0, [new PartitionField(9, 1000, "x_trunc", Transform.Truncate(10))]);
        var config = new DataWriterConfig { Schema = TestTables.Schema, Spec = spec };
        IReadOnlyList<DataFile> files;
        await using (var writer = new PartitionedFanoutWriter(new LocalFileIO(), config, new DataLocations(_folder)))
        {
            using ColumnBatch batch = TestTables.Batch(0, 30);
            await writer.WriteAsync(batch, Ct);
            files = await writer.CloseAsync(Ct);
        }

        // point is null when id % 4 == 1; otherwise x = id.
        var byPartition = files.ToDictionary(f => f.Partition[0].IsNull ? "null" : f.Partition[0].AsInt().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["0", "10", "20", "null"], byPartition.Keys.Order());
        Assert.Equal(Enumerable.Range(0, 30).Where(i => i % 4 == 1).Select(i => (long)i), await ReadIdsAsync(byPartition["null"].FilePath));
        Assert.Equal(Enumerable.Range(10, 10).Where(i => i % 4 != 1).Select(i => (long)i), await ReadIdsAsync(byPartition["10"].FilePath));
        Assert.Contains("x_trunc=null", byPartition["null"].FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_roll_at_the_target_size()
    {
        var config = new DataWriterConfig { Schema = TestTables.Schema, TargetFileSizeBytes = 8 * 1024 };
        IReadOnlyList<DataFile> files;
        await using (var writer = new RollingDataWriter(new LocalFileIO(), config, new DataLocations(_folder)))
        {
            for (int b = 0; b < 10; b++)
            {
                using ColumnBatch batch = TestTables.Batch(b * 500, 500);
                await writer.WriteAsync(batch, Ct);
            }

            files = await writer.CloseAsync(Ct);
        }

        Assert.True(files.Count >= 4, $"{files.Count} files");
        Assert.Equal(5000, files.Sum(f => f.RecordCount));
        Assert.All(files, f => Assert.True(f.FileSizeInBytes < 3 * config.TargetFileSizeBytes, $"{f.FileSizeInBytes} bytes"));
        Assert.All(files, f => Assert.Equal(new FileInfo(f.FilePath).Length, f.FileSizeInBytes));
        Assert.Equal(files.Count, files.Select(f => f.FilePath).Distinct().Count());
        List<long> ids = [];
        foreach (DataFile file in files)
        {
            ids.AddRange(await ReadIdsAsync(file.FilePath));
        }

        Assert.Equal(Enumerable.Range(0, 5000).Select(i => (long)i), ids);
    }

    [Fact]
    public async Task Well_compressed_files_roll_near_the_target_on_disk_not_at_the_target_of_raw_bytes()
    {
        const long target = 256 * 1024;
        var config = new DataWriterConfig
        {
            Schema = TestTables.Schema,
            TargetFileSizeBytes = target,
            Parquet = new Floe.Parquet.Writing.ParquetWriterOptions { PageRowLimit = 500 },
        };
        IReadOnlyList<DataFile> files;
        long raw = 0;
        await using (var writer = new RollingDataWriter(new LocalFileIO(), config, new DataLocations(_folder)))
        {
            for (int b = 0; b < 40; b++)
            {
                using ColumnBatch batch = TestTables.Batch(b * 2000L, 2000);
                raw += BatchSize.Estimate(batch);
                await writer.WriteAsync(batch, Ct);
            }

            files = await writer.CloseAsync(Ct);
        }

        // The rows compress several times over: files judged by raw size would come out a fraction of the target.
        Assert.True(files.Sum(f => f.FileSizeInBytes) * 3 < raw, $"{files.Sum(f => f.FileSizeInBytes)} of {raw} raw bytes");
        Assert.True(files.Count >= 2, $"{files.Count} files");
        Assert.All(files.SkipLast(1), f => Assert.InRange(f.FileSizeInBytes, target * 3 / 4, target * 3 / 2));
        Assert.Equal(80_000, files.Sum(f => f.RecordCount));
    }

    [Fact]
    public async Task A_selection_of_rows_is_written_in_order_and_rolls_at_the_target_size()
    {
        var config = new DataWriterConfig { Schema = TestTables.Schema, TargetFileSizeBytes = 8 * 1024 };
        IReadOnlyList<DataFile> files;
        var expected = new List<long>();
        await using (var writer = new RollingDataWriter(new LocalFileIO(), config, new DataLocations(_folder)))
        {
            for (int b = 0; b < 10; b++)
            {
                using ColumnBatch batch = TestTables.Batch(b * 2000, 2000);
                int[] rows = [.. Enumerable.Range(0, 2000).Where(r => r % 3 != 0)];
                expected.AddRange(rows.Select(r => (long)(b * 2000) + r));
                await writer.WriteAsync(batch, rows, Ct);
                await writer.WriteAsync(batch, ReadOnlyMemory<int>.Empty, Ct);
            }

            files = await writer.CloseAsync(Ct);
        }

        Assert.True(files.Count >= 4, $"{files.Count} files");
        Assert.All(files, f => Assert.True(f.FileSizeInBytes < 3 * config.TargetFileSizeBytes, $"{f.FileSizeInBytes} bytes"));
        Assert.Equal(expected.Count, files.Sum(f => f.RecordCount));
        List<long> ids = [];
        foreach (DataFile file in files)
        {
            ids.AddRange(await ReadIdsAsync(file.FilePath));
        }

        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task Abort_deletes_every_file_written()
    {
        var spec = new PartitionSpec(0, [new PartitionField(1, 1000, "id_bucket", Transform.Bucket(2))]);
        var config = new DataWriterConfig { Schema = TestTables.Schema, Spec = spec, TargetFileSizeBytes = 4 * 1024 };
        await using var writer = new PartitionedFanoutWriter(new LocalFileIO(), config, new DataLocations(_folder));
        using ColumnBatch batch = TestTables.Batch(0, 2000);
        await writer.WriteAsync(batch, Ct);
        Assert.NotEmpty(Directory.GetFiles(_folder, "*", SearchOption.AllDirectories));

        await writer.AbortAsync(Ct);

        Assert.Empty(Directory.GetFiles(_folder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_partition_source_inside_a_list_is_refused()
    {
        var spec = new PartitionSpec(0, [new PartitionField(7, 1000, "tag", Transform.Identity)]);
        Assert.Throws<Common.Errors.FloeException>(() => new PartitionKeys(TestTables.Schema, spec));
    }

    [Fact]
    public void Locations_follow_the_table_properties()
    {
        var spec = new PartitionSpec(0, [new PartitionField(1, 1000, "id_bucket", Transform.Bucket(2))]);
        string defaultPath = DataLocations.ForTable("s3://b/t/", new Dictionary<string, string>(), taskId: 7)
            .NewLocation(spec, PartitionData.Of(Literal.Of(1)));
        Assert.Matches(@"^s3://b/t/data/id_bucket=1/00000-7-[0-9a-f-]{36}-00001\.parquet$", defaultPath);
        string custom = DataLocations.ForTable("s3://b/t", new Dictionary<string, string> { [IcebergWriteProperties.DataPath.Key] = "s3://other/x" })
            .NewLocation(PartitionSpec.Unpartitioned, PartitionData.Empty);
        Assert.StartsWith("s3://other/x/00000-0-", custom, StringComparison.Ordinal);
    }

    private static async Task<List<long>> ReadIdsAsync(string path)
    {
        await using DataFileReader reader = await DataFileReader.OpenAsync(path, cancellationToken: Ct);
        var ids = new List<long>();
        await foreach (ColumnBatch batch in reader.ReadAsync(new Schema([TestTables.Schema.GetField("id")]), cancellationToken: Ct))
        {
            using (batch)
            {
                ids.AddRange(((PrimitiveVector<long>)batch.Column(0)).Values.ToArray());
            }
        }

        return ids;
    }
}
