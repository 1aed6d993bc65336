using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Parquet.Reading;
using Floe.Parquet.Writing;

namespace Floe.Parquet.Tests.Writing;

public sealed class Utf8WriteTests
{
    private static readonly byte[] s_invalid = [(byte)'a', 0xFF];

    private static ColumnBatch Batch(ColumnType type, params byte[]?[] values)
    {
        var batch = ColumnBatch.Create([new ColumnField("s", type)]);
        var vector = (BinaryVector)batch.Column(0);
        foreach (byte[]? value in values)
        {
            if (value is null)
            {
                vector.AppendNull();
            }
            else
            {
                vector.Append(value);
            }
        }

        return batch;
    }

    [Fact]
    public void A_string_column_with_invalid_utf8_is_refused_naming_the_column_and_row()
    {
        using ColumnBatch batch = Batch(ColumnType.String, "ok"u8.ToArray(), null, s_invalid);
        using var writer = new ParquetFileWriter(new MemoryStream(), batch.Fields);

        FloeException error = Assert.Throws<FloeException>(() => writer.WriteBatch(batch));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(
            "column 's', row 2: the string is not valid UTF-8 (byte 0xFF at offset 1); string columns hold UTF-8 text, binary columns any bytes.",
            error.Message);
    }

    [Fact]
    public void A_value_ending_inside_a_sequence_is_refused_when_the_next_value_completes_it()
    {
        using ColumnBatch batch = Batch(ColumnType.String, [0xC3], [0xA9]);
        using var writer = new ParquetFileWriter(new MemoryStream(), batch.Fields);

        FloeException error = Assert.Throws<FloeException>(() => writer.WriteBatch(batch));

        Assert.StartsWith("column 's', row 0:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_left_out_of_a_selection_are_not_checked_and_binary_columns_take_any_bytes()
    {
        using ColumnBatch strings = Batch(ColumnType.String, "é"u8.ToArray(), s_invalid, "z"u8.ToArray());
        using ColumnBatch binary = Batch(ColumnType.Binary, s_invalid);
        var stream = new MemoryStream();
        await using (var writer = new ParquetFileWriter(stream, strings.Fields, leaveOpen: true))
        {
            await writer.WriteBatchAsync(strings, new[] { 0, 2 }, TestContext.Current.CancellationToken);
            FloeException error = await Assert.ThrowsAsync<FloeException>(
                () => writer.WriteBatchAsync(strings, new[] { 1 }, TestContext.Current.CancellationToken).AsTask());
            Assert.StartsWith("column 's', row 1:", error.Message, StringComparison.Ordinal);
            await writer.CloseAsync(TestContext.Current.CancellationToken);
        }

        stream.Position = 0;
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
        using ColumnBatch read = await reader.ReadRowGroupAsync(0, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["é", "z"], Enumerable.Range(0, read.RowCount).Select(read.Column(0).GetValue));

        using var binaryWriter = new ParquetFileWriter(new MemoryStream(), binary.Fields);
        binaryWriter.WriteBatch(binary);
        binaryWriter.Close();
        Assert.Equal(1, binaryWriter.RowCount);
    }
}
