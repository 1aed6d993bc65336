using Floe.TestKit;
using System.Globalization;
using System.Text.Json;
using Floe.Common.Columnar;
using Floe.Parquet.Compression;
using Floe.Parquet.Writing;

namespace Floe.Interop.Tests.Parquet;

/// <summary>Files written by Floe's Parquet writer, read back by DuckDB.</summary>
public sealed class FloeWritesParquetTests : IDisposable, IClassFixture<FloeWritesParquetTests.VariantFiles>
{
    internal const int Rows = 1500;
    private readonly string _directory = Directory.CreateTempSubdirectory("floe-writes-").FullName;
    private readonly VariantFiles _variants;

    public FloeWritesParquetTests(VariantFiles variants)
    {
        _variants = variants;
    }

    public static TheoryData<CompressionCodec, DataPageVersion, string> Variants()
    {
        var data = new TheoryData<CompressionCodec, DataPageVersion, string>();
        foreach ((CompressionCodec codec, DataPageVersion version, string encoding) in VariantKeys())
        {
            data.Add(codec, version, encoding);
        }

        return data;
    }

    /// <summary>Every codec with both page versions and the dictionary; PLAIN, delta and byte-stream-split with both versions.</summary>
    internal static IEnumerable<(CompressionCodec Codec, DataPageVersion Version, string Encoding)> VariantKeys()
    {
        foreach (CompressionCodec codec in Codecs)
        {
            yield return (codec, DataPageVersion.V1, "dictionary");
            yield return (codec, DataPageVersion.V2, "dictionary");
        }

        foreach (DataPageVersion version in new[] { DataPageVersion.V1, DataPageVersion.V2 })
        {
            yield return (CompressionCodec.Zstd, version, "plain");
            yield return (CompressionCodec.Snappy, version, "delta");
            yield return (CompressionCodec.Uncompressed, version, "split");
        }
    }

    internal static CompressionCodec[] Codecs { get; } =
    [
        CompressionCodec.Uncompressed,
        CompressionCodec.Snappy,
        CompressionCodec.Gzip,
        CompressionCodec.Zstd,
        CompressionCodec.Lz4Raw,
        CompressionCodec.Brotli,
    ];

    [Theory]
    [MemberData(nameof(Variants))]
    public void DuckDb_reads_every_type_with_identical_values(CompressionCodec codec, DataPageVersion version, string encoding)
    {
        JsonDocument result = _variants.Results[(codec, version, encoding)];
        JsonElement rows = result.RootElement.GetProperty("rows");
        Assert.Equal(Rows, rows.GetArrayLength());
        int row = 0;
        foreach (JsonElement actual in rows.EnumerateArray())
        {
            foreach (FloeWritesSampleData.Column column in FloeWritesSampleData.Columns)
            {
                string? expected = column.Expected(row);
                JsonElement value = actual.GetProperty(column.Field.Name);
                string? text = value.ValueKind == JsonValueKind.Null ? null : value.GetString();
                if (column.DuckDbType is "FLOAT" or "DOUBLE" && expected is not null && text is not null)
                {
                    Assert.Equal(double.Parse(expected, CultureInfo.InvariantCulture), double.Parse(text, CultureInfo.InvariantCulture));
                }
                else
                {
                    Assert.True(expected == text, $"row {row} column {column.Field.Name}: expected {expected ?? "null"}, DuckDB read {text ?? "null"}");
                }
            }

            row++;
        }

        string[] described = [.. result.RootElement.GetProperty("types").EnumerateArray().Select(d => d.GetProperty("type").GetString()!)];
        Assert.Equal(FloeWritesSampleData.Columns.Select(c => c.DuckDbType), described);

        string expectedCodec = codec == CompressionCodec.Lz4Raw ? "LZ4_RAW" : codec.ToString().ToUpperInvariant();
        foreach (JsonElement chunk in result.RootElement.GetProperty("metadata").EnumerateArray())
        {
            Assert.Equal(expectedCodec, chunk.GetProperty("compression").GetString());
        }
    }

