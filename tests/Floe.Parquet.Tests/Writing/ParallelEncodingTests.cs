using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Common.Threading;
using Floe.Parquet.Compression;
using Floe.Parquet.Reading;
using Floe.Parquet.Writing;

namespace Floe.Parquet.Tests.Writing;

/// <summary>Encoding columns in parallel writes the same bytes as encoding them one after another.</summary>
public sealed class ParallelEncodingTests
{
    [Theory]
    [InlineData(CompressionCodec.Zstd, true, DataPageVersion.V1)]
    [InlineData(CompressionCodec.Snappy, false, DataPageVersion.V2)]
    [InlineData(CompressionCodec.Uncompressed, true, DataPageVersion.V2)]
    public async Task Columns_encoded_in_parallel_give_the_same_file(CompressionCodec codec, bool dictionary, DataPageVersion version)
    {
        IReadOnlyList<ColumnField> fields = RandomColumns.AllTypes();
        var random = new Random(5);
        using ColumnBatch first = RandomColumns.Batch(fields, 900, random);
        using ColumnBatch second = RandomColumns.Batch(fields, 1300, random);
        int[] selection = [.. Enumerable.Range(0, 1300).Where(_ => random.Next(5) != 0)];
        // Small pages and row groups, so pages, dictionaries and several row groups fill on the parallel path.
        var options = new ParquetWriterOptions
        {
            Codec = codec, EnableDictionary = dictionary, DataPageVersion = version, PageRowLimit = 150, RowGroupSizeBytes = 24 * 1024,
        };

        byte[] serial = await WriteAsync(fields, options, first, second, selection);
        byte[] parallel = await WriteAsync(fields, options with { EncodingParallelism = 4 }, first, second, selection);

        Assert.Equal(serial, parallel);
        List<string> rows = await RandomColumns.ReadRowsAsync(parallel);
        Assert.Equal(
            [.. Enumerable.Range(0, 900).Select(row => RandomColumns.RenderRow(first, row)), .. selection.Select(row => RandomColumns.RenderRow(second, row))],
            rows);
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(new MemoryStream(parallel), cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(reader.RowGroups.Count > 2, $"{reader.RowGroups.Count} row groups");
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(1, 1)]
    public async Task A_writer_borrows_only_idle_threads_of_a_shared_budget_and_gives_them_back(int total, int peak)
    {
        IReadOnlyList<ColumnField> fields = RandomColumns.AllTypes();
        var random = new Random(6);
        using ColumnBatch first = RandomColumns.Batch(fields, 700, random);
        using ColumnBatch second = RandomColumns.Batch(fields, 500, random);
        int[] selection = [.. Enumerable.Range(0, 500)];
        var options = new ParquetWriterOptions { PageRowLimit = 150, RowGroupSizeBytes = 24 * 1024 };
        var budget = new ThreadBudget(total);
        budget.Enter();

        byte[] serial = await WriteAsync(fields, options, first, second, selection);
        byte[] shared = await WriteAsync(fields, options with { EncodingParallelism = 4, EncodingThreads = budget }, first, second, selection);

        Assert.Equal(serial, shared);
        // Its own thread plus what the budget had idle, all given back once the columns were encoded.
        Assert.Equal((peak, 1), (budget.PeakBusy, budget.Busy));
    }

    [Fact]
    public void A_parallelism_below_one_is_refused()
    {
        var fields = new[] { new ColumnField("id", ColumnType.Int64, Nullable: false) };
        var error = Assert.Throws<ParquetException>(() => new ParquetFileWriter(new MemoryStream(), fields, new ParquetWriterOptions { EncodingParallelism = 0 }));
        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(nameof(ParquetWriterOptions.EncodingParallelism), error.Message, StringComparison.Ordinal);
    }

    private static async Task<byte[]> WriteAsync(IReadOnlyList<ColumnField> fields, ParquetWriterOptions options, ColumnBatch first, ColumnBatch second, int[] selection)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var stream = new MemoryStream();
        await using (var writer = new ParquetFileWriter(stream, fields, options, leaveOpen: true))
        {
            await writer.WriteBatchAsync(first, ct);
            await writer.WriteBatchAsync(second, selection, ct);
            await writer.CloseAsync(ct);
        }

        return stream.ToArray();
    }
}
