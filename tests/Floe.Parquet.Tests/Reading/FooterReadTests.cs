using Floe.Common.Columnar;
using Floe.Parquet.Reading;
using Floe.Parquet.Writing;
using Floe.Parquet.Tests.Writing;

namespace Floe.Parquet.Tests.Reading;

/// <summary>A file's footer is found with one read of its last 64 KiB, which also serves the column chunks it holds.</summary>
public sealed class FooterReadTests
{
    [Fact]
    public async Task A_small_file_is_read_whole_with_one_read()
    {
        IReadOnlyList<ColumnField> fields = RandomColumns.AllTypes();
        byte[] file = await WriteAsync(fields, 120, new ParquetWriterOptions { PageRowLimit = 50, RowGroupSizeBytes = 8 * 1024 });
        Assert.InRange(file.Length, 1, 64 * 1024);
        var stream = new CountingStream(file);

        List<string> rows = await ReadRowsAsync(stream);

        Assert.Equal(await RandomColumns.ReadRowsAsync(file), rows);
        Assert.Equal(120, rows.Count);
        Assert.Equal(1, stream.Reads);
    }

    [Fact]
    public async Task A_large_file_reads_its_head_and_tail_once_and_chunks_beyond_the_tail_on_their_own()
    {
        IReadOnlyList<ColumnField> fields = RandomColumns.AllTypes();
        byte[] file = await WriteAsync(fields, 6000, new ParquetWriterOptions { PageRowLimit = 500, RowGroupSizeBytes = 32 * 1024 });
        Assert.True(file.Length > 4 * 64 * 1024, $"{file.Length} bytes");
        var stream = new CountingStream(file);

        await using (ParquetFileReader reader = await ParquetFileReader.OpenAsync(stream, leaveOpen: true, cancellationToken: TestContext.Current.CancellationToken))
        {
            // The magic at the start, then the last 64 KiB: the footer needs no read of its own.
            Assert.Equal(2, stream.Reads);
            int before = stream.Reads;
            using (ColumnBatch last = await reader.ReadRowGroupAsync(reader.RowGroups.Count - 1, cancellationToken: TestContext.Current.CancellationToken))
            {
                Assert.True(last.RowCount > 0);
            }

            int lastGroupReads = stream.Reads - before;
            before = stream.Reads;
            using (ColumnBatch first = await reader.ReadRowGroupAsync(0, cancellationToken: TestContext.Current.CancellationToken))
            {
                Assert.True(first.RowCount > 0);
            }

            // The first row group lies before the tail: one read per column chunk (a nested field has several).
            int chunks = reader.RowGroups[0].Columns.Count;
            Assert.Equal(chunks, stream.Reads - before);
            Assert.True(lastGroupReads < chunks, $"{lastGroupReads} reads for the last row group");
        }

        stream.Position = 0;
        Assert.Equal(await RandomColumns.ReadRowsAsync(file), await ReadRowsAsync(stream));
    }

    [Fact]
    public async Task A_footer_larger_than_the_first_read_is_read_on_its_own()
    {
        var fields = new List<ColumnField> { new("id", ColumnType.Int64, Nullable: false) };
        var options = new ParquetWriterOptions { PageRowLimit = 1, RowGroupSizeBytes = 1 };
        using var batch = ColumnBatch.Create(fields, 2000);
        var ids = (PrimitiveVector<long>)batch.Column(0);
        for (long i = 0; i < 2000; i++)
        {
            ids.Append(i);
        }

        byte[] file = await WriteBatchAsync(fields, options, batch);
        var stream = new CountingStream(file);
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(file.Length - reader.Footer.FooterStart > 64 * 1024, $"a footer of {file.Length - reader.Footer.FooterStart} bytes");
        Assert.Equal(3, stream.Reads);
        long sum = 0;
        await foreach (ColumnBatch read in reader.ReadAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            using (read)
            {
                var values = (PrimitiveVector<long>)read.Column(0);
                for (int row = 0; row < read.RowCount; row++)
                {
                    sum += values[row];
                }
            }
        }

        Assert.Equal(1999L * 2000 / 2, sum);
    }

    private static async Task<List<string>> ReadRowsAsync(Stream stream)
    {
        var rows = new List<string>();
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(stream, leaveOpen: true, cancellationToken: TestContext.Current.CancellationToken);
        await foreach (ColumnBatch batch in reader.ReadAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                rows.AddRange(Enumerable.Range(0, batch.RowCount).Select(row => RandomColumns.RenderRow(batch, row)));
            }
        }

        return rows;
    }

    private static async Task<byte[]> WriteAsync(IReadOnlyList<ColumnField> fields, int rows, ParquetWriterOptions options)
    {
        using ColumnBatch batch = RandomColumns.Batch(fields, rows, new Random(rows));
        return await WriteBatchAsync(fields, options, batch);
    }

    private static async Task<byte[]> WriteBatchAsync(IReadOnlyList<ColumnField> fields, ParquetWriterOptions options, ColumnBatch batch)
    {
        using var stream = new MemoryStream();
        await using (var writer = new ParquetFileWriter(stream, fields, options, leaveOpen: true))
        {
            await writer.WriteBatchAsync(batch, TestContext.Current.CancellationToken);
            await writer.CloseAsync(TestContext.Current.CancellationToken);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// A seekable stream over bytes that counts the reads made of it (a read fills what it is asked for at once; the
    /// asynchronous reads of a memory stream call these).
    /// </summary>
    private sealed class CountingStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public int Reads { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            Reads++;
            return base.Read(buffer);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            return base.Read(buffer, offset, count);
        }
    }
}
