using Floe.TestKit;
using System.Text.Json.Nodes;
using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Transforms;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Interop.Tests.Manifests;

/// <summary>Manifests and manifest lists Floe writes, read by avsc (Node.js) with the same values.</summary>
public sealed class AvscReadsManifestsTests : IDisposable
{
    private const long SnapshotId = 3_051_729_675_574_597_004 / 1000;

    private static readonly Schema TableSchema = new(
    [
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "ts", PrimitiveType.Timestamp),
        NestedField.Optional(3, "Breed Name", PrimitiveType.String),
        NestedField.Optional(4, "price", PrimitiveType.Decimal(10, 2)),
    ]);

    private static readonly PartitionSpec Spec = new(1,
    [
        new PartitionField(2, 1000, "ts_day", Transform.Day),
        new PartitionField(3, 1001, "Breed Name", Transform.Identity),
        new PartitionField(4, 1002, "price", Transform.Identity),
        new PartitionField(1, 1003, "id_bucket", Transform.Bucket(8)),
    ]);

    private readonly string _directory = Directory.CreateTempSubdirectory("floe-manifest-interop-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Data_manifest_reads_in_avsc_with_the_same_values(int version)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string path = Path.Combine(_directory, $"data-v{version}.avro");
        DataFile[] files = [.. Enumerable.Range(0, 3).Select(File)];
        await using (var writer = new ManifestWriter(System.IO.File.Create(path), path, Options(version, ManifestContent.Data)))
        {
            writer.Add(files[0]);
            writer.Existing(files[1], 11, 1, 1);
            writer.Delete(files[2], 1, 1);
        }

        JsonObject result = await ReadAsync(path, ct);
        JsonArray records = result["records"]!.AsArray();

        Assert.Equal("manifest_entry", (string?)result["name"]);
        Assert.Equal("deflate", (string?)result["codec"]);
        Assert.Equal(version.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)result["metadata"]!["format-version"]);
        Assert.Equal("1", (string?)result["metadata"]!["partition-spec-id"]);
        Assert.Equal(3, records.Count);
        Assert.Equal([1, 0, 2], records.Select(r => (int)r!["status"]!));
        Assert.Equal([SnapshotId, 11, SnapshotId], records.Select(r => (long)r!["snapshot_id"]!));
        for (int i = 0; i < files.Length; i++)
        {
            JsonNode file = records[i]!["data_file"]!;
            Assert.Equal(files[i].FilePath, (string?)file["file_path"]);
            Assert.Equal("PARQUET", (string?)file["file_format"]);
            Assert.Equal(files[i].RecordCount, (long)file["record_count"]!);
            Assert.Equal(files[i].FileSizeInBytes, (long)file["file_size_in_bytes"]!);
            JsonNode partition = file["partition"]!;
            Assert.Equal(files[i].Partition[0].AsDateDays(), (int)partition["ts_day"]!);
            Assert.Equal(files[i].Partition[1].AsString(), (string?)partition["Breed_x20Name"]);
            Assert.Equal("hex:" + Convert.ToHexStringLower([0, 0, 0, 0x04, (byte)(0xD2 + i)]), (string?)partition["price"]);
            Assert.Equal(files[i].Partition[3].AsInt(), (int)partition["id_bucket"]!);
            Assert.Equal("[{\"key\":1,\"value\":100},{\"key\":3,\"value\":" + (40 + i) + "}]", file["column_sizes"]!.ToJsonString());
            Assert.Equal("[{\"key\":3,\"value\":\"hex:" + Convert.ToHexStringLower("Holland"u8) + "\"}]", file["lower_bounds"]!.ToJsonString());
            Assert.Equal("[4," + (1000 + i) + "]", file["split_offsets"]!.ToJsonString());
            if (version == 2)
            {
                Assert.Equal(0, (int)file["content"]!);
                Assert.Null(file["referenced_data_file"]);
                Assert.Equal(i == 0 ? null : 1, (long?)records[i]!["sequence_number"]);
            }
            else
            {
                Assert.Equal(64L * 1024 * 1024, (long)file["block_size_in_bytes"]!);
            }
        }
    }

    [Fact]
    public async Task Delete_manifest_and_list_read_in_avsc_with_the_same_values()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string manifestPath = Path.Combine(_directory, "deletes.avro");
        var delete = new DeleteFile
        {
            DeleteContent = FileContent.EqualityDeletes, FilePath = "s3://b/t/data/eq.parquet", Format = FileFormat.Parquet,
            Partition = File(0).Partition, RecordCount = 4, FileSizeInBytes = 321, EqualityIds = [1, 3],
        };
        ManifestFile manifest;
        await using (var writer = new ManifestWriter(System.IO.File.Create(manifestPath), manifestPath, Options(2, ManifestContent.Deletes)))
        {
            writer.Add(delete);
            writer.Add(new DeleteFile
            {
                FilePath = "s3://b/t/data/pos.parquet", Format = FileFormat.Parquet, Partition = File(1).Partition, RecordCount = 2,
                FileSizeInBytes = 222, ReferencedDataFile = File(1).FilePath,
            });
            await writer.CloseAsync();
            manifest = writer.ToManifestFile();
        }

        string listPath = Path.Combine(_directory, "snap.avro");
        await using (var list = new ManifestListWriter(System.IO.File.Create(listPath), 2, SnapshotId, 17, 5))
        {
            list.Add(manifest);
        }

        JsonObject entries = await ReadAsync(manifestPath, ct);
        JsonObject listed = await ReadAsync(listPath, ct);

        Assert.Equal("deletes", (string?)entries["metadata"]!["content"]);
        JsonNode equality = entries["records"]![0]!["data_file"]!;
        Assert.Equal(2, (int)equality["content"]!);
        Assert.Equal("[1,3]", equality["equality_ids"]!.ToJsonString());
        JsonNode positions = entries["records"]![1]!["data_file"]!;
        Assert.Equal(1, (int)positions["content"]!);
        Assert.Equal(File(1).FilePath, (string?)positions["referenced_data_file"]);

        Assert.Equal("manifest_file", (string?)listed["name"]);
        Assert.Equal("17", (string?)listed["metadata"]!["parent-snapshot-id"]);
        Assert.Equal("5", (string?)listed["metadata"]!["sequence-number"]);
        JsonNode record = listed["records"]![0]!;
        Assert.Equal(manifestPath, (string?)record["manifest_path"]);
        Assert.Equal(new FileInfo(manifestPath).Length, (long)record["manifest_length"]!);
        Assert.Equal(1, (int)record["content"]!);
        Assert.Equal(5, (long)record["sequence_number"]!);
        Assert.Equal(5, (long)record["min_sequence_number"]!);
        Assert.Equal(SnapshotId, (long)record["added_snapshot_id"]!);
        Assert.Equal(2, (int)record["added_files_count"]!);
        Assert.Equal(6, (long)record["added_rows_count"]!);
        JsonNode breed = record["partitions"]![1]!;
        Assert.False((bool)breed["contains_null"]!);
        Assert.Equal("hex:" + Convert.ToHexStringLower("Holland Lop 0"u8), (string?)breed["lower_bound"]);
        Assert.Equal("hex:" + Convert.ToHexStringLower("Holland Lop 1"u8), (string?)breed["upper_bound"]);
    }

    private static ManifestWriterOptions Options(int version, ManifestContent content) => new()
    {
        FormatVersion = version,
        Spec = Spec,
        Schema = TableSchema,
        Content = content,
        SnapshotId = SnapshotId,
    };

    private static DataFile File(int i) => new()
    {
        FilePath = $"s3://b/t/data/ts_day=2024-01-0{i + 1}/{i}.parquet",
        Format = FileFormat.Parquet,
        Partition = PartitionData.Of(Literal.OfDate(19_723 + i), Literal.Of($"Holland Lop {i}"), Literal.OfDecimal(12.34m + (i / 100m)), Literal.Of(i)),
        RecordCount = 10 + i,
        FileSizeInBytes = 2048 + i,
        ColumnSizes = new Dictionary<int, long> { [1] = 100, [3] = 40 + i },
        LowerBounds = new Dictionary<int, byte[]> { [3] = "Holland"u8.ToArray() },
        SplitOffsets = [4, 1000 + i],
    };

    private static async Task<JsonObject> ReadAsync(string path, CancellationToken ct) =>
        JsonNode.Parse(await NodeRunner.RunAsync("avro-read-manifest.mjs", [path], ct))!.AsObject();
}
