using System.Buffers.Binary;
using System.Text;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Values;
using Floe.Parquet.Reading;
using Floe.Table.Data.Deletes;
using Floe.Table.Data.Writing;

namespace Floe.Table.Tests.Data;

public sealed class DeleteFileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Position_deletes_are_written_sorted_and_read_back_per_file()
    {
        var stream = new MemoryStream();
        DeleteFile file;
        await using (var writer = new PositionDeleteWriter(stream, "s3://b/t/data/del.parquet", leaveOpen: true))
        {
            writer.Delete("s3://b/t/data/b.parquet", 9);
            writer.Delete("s3://b/t/data/a.parquet", 5);
            writer.Delete("s3://b/t/data/b.parquet", 1);
            writer.Delete("s3://b/t/data/a.parquet", 2);
            writer.Delete("s3://b/t/data/a.parquet", 5);
            file = await writer.CloseAsync(Ct);
        }

        Assert.Equal(FileContent.PositionDeletes, file.Content);
        Assert.Equal(5, file.RecordCount);
        Assert.Null(file.ReferencedDataFile);
        Assert.Equal("s3://b/t/data/a.parquet", Encoding.UTF8.GetString(file.LowerBounds![MetadataColumns.DeleteFilePath.Id]));
        Assert.Equal("s3://b/t/data/b.parquet", Encoding.UTF8.GetString(file.UpperBounds![MetadataColumns.DeleteFilePath.Id]));
        Assert.Equal(9, BinaryPrimitives.ReadInt64LittleEndian(file.UpperBounds[MetadataColumns.DeleteFilePosition.Id]));

        // The file itself is sorted by path, then position.
        stream.Position = 0;
        await using (ParquetFileReader parquet = await ParquetFileReader.OpenAsync(stream, leaveOpen: true, cancellationToken: Ct))
        {
            Assert.Equal([MetadataColumns.DeleteFilePath.Id, MetadataColumns.DeleteFilePosition.Id], parquet.Fields.Select(f => f.FieldId!.Value));
            using ColumnBatch batch = await parquet.ReadRowGroupAsync(0, cancellationToken: Ct);
            Assert.Equal(["a.parquet|2", "a.parquet|5", "a.parquet|5", "b.parquet|1", "b.parquet|9"],
                Enumerable.Range(0, 5).Select(i => $"{((BinaryVector)batch.Column(0)).GetString(i)[14..]}|{((PrimitiveVector<long>)batch.Column(1))[i]}"));
        }

        stream.Position = 0;
        IReadOnlyDictionary<string, long[]> deletes = await PositionDeleteReader.ReadAsync(stream, "del", cancellationToken: Ct);
        Assert.Equal([2L, 5L], deletes["s3://b/t/data/a.parquet"]);
        Assert.Equal([1L, 9L], deletes["s3://b/t/data/b.parquet"]);

        stream.Position = 0;
        var only = new HashSet<string> { "s3://b/t/data/b.parquet" };
        Assert.Equal(["s3://b/t/data/b.parquet"], (await PositionDeleteReader.ReadAsync(stream, "del", only, Ct)).Keys);
    }

    [Fact]
    public async Task Many_interleaved_deletes_of_several_files_are_written_sorted_across_batches()
    {
        // Paths in ordinal order: "B" (0x42) before "a" (0x61) and "a" before "é"; 150,000 rows span three batches.
        string[] paths = ["s3://b/t/data/é.parquet", "s3://b/t/data/a.parquet", "s3://b/t/data/B.parquet"];
        var stream = new MemoryStream();
        DeleteFile file;
        await using (var writer = new PositionDeleteWriter(stream, "del.parquet", leaveOpen: true))
        {
            for (int position = 49_999; position >= 0; position--)
            {
                foreach (string path in paths)
                {
                    // Equal paths that are different string instances still go to one data file.
                    writer.Delete(new string(path.AsSpan()), position);
                }
            }

            Assert.Equal(150_000, writer.Count);
            file = await writer.CloseAsync(Ct);
        }

        Assert.Equal(150_000, file.RecordCount);
        Assert.Null(file.ReferencedDataFile);
        stream.Position = 0;
        var rows = new List<(string Path, long Position)>();
        await using (ParquetFileReader parquet = await ParquetFileReader.OpenAsync(stream, leaveOpen: true, cancellationToken: Ct))
        {
            for (int group = 0; group < parquet.Metadata.RowGroups.Count; group++)
            {
                using ColumnBatch batch = await parquet.ReadRowGroupAsync(group, cancellationToken: Ct);
                for (int i = 0; i < batch.RowCount; i++)
                {
                    rows.Add((((BinaryVector)batch.Column(0)).GetString(i), ((PrimitiveVector<long>)batch.Column(1))[i]));
                }
            }
        }

        Assert.Equal(
            paths.Order(StringComparer.Ordinal).SelectMany(path => Enumerable.Range(0, 50_000).Select(p => (path, (long)p))),
            rows);
    }

    [Fact]
    public async Task Deletes_of_one_data_file_name_it_as_referenced()
    {
        var spec = new PartitionSpec(2, [new PartitionField(1, 1000, "id_bucket", Core.Transforms.Transform.Bucket(2))]);
        await using var writer = new PositionDeleteWriter(new MemoryStream(), "d.parquet", spec, PartitionData.Of(Literal.Of(1)));
        writer.Delete("x.parquet", 3);
        writer.Delete("x.parquet", 0);
        DeleteFile file = await writer.CloseAsync(Ct);

        Assert.Equal("x.parquet", file.ReferencedDataFile);
        Assert.Equal(2, file.SpecId);
        Assert.Equal(1, file.Partition[0].AsInt());
        Assert.Throws<FloeException>(() => new PositionDeleteWriter(new MemoryStream(), "e").Delete("x", -1));
    }

    [Fact]
    public async Task Equality_deletes_keep_their_ids_and_read_in_the_current_schema()
    {
        Schema deleteSchema = new([TestTables.Schema.GetField("id"), TestTables.Schema.GetField("name")]);
        var config = new DataWriterConfig { Schema = deleteSchema };
        var stream = new MemoryStream();
        DeleteFile file;
        await using (var writer = new EqualityDeleteWriter(stream, "eq.parquet", config, [1], leaveOpen: true))
        {
            using ColumnBatch batch = ColumnBatch.Create(writer.Fields);
            ((PrimitiveVector<long>)batch.Column(0)).AppendRange([4L, 8L]);
            ((BinaryVector)batch.Column(1)).Append("four");
            ((BinaryVector)batch.Column(1)).Append("eight");
            await writer.WriteAsync(batch, Ct);
            file = await writer.CloseAsync(Ct);
        }

        Assert.Equal(FileContent.EqualityDeletes, file.Content);
        Assert.Equal([1], file.EqualityIds);
        Assert.Equal(2, file.RecordCount);

        // Read after the table renamed "id": the equality column comes back by id, under its new name.
        Schema evolved = new([Core.Types.NestedField.Required(1, "key", Core.Types.PrimitiveType.Long)]);
        stream.Position = 0;
        var keys = new List<long>();
        await foreach (ColumnBatch batch in EqualityDeleteReader.ReadAsync(stream, evolved, file, Ct))
        {
            using (batch)
            {
                Assert.Equal("key", batch.Fields[0].Name);
                keys.AddRange(((PrimitiveVector<long>)batch.Column(0)).Values.ToArray());
            }
        }

        Assert.Equal([4L, 8L], keys);
    }

    [Fact]
    public void Equality_ids_must_be_primitive_columns_of_the_delete_schema()
    {
        var config = new DataWriterConfig { Schema = TestTables.Schema };
        Assert.Throws<FloeException>(() => new EqualityDeleteWriter(new MemoryStream(), "e", config, []));
        Assert.Throws<FloeException>(() => new EqualityDeleteWriter(new MemoryStream(), "e", config, [99]));
        Assert.Throws<FloeException>(() => new EqualityDeleteWriter(new MemoryStream(), "e", config, [8])); // a struct
        Assert.Throws<FloeException>(() => new EqualityDeleteWriter(new MemoryStream(), "e", config, [7])); // a list element
    }
}
