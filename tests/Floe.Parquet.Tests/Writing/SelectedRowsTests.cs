using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Parquet.Writing;

namespace Floe.Parquet.Tests.Writing;

/// <summary>Writing a selection of a batch's rows gives the file that writing those rows gathered into a batch gives.</summary>
public sealed class SelectedRowsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_selection_writes_the_same_bytes_as_the_gathered_rows(bool dictionary)
    {
        IReadOnlyList<ColumnField> fields = RandomColumns.AllTypes();
        var random = new Random(99);
        using ColumnBatch batch = RandomColumns.Batch(fields, 700, random);

        // Shuffled, with a repeated row and rows left out, over two calls so pages and row groups fill across them.
        int[] rows = [.. Enumerable.Range(0, 700).Where(_ => random.Next(4) != 0).OrderBy(_ => random.Next()), 3, 3];
        var options = new ParquetWriterOptions { EnableDictionary = dictionary, PageRowLimit = 100, RowGroupSizeBytes = 16 * 1024 };
        int half = rows.Length / 2;

        byte[] selected = await WriteAsync(fields, options, (writer, ct) => WriteSelectedAsync(writer, batch, rows, half, ct));
        byte[] gathered = await WriteAsync(fields, options, async (writer, ct) =>
        {
            using ColumnBatch first = Gather(batch, rows[..half]);
            using ColumnBatch second = Gather(batch, rows[half..]);
            await writer.WriteBatchAsync(first, ct);
            await writer.WriteBatchAsync(second, ct);
        });

        Assert.Equal(gathered, selected);
        Assert.Equal(rows.Select(row => RandomColumns.RenderRow(batch, row)), await RandomColumns.ReadRowsAsync(selected));
    }

    [Fact]
    public async Task A_row_outside_the_batch_is_refused_and_the_writer_goes_on()
    {
        var fields = new[] { new ColumnField("id", ColumnType.Int64, Nullable: false) };
        using var batch = ColumnBatch.Create(fields);
        var ids = (PrimitiveVector<long>)batch.Column(0);
        ids.Append(10);
        ids.Append(20);

        byte[] file = await WriteAsync(fields, new ParquetWriterOptions(), async (writer, ct) =>
        {
            var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => writer.WriteBatchAsync(batch, new[] { 1, 2 }, ct).AsTask());
            Assert.Contains("2 rows", error.Message, StringComparison.Ordinal);
            await writer.WriteBatchAsync(batch, new[] { 1 }, ct);
        });

        Assert.Equal(["id=20 "], await RandomColumns.ReadRowsAsync(file));
    }

    [Fact]
    public async Task A_required_column_may_hold_nulls_only_in_rows_left_out()
    {
        var fields = new[] { new ColumnField("id", ColumnType.Int32, Nullable: false) };
        using var batch = ColumnBatch.Create(fields);
        var ids = (PrimitiveVector<int>)batch.Column(0);
        ids.Append(1);
        ids.AppendNull();
        ids.Append(3);

        byte[] file = await WriteAsync(fields, new ParquetWriterOptions(), async (writer, ct) =>
        {
            var error = await Assert.ThrowsAsync<FloeException>(() => writer.WriteBatchAsync(batch, new[] { 0, 1 }, ct).AsTask());
            Assert.Contains("column id", error.Message, StringComparison.Ordinal);
            await writer.WriteBatchAsync(batch, new[] { 2, 0 }, ct);
        });

        Assert.Equal(["id=3 ", "id=1 "], await RandomColumns.ReadRowsAsync(file));
    }

    private static async Task WriteSelectedAsync(ParquetFileWriter writer, ColumnBatch batch, int[] rows, int half, CancellationToken cancellationToken)
    {
        await writer.WriteBatchAsync(batch, rows.AsMemory(0, half), cancellationToken);
        await writer.WriteBatchAsync(batch, rows.AsMemory(half), cancellationToken);
    }

    private static ColumnBatch Gather(ColumnBatch batch, int[] rows) =>
        new(batch.Fields, [.. batch.Columns.Select(column => ColumnGather.Take(column, rows))]);

    private static async Task<byte[]> WriteAsync(
        IReadOnlyList<ColumnField> fields, ParquetWriterOptions options, Func<ParquetFileWriter, CancellationToken, Task> write)
    {
        using var stream = new MemoryStream();
        await using (var writer = new ParquetFileWriter(stream, fields, options, leaveOpen: true))
        {
            await write(writer, TestContext.Current.CancellationToken);
            await writer.CloseAsync(TestContext.Current.CancellationToken);
        }

        return stream.ToArray();
    }
}
