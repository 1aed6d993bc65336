using Apache.Arrow;
using Apache.Arrow.Ipc;
using Floe.Common.Columnar;

namespace Floe.Arrow.Tests;

/// <summary>Arrow's own IPC writer and reader as an independent check of the record batches Floe builds.</summary>
public sealed class IpcTests
{
    [Fact]
    public async Task Arrow_file_writer_writes_what_floe_converted_and_arrow_file_reader_reads_it_back()
    {
        using ColumnBatch source = Samples.Build(Samples.AllTypes, 57);
        List<string[]> expected = Samples.Rows(source);
        using var file = new MemoryStream();
        using (RecordBatch arrow = ArrowBatches.ToRecordBatch(source, Samples.AllTypes))
        {
            using var writer = new ArrowFileWriter(file, arrow.Schema, leaveOpen: true);
            await writer.WriteRecordBatchAsync(arrow, TestContext.Current.CancellationToken);
            await writer.WriteEndAsync(TestContext.Current.CancellationToken);
        }

        file.Position = 0;
        using var reader = new ArrowFileReader(file);
        using RecordBatch read = await reader.ReadNextRecordBatchAsync(TestContext.Current.CancellationToken);

        Assert.Equal(expected, Samples.Rows(read));
        Assert.True(ArrowSchemas.ToIcebergSchema(read.Schema).SameSchema(Samples.AllTypes));
        using ColumnBatch back = ArrowBatches.ToColumnBatch(read, Samples.AllTypes);
        Assert.Equal(expected, Samples.Rows(back));
    }

    [Fact]
    public void Arrow_stream_writer_writes_sliced_batches_that_floe_reads_back()
    {
        using ColumnBatch source = Samples.Build(Samples.AllTypes, 30);
        List<string[]> expected = Samples.Rows(source);
        using RecordBatch arrow = ArrowBatches.ToRecordBatch(source, Samples.AllTypes);
        using var stream = new MemoryStream();
        using (var writer = new ArrowStreamWriter(stream, arrow.Schema, leaveOpen: true))
        {
            using RecordBatch first = arrow.SliceShared(0, 12);
            using RecordBatch second = arrow.SliceShared(12, 18);
            writer.WriteRecordBatch(first);
            writer.WriteRecordBatch(second);
            writer.WriteEnd();
        }

        stream.Position = 0;
        using var reader = new ArrowStreamReader(stream);
        var rows = new List<string[]>();
        while (reader.ReadNextRecordBatch() is RecordBatch read)
        {
            using (read)
            {
                Assert.Equal(expected.Skip(rows.Count).Take(read.Length), Samples.Rows(read));
                using ColumnBatch back = ArrowBatches.ToColumnBatch(read, Samples.AllTypes);
                rows.AddRange(Samples.Rows(back));
            }
        }

        Assert.Equal(expected, rows);
    }
}
