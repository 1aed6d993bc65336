using Floe.Common.Columnar;
using Floe.Parquet.Metadata;
using Floe.Parquet.Reading;
using Floe.TestKit;
using ColumnarTimeUnit = Floe.Common.Columnar.TimeUnit;

namespace Floe.Parquet.Tests.Reading;

public sealed class DuckDbFileTests
{
    internal static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    private static DuckDbExpectations.Expected Expected() =>
        DuckDbExpectations.Parse(File.ReadAllText(TestData("duckdb_expected.json")));

    [Theory]
    [InlineData("duckdb_types.parquet")]
    [InlineData("duckdb_types_v2.parquet")]
    public async Task Every_value_DuckDB_wrote_is_read_back(string file)
    {
        DuckDbExpectations.Expected expected = Expected();
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(TestData(file), TestContext.Current.CancellationToken);
        Assert.Equal(expected.Rows.Count, reader.RowCount);
        Assert.Equal(expected.Columns, reader.Fields.Select(f => f.Name));

        int row = 0;
        await foreach (ColumnBatch batch in reader.ReadAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                batch.Validate();
                DuckDbExpectations.AssertBatch(expected, batch, row, file);
                row += batch.RowCount;
            }
        }

        Assert.Equal(expected.Rows.Count, row);
    }

    [Fact]
    public async Task Sequential_and_parallel_column_decoding_agree()
    {
        DuckDbExpectations.Expected expected = Expected();
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(TestData("duckdb_types.parquet"), TestContext.Current.CancellationToken);
        foreach (int degree in new[] { 1, 3 })
        {
            using ColumnBatch batch = await reader.ReadRowGroupAsync(0, new ParquetReadOptions { MaxDegreeOfParallelism = degree }, TestContext.Current.CancellationToken);
            DuckDbExpectations.AssertBatch(expected, batch, 0, $"degree {degree}");
        }
    }

    [Fact]
    public async Task DuckDB_types_map_to_the_expected_columnar_types()
    {
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(TestData("duckdb_types.parquet"), TestContext.Current.CancellationToken);
        Dictionary<string, ColumnType> types = reader.Fields.ToDictionary(f => f.Name, f => f.Type);
        Assert.Equal(ColumnType.Int32, types["i8"]);
        Assert.Equal(ColumnType.Int32, types["u16"]);
        Assert.Equal(ColumnType.Int64, types["u32"]);
        Assert.Equal(ColumnType.Int64, types["u64"]);
        Assert.Equal(ColumnType.Decimal(38, 10), types["dec38"]);
        Assert.Equal(ColumnType.Time, types["tm"]);
        Assert.Equal(ColumnType.Timestamp(ColumnarTimeUnit.Microseconds, false), types["ts"]);
        Assert.Equal(ColumnType.Timestamp(ColumnarTimeUnit.Microseconds, true), types["tstz"]);
        Assert.Equal(ColumnType.Timestamp(ColumnarTimeUnit.Milliseconds, false), types["ts_ms"]);
        Assert.Equal(ColumnType.Timestamp(ColumnarTimeUnit.Nanoseconds, false), types["ts_ns"]);
        Assert.Equal(ColumnType.Uuid, types["u"]);
        Assert.Equal(ColumnType.Binary, types["bl"]);
        Assert.Equal(ColumnKind.Map, types["m"].Kind);
        Assert.Equal(ColumnKind.List, types["ll"].Children[0].Type.Kind);
        Assert.StartsWith("DuckDB", reader.CreatedBy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Projection_by_name_reads_only_the_requested_columns_in_order()
    {
        DuckDbExpectations.Expected expected = Expected();
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(TestData("duckdb_types.parquet"), TestContext.Current.CancellationToken);
        var options = new ParquetReadOptions { Columns = ["m", "id", "s"] };

        using ColumnBatch batch = await reader.ReadRowGroupAsync(0, options, TestContext.Current.CancellationToken);

        Assert.Equal(["m", "id", "s"], batch.Fields.Select(f => f.Name));
        DuckDbExpectations.AssertBatch(expected, batch, 0, "projection");
        Assert.Equal(["m", "id", "s"], reader.GetProjectedFields(options).Select(f => f.Name));
    }

    [Fact]
    public async Task Projection_of_an_unknown_column_names_the_available_ones()
    {
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(TestData("duckdb_types.parquet"), TestContext.Current.CancellationToken);
        var ex = await Assert.ThrowsAsync<ParquetException>(() => reader.ReadRowGroupAsync(0, new ParquetReadOptions { Columns = ["nope"] }, TestContext.Current.CancellationToken));
        Assert.Contains("no column 'nope'", ex.Message);
        Assert.Contains("id, b, i8", ex.Message);
        await Assert.ThrowsAsync<ParquetException>(() => reader.ReadRowGroupAsync(0, new ParquetReadOptions { FieldIds = [99] }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Statistics_decode_to_typed_values()
    {
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(TestData("duckdb_types.parquet"), TestContext.Current.CancellationToken);
        var info = new RowGroupInfo(0, reader.RowGroups[0], reader.Schema);

        ColumnStatistics id = info.GetStatistics("id")!;
        Assert.Equal(0L, Assert.IsType<long>(id.Min));
        Assert.Equal(39L, Assert.IsType<long>(id.Max));
        Assert.Equal(0L, id.NullCount);
        Assert.Equal(40L, id.ValueCount);
        Assert.Equal(-99.00m, decimal.Parse(DuckDbExpectations.FormatDecimal((Int128)info.GetStatistics("dec4")!.Min!, 2), System.Globalization.CultureInfo.InvariantCulture));
        Assert.IsType<string>(info.GetStatistics("s")!.Min);
        Assert.IsType<Guid>(info.GetStatistics("u")!.Max);
        Assert.IsType<long>(info.GetStatistics("u32")!.Max);
        Assert.IsType<double>(info.GetStatistics("f64")!.Max);
        Assert.Null(info.GetStatistics("nope"));
    }

    [Fact]
    public async Task Range_filters_skip_row_groups_whose_statistics_exclude_the_range()
    {
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(TestData("duckdb_types.parquet"), TestContext.Current.CancellationToken);
        Assert.Equal([0], reader.SelectRowGroups(new ParquetReadOptions { RowGroupFilter = RowGroupFilters.Range("id", 10L, 20L) }));
        Assert.Empty(reader.SelectRowGroups(new ParquetReadOptions { RowGroupFilter = RowGroupFilters.Range("id", 40L, null) }));
        Assert.Empty(reader.SelectRowGroups(new ParquetReadOptions { RowGroupFilter = RowGroupFilters.Range("id", null, -1) }));
        Assert.Empty(reader.SelectRowGroups(new ParquetReadOptions { RowGroupFilter = RowGroupFilters.Range("low", "zzz", null) }));
        Assert.Equal([0], reader.SelectRowGroups(new ParquetReadOptions { RowGroupFilter = RowGroupFilters.Range("low", "blue", "blue") }));
        Assert.Equal([0], reader.SelectRowGroups(new ParquetReadOptions { RowGroupFilter = RowGroupFilters.Range("nope", 1, 2) }));
        var none = new ParquetReadOptions { RowGroupFilter = RowGroupFilters.All(RowGroupFilters.Range("id", 0L, 5L), RowGroupFilters.Range("f64", 1e9, null)) };
        Assert.Empty(reader.SelectRowGroups(none));
        int batches = 0;
        await foreach (ColumnBatch batch in reader.ReadAsync(none, TestContext.Current.CancellationToken))
        {
            batch.Dispose();
            batches++;
        }

        Assert.Equal(0, batches);
    }

    [Fact]
    public async Task Streams_read_like_files()
    {
        DuckDbExpectations.Expected expected = Expected();
        byte[] bytes = await File.ReadAllBytesAsync(TestData("duckdb_types_v2.parquet"), TestContext.Current.CancellationToken);
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(new MemoryStream(bytes), cancellationToken: TestContext.Current.CancellationToken);
        using ColumnBatch batch = await reader.ReadRowGroupAsync(0, cancellationToken: TestContext.Current.CancellationToken);
        DuckDbExpectations.AssertBatch(expected, batch, 0, "stream");
        Assert.Equal(bytes.Length, reader.FileLength);
        Assert.Contains(reader.Metadata.RowGroups[0].Columns, c => c.MetaData!.Encodings.Contains(Encoding.DeltaBinaryPacked));
    }
}