    [Fact]
    public async Task Statistics_agree_with_duckdb_parquet_metadata()
    {
        var options = new ParquetWriterOptions { Codec = CompressionCodec.Snappy, PageRowLimit = 400, RowGroupSizeBytes = 20_000 };
        string path = Path.Combine(_directory, "stats.parquet");
        ParquetFileMetrics metrics;
        await using (var writer = ParquetFileWriter.Create(path, FloeWritesSampleData.Fields, options))
        {
            using ColumnBatch batch = FloeWritesSampleData.Batch(0, Rows);
            await writer.WriteBatchAsync(batch, TestContext.Current.CancellationToken);
            metrics = await writer.CloseAsync(TestContext.Current.CancellationToken);
        }

        using JsonDocument result = await ReadAsync(path, "select count(*) as n from t");
        JsonElement[] chunks = [.. result.RootElement.GetProperty("metadata").EnumerateArray()];
        int rowGroups = chunks.Select(c => c.GetProperty("row_group_id").GetString()).Distinct().Count();
        Assert.True(rowGroups > 1, "the small row group size should give several row groups");
        Assert.Equal(rowGroups, metrics.SplitOffsets.Count);
        Assert.Equal(new FileInfo(path).Length, metrics.FileSize);
        Assert.Equal(Rows, metrics.RecordCount);

        foreach (ParquetColumnMetrics column in metrics.Columns)
        {
            string name = column.Path[0];
            JsonElement[] own = [.. chunks.Where(c => c.GetProperty("path_in_schema").GetString() == name)];
            Assert.Equal(column.ValueCount, own.Sum(c => long.Parse(c.GetProperty("num_values").GetString()!, CultureInfo.InvariantCulture)));
            Assert.Equal(column.NullCount, own.Sum(c => long.Parse(c.GetProperty("stats_null_count").GetString()!, CultureInfo.InvariantCulture)));
            Assert.Equal(column.CompressedSize, own.Sum(c => long.Parse(c.GetProperty("total_compressed_size").GetString()!, CultureInfo.InvariantCulture)));
            FloeWritesSampleData.Column sample = FloeWritesSampleData.Columns.Single(c => c.Field.Name == name);
            int expectedNulls = Enumerable.Range(0, Rows).Count(r => sample.Expected(r) is null);
            Assert.Equal(expectedNulls, column.NullCount);
        }

        // Per chunk min/max of the BIGINT and VARCHAR columns against the data itself.
        foreach (JsonElement chunk in chunks.Where(c => c.GetProperty("path_in_schema").GetString() is "i64" or "name"))
        {
            Assert.Equal("true", chunk.GetProperty("min_is_exact").GetRawText());
            Assert.Equal("true", chunk.GetProperty("max_is_exact").GetRawText());
            string expectedEncodings = chunk.GetProperty("path_in_schema").GetString() == "name" ? "RLE_DICTIONARY" : "PLAIN";
            Assert.Contains(expectedEncodings, chunk.GetProperty("encodings").GetString()!, StringComparison.Ordinal);
            Assert.Equal("SNAPPY", chunk.GetProperty("compression").GetString());
        }

        ParquetColumnMetrics i64 = metrics.ForFieldId(3)!;
        long[] values = [.. Enumerable.Range(0, Rows).Where(r => !FloeWritesSampleData.Null(r, 7)).Select(FloeWritesSampleData.I64)];
        Assert.Equal(values.Min(), BitConverter.ToInt64(i64.LowerBound));
        Assert.Equal(values.Max(), BitConverter.ToInt64(i64.UpperBound));
        long duckMin = chunks.Where(c => c.GetProperty("path_in_schema").GetString() == "i64")
            .Min(c => long.Parse(c.GetProperty("stats_min_value").GetString()!, CultureInfo.InvariantCulture));
        long duckMax = chunks.Where(c => c.GetProperty("path_in_schema").GetString() == "i64")
            .Max(c => long.Parse(c.GetProperty("stats_max_value").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(values.Min(), duckMin);
        Assert.Equal(values.Max(), duckMax);

        string[] names = [.. Enumerable.Range(0, Rows).Where(r => !FloeWritesSampleData.Null(r, 3)).Select(FloeWritesSampleData.Name).Order(StringComparer.Ordinal)];
        string duckNameMin = chunks.Where(c => c.GetProperty("path_in_schema").GetString() == "name")
            .Select(c => c.GetProperty("stats_min_value").GetString()!).Min(StringComparer.Ordinal)!;
        Assert.Equal(names[0], duckNameMin);
        Assert.Equal(names[0], System.Text.Encoding.UTF8.GetString(metrics.ForFieldId(13)!.LowerBound!));
        Assert.Equal(names[^1], System.Text.Encoding.UTF8.GetString(metrics.ForFieldId(13)!.UpperBound!));

        // File-wide bounds from DuckDB's per-chunk statistics against the data, for columns of several orderings.
        var parsers = new Dictionary<string, Func<string, IComparable>>
        {
            ["i32"] = text => int.Parse(text, CultureInfo.InvariantCulture),
            ["f64"] = text => double.Parse(text, CultureInfo.InvariantCulture),
            ["d9"] = text => decimal.Parse(text, CultureInfo.InvariantCulture),
            ["d18"] = text => decimal.Parse(text, CultureInfo.InvariantCulture),
            ["day"] = text => DateOnly.Parse(text, CultureInfo.InvariantCulture),
        };
        foreach ((string name, Func<string, IComparable> parse) in parsers)
        {
            FloeWritesSampleData.Column sample = FloeWritesSampleData.Columns.Single(c => c.Field.Name == name);
            IComparable[] data = [.. Enumerable.Range(0, Rows).Select(sample.Expected).OfType<string>().Select(parse)];
            JsonElement[] own = [.. chunks.Where(c => c.GetProperty("path_in_schema").GetString() == name)];
            IComparable duckMinimum = own.Select(c => parse(c.GetProperty("stats_min_value").GetString()!)).Min()!;
            IComparable duckMaximum = own.Select(c => parse(c.GetProperty("stats_max_value").GetString()!)).Max()!;
            Assert.Equal(data.Min(), duckMinimum);
            Assert.Equal(data.Max(), duckMaximum);
        }

        JsonElement[] schema = [.. result.RootElement.GetProperty("schema").EnumerateArray()];
        foreach (FloeWritesSampleData.Column column in FloeWritesSampleData.Columns)
        {
            JsonElement element = schema.Single(e => e.GetProperty("name").GetString() == column.Field.Name);
            Assert.Equal(column.Field.FieldId!.Value.ToString(CultureInfo.InvariantCulture), element.GetProperty("field_id").GetString());
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The SELECT that renders every sample column the way <see cref="FloeWritesSampleData"/> expects.</summary>
    internal static string SampleQuery =>
        "select " + string.Join(", ", FloeWritesSampleData.Columns.Select(c => $"{c.Sql} as {c.Field.Name}")) + " from t";

    /// <summary>Writes the file of every variant once and has DuckDB read them all in one process.</summary>
    public sealed class VariantFiles : IAsyncLifetime
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("floe-writes-variants-").FullName;
        private readonly List<JsonDocument> _documents = [];

        public Dictionary<(CompressionCodec, DataPageVersion, string), JsonDocument> Results { get; } = [];

        public async ValueTask InitializeAsync()
        {
            var keys = new List<(CompressionCodec, DataPageVersion, string)>();
            var paths = new List<string>();
            foreach ((CompressionCodec, DataPageVersion, string) key in VariantKeys())
            {
                string path = Path.Combine(_directory, $"{key.Item1}-{key.Item2}-{key.Item3}.parquet");
                await WriteAsync(path, Options(key.Item1, key.Item2, key.Item3));
                keys.Add(key);
                paths.Add(path);
            }

            string output = await NodeRunner.RunAsync("duckdb-read-parquet.mjs", ["--many", SampleQuery, .. paths], TestContext.Current.CancellationToken);
            using JsonDocument all = JsonDocument.Parse(output);
            int i = 0;
            foreach (JsonElement result in all.RootElement.EnumerateArray())
            {
                JsonDocument document = JsonDocument.Parse(result.GetRawText());
                _documents.Add(document);
                Results[keys[i++]] = document;
            }
        }

        public ValueTask DisposeAsync()
        {
            foreach (JsonDocument document in _documents)
            {
                document.Dispose();
            }

            Directory.Delete(_directory, recursive: true);
            return ValueTask.CompletedTask;
        }
    }

    internal static ParquetWriterOptions Options(CompressionCodec codec, DataPageVersion version, string encoding)
    {
        var encodings = new Dictionary<string, ColumnEncoding>();
        if (encoding == "delta")
        {
            foreach (string name in new[] { "i32", "i64", "d9", "d18", "day", "tod", "tstz", "ts" })
            {
                encodings[name] = ColumnEncoding.DeltaBinaryPacked;
            }

            encodings["name"] = ColumnEncoding.DeltaByteArray;
            encodings["blob"] = ColumnEncoding.DeltaLengthByteArray;
            encodings["fixed4"] = ColumnEncoding.DeltaByteArray;
        }
        else if (encoding == "split")
        {
            // DuckDB reads BYTE_STREAM_SPLIT for FLOAT and DOUBLE only; the other types are covered by round trips.
            foreach (string name in new[] { "f32", "f64" })
            {
                encodings[name] = ColumnEncoding.ByteStreamSplit;
            }
        }

        return new ParquetWriterOptions
        {
            Codec = codec,
            DataPageVersion = version,
            EnableDictionary = encoding == "dictionary",
            ColumnEncodings = encodings,
            PageRowLimit = 1000,
        };
    }

    private static async Task WriteAsync(string path, ParquetWriterOptions options)
    {
        await using var writer = ParquetFileWriter.Create(path, FloeWritesSampleData.Fields, options);
        for (int start = 0; start < Rows; start += 1100)
        {
            using ColumnBatch batch = FloeWritesSampleData.Batch(start, Math.Min(1100, Rows - start));
            await writer.WriteBatchAsync(batch, TestContext.Current.CancellationToken);
        }

        await writer.CloseAsync(TestContext.Current.CancellationToken);
    }

    internal static async Task<JsonDocument> ReadAsync(string path, string query)
    {
        string output = await NodeRunner.RunAsync("duckdb-read-parquet.mjs", [path, query], TestContext.Current.CancellationToken);
        return JsonDocument.Parse(output);
    }
}
