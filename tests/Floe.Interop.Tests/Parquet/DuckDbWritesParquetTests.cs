using Floe.Common.Columnar;
using Floe.Parquet.Reading;
using Floe.TestKit;

namespace Floe.Interop.Tests.Parquet;

/// <summary>Writes files with DuckDB once for the class (every codec, v1 and v2 pages, three row groups each).</summary>
public sealed class DuckDbWrittenFiles : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("duckdb-writes-").FullName;

    internal DuckDbExpectations.Expected Expected { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        string json = await NodeRunner.RunAsync("duckdb-write-parquet.mjs", [Directory], CancellationToken.None);
        Expected = DuckDbExpectations.Parse(json);
    }

    public ValueTask DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Files written by DuckDB, read by Floe and compared value by value with what DuckDB reports.</summary>
public sealed class DuckDbWritesParquetTests(DuckDbWrittenFiles files) : IClassFixture<DuckDbWrittenFiles>
{
    public static TheoryData<string> FileNames() =>
    [
        "v1_uncompressed.parquet", "v1_snappy.parquet", "v1_gzip.parquet", "v1_zstd.parquet", "v1_lz4_raw.parquet", "v1_brotli.parquet",
        "v2_uncompressed.parquet", "v2_snappy.parquet", "v2_zstd.parquet",
    ];

    [Theory]
    [MemberData(nameof(FileNames))]
    public async Task Floe_reads_every_value_DuckDB_wrote(string name)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        DuckDbExpectations.Expected expected = files.Expected;
        int rowGroups = expected.Files.Single(f => (string)f!["name"]! == name)!["rowGroups"]!.GetValue<int>();
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(Path.Combine(files.Directory, name), ct);

        Assert.Equal(rowGroups, reader.RowGroups.Count);
        Assert.True(rowGroups > 1, "the files should span several row groups");
        int row = 0;
        await foreach (ColumnBatch batch in reader.ReadAsync(cancellationToken: ct))
        {
            using (batch)
            {
                DuckDbExpectations.AssertBatch(expected, batch, row, name);
                row += batch.RowCount;
            }
        }

        Assert.Equal(expected.Rows.Count, row);
    }

    [Fact]
    public async Task Dictionary_encoding_of_low_cardinality_columns_is_read()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(Path.Combine(files.Directory, "v1_snappy.parquet"), ct);
        var low = reader.Schema.FindColumn("low")!;
        Assert.All(reader.RowGroups, group =>
        {
            var meta = group.Columns[low.Index].MetaData!;
            Assert.NotNull(meta.DictionaryPageOffset);
            Assert.Contains(meta.Encodings, e => e is Floe.Parquet.Metadata.Encoding.RleDictionary or Floe.Parquet.Metadata.Encoding.PlainDictionary);
        });

        using ColumnBatch batch = await reader.ReadRowGroupAsync(1, new ParquetReadOptions { Columns = ["low", "id"] }, ct);
        DuckDbExpectations.AssertBatch(files.Expected, batch, (int)reader.RowGroups[0].NumRows, "low");
    }

    [Fact]
    public async Task Row_groups_are_pruned_by_id_statistics()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(Path.Combine(files.Directory, "v2_zstd.parquet"), ct);
        long firstGroupRows = reader.RowGroups[0].NumRows;
        var options = new ParquetReadOptions
        {
            Columns = ["id", "s"],
            RowGroupFilter = RowGroupFilters.Range("id", firstGroupRows + 10, firstGroupRows + 20),
        };

        Assert.Equal([1], reader.SelectRowGroups(options));
        int batches = 0;
        await foreach (ColumnBatch batch in reader.ReadAsync(options, ct))
        {
            using (batch)
            {
                batches++;
                Assert.Equal(firstGroupRows, ((PrimitiveVector<long>)batch.Column(0))[0]);
                DuckDbExpectations.AssertBatch(files.Expected, batch, (int)firstGroupRows, "pruned");
            }
        }

        Assert.Equal(1, batches);
    }
}
