using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Parquet.Compression;
using Floe.Parquet.Metadata;
using Floe.Parquet.Writing;
using Floe.TestKit;
using ParquetEncoding = Floe.Parquet.Metadata.Encoding;
using ParquetStatistics = Floe.Parquet.Metadata.Statistics;
using Utf8 = System.Text.Encoding;

namespace Floe.Parquet.Tests.Writing;

public sealed class ParquetFileWriterTests
{
    private static readonly ColumnField[] s_fields =
    [
        new("id", ColumnType.Int64, Nullable: false, FieldId: 1),
        new("score", ColumnType.Float64, FieldId: 2),
        new("name", ColumnType.String, FieldId: 3),
    ];

    [Fact]
    public void Footer_carries_schema_field_ids_metadata_and_column_orders()
    {
        var options = new ParquetWriterOptions
        {
            Codec = CompressionCodec.Uncompressed,
            KeyValueMetadata = new Dictionary<string, string> { ["iceberg.schema"] = "{\"type\":\"struct\"}" },
        };
        WrittenFile file = Write(options, Batch(0, 100));

        Assert.Equal(100, file.Footer.NumRows);
        Assert.Equal(ParquetWriterOptions.DefaultCreatedBy, file.Footer.CreatedBy);
        Assert.StartsWith("Floe version ", file.Footer.CreatedBy, StringComparison.Ordinal);
        Assert.Equal("{\"type\":\"struct\"}", file.Footer.GetMetadata("iceberg.schema"));
        Assert.Equal([null, 1, 2, 3], file.Footer.Schema.Select(e => e.FieldId));
        Assert.Equal(3, file.Footer.ColumnOrders!.Count);
        Assert.All(file.Footer.ColumnOrders, order => Assert.Equal(ColumnOrderKind.TypeDefinedOrder, order.Kind));
    }

    [Fact]
    public void Statistics_and_metrics_match_the_data()
    {
        using ColumnBatch batch = Batch(0, 500);
        byte[] bytes = WriteBytes(new ParquetWriterOptions { Codec = CompressionCodec.Uncompressed }, out ParquetFileMetrics metrics, batch);
        var file = new WrittenFile(bytes);

        ParquetStatistics idStats = file.Column(0, 0).Statistics!;
        Assert.Equal(0, BitConverter.ToInt64(idStats.MinValue));
        Assert.Equal(499, BitConverter.ToInt64(idStats.MaxValue));
        Assert.Equal(0, idStats.NullCount);
        Assert.True(idStats.IsMinValueExact);

        ParquetStatistics scoreStats = file.Column(0, 1).Statistics!;
        Assert.Equal(50, scoreStats.NullCount);
        Assert.Equal(-0.5 * 498, BitConverter.ToDouble(scoreStats.MinValue));

        ParquetColumnMetrics score = metrics.ForFieldId(2)!;
        Assert.Equal(500, score.ValueCount);
        Assert.Equal(50, score.NullCount);
        Assert.Equal(Enumerable.Range(0, 500).Count(r => r % 10 != 9 && r % 7 == 3), score.NanCount);
        Assert.Null(metrics.ForFieldId(1)!.NanCount);
        Assert.Equal(bytes.Length, metrics.FileSize);
        Assert.Equal(500, metrics.RecordCount);
        Assert.Equal([4L], metrics.SplitOffsets);
        Assert.Equal(file.Column(0, 2).TotalCompressedSize, metrics.ForFieldId(3)!.CompressedSize);
        Assert.Equal("name-0", Utf8.UTF8.GetString(metrics.ForFieldId(3)!.LowerBound!));
    }

    [Fact]
    public void Row_groups_and_pages_split_by_size_and_row_limit()
    {
        var options = new ParquetWriterOptions { Codec = CompressionCodec.Uncompressed, PageRowLimit = 300, RowGroupSizeBytes = 30_000, EnableDictionary = false };
        using ColumnBatch first = Batch(0, 2000);
        using ColumnBatch second = Batch(2000, 2000);
        WrittenFile file = Write(options, first, second);

        Assert.True(file.Footer.RowGroups.Count > 2);
        Assert.Equal(4000, file.Footer.RowGroups.Sum(g => g.NumRows));
        List<(PageHeader Header, int DataOffset)> pages = file.Pages(0, 0);
        Assert.True(pages.Count > 1);
        Assert.All(pages, page => Assert.True(page.Header.DataPageHeader!.NumValues <= 300));
        Assert.Equal(file.Footer.RowGroups[0].NumRows, pages.Sum(page => page.Header.DataPageHeader!.NumValues));
        Assert.All(file.Footer.RowGroups, g => Assert.Equal(g.FileOffset, g.Columns[0].MetaData!.DataPageOffset));
    }

    [Fact]
    public void Dictionary_is_used_for_repetitive_values_and_skipped_for_unique_ones()
    {
        var options = new ParquetWriterOptions { Codec = CompressionCodec.Uncompressed };
        using ColumnBatch batch = Batch(0, 5000);
        WrittenFile file = Write(options, batch);

        ColumnMetaData id = file.Column(0, 0);
        Assert.Null(id.DictionaryPageOffset);
        Assert.DoesNotContain(ParquetEncoding.RleDictionary, id.Encodings);

        ColumnMetaData name = file.Column(0, 2);
        Assert.NotNull(name.DictionaryPageOffset);
        Assert.Contains(ParquetEncoding.RleDictionary, name.Encodings);
        Assert.DoesNotContain(ParquetEncoding.Plain, name.EncodingStats!.Where(s => s.PageType != PageType.DictionaryPage).Select(s => s.Encoding));
        List<(PageHeader Header, int DataOffset)> pages = file.Pages(0, 2);
        Assert.Equal(PageType.DictionaryPage, pages[0].Header.Type);
        Assert.Equal(23, pages[0].Header.DictionaryPageHeader!.NumValues);
    }

    [Theory]
    [InlineData(100_000, false)]
    [InlineData(2048, true)]
    public void A_chunks_only_page_goes_plain_when_its_sample_hardly_repeats(int pageRowLimit, bool dictionaryExpected)
    {
        // The first 1,024 values are distinct and the rest repeat them. As the chunk's only page the sample decides:
        // PLAIN. Cut into pages, the first page is encoded both ways and the dictionary wins, as before.
        var fields = new[] { new ColumnField("s", ColumnType.String, Nullable: false) };
        using var batch = ColumnBatch.Create(fields);
        var values = (BinaryVector)batch.Column(0);
        for (int i = 0; i < 6000; i++)
        {
            values.Append($"a-long-enough-value-{i % 1024:D5}");
        }

        var options = new ParquetWriterOptions { Codec = CompressionCodec.Uncompressed, PageRowLimit = pageRowLimit };
        WrittenFile file = Write(options, fields, batch);

        ColumnMetaData column = file.Column(0, 0);
        Assert.Equal(dictionaryExpected, column.DictionaryPageOffset is not null);
        Assert.Equal(dictionaryExpected, column.Encodings.Contains(ParquetEncoding.RleDictionary));
        Assert.Equal(6000, column.NumValues);
    }

    [Fact]
    public void Dictionary_falls_back_to_plain_past_its_size_limit()
    {
        var fields = new[] { new ColumnField("v", ColumnType.Int64, Nullable: false) };
        using var batch = ColumnBatch.Create(fields);
        var values = (PrimitiveVector<long>)batch.Column(0);
        for (int i = 0; i < 20_000; i++)
        {
            values.Append(i / 2); // every value twice: the dictionary pays off but grows
        }

        var options = new ParquetWriterOptions { Codec = CompressionCodec.Uncompressed, PageRowLimit = 1000, DictionaryPageSizeLimit = 16 * 1024 };
        WrittenFile file = Write(options, fields, batch);

        ColumnMetaData column = file.Column(0, 0);
        Assert.NotNull(column.DictionaryPageOffset);
        PageEncodingStats[] data = [.. column.EncodingStats!.Where(s => s.PageType == PageType.DataPage)];
        Assert.Contains(data, s => s.Encoding == ParquetEncoding.RleDictionary);
        Assert.Contains(data, s => s.Encoding == ParquetEncoding.Plain);
        List<(PageHeader Header, int DataOffset)> pages = file.Pages(0, 0);
        int dictionarySize = pages[0].Header.DictionaryPageHeader!.NumValues;
        Assert.InRange(dictionarySize * 8, 16 * 1024, (16 * 1024) + (1000 * 8));
    }

    [Theory]
    [InlineData(1 << 20)]
    [InlineData(64)]
    public void String_bounds_are_right_whether_taken_from_the_dictionary_or_the_values(int dictionaryLimit)
    {
        var fields = new[] { new ColumnField("s", ColumnType.String, Nullable: false) };
        using var batch = ColumnBatch.Create(fields);
        var strings = (BinaryVector)batch.Column(0);
        string[] values = [.. Enumerable.Range(0, 300).Select(i => "m" + (i % (i < 100 ? 5 : 37)))];
        values[150] = "a-first";
        values[290] = "z-last";
        values[10] = "m0";
        foreach (string value in values)
        {
            strings.Append(value);
        }

        var options = new ParquetWriterOptions { Codec = CompressionCodec.Uncompressed, PageRowLimit = 20, DictionaryPageSizeLimit = dictionaryLimit };
        WrittenFile file = Write(options, fields, batch);

        ColumnMetaData column = file.Column(0, 0);
        Assert.Contains(ParquetEncoding.RleDictionary, column.Encodings);
        Assert.Equal(dictionaryLimit < 1024, column.EncodingStats!.Any(s => s.PageType == PageType.DataPage && s.Encoding == ParquetEncoding.Plain));
        Assert.Equal("a-first", Utf8.UTF8.GetString(column.Statistics!.MinValue!));
        Assert.Equal("z-last", Utf8.UTF8.GetString(column.Statistics.MaxValue!));
    }

    [Fact]
    public void Dictionary_falls_back_to_plain_once_it_stops_paying_off()
    {
        var fields = new[] { new ColumnField("v", ColumnType.Int64, Nullable: false) };
        using var batch = ColumnBatch.Create(fields);
        var values = (PrimitiveVector<long>)batch.Column(0);
        for (int i = 0; i < 20_000; i++)
        {
            values.Append(i < 1000 ? i % 10 : i); // a repetitive first page, then only new values
        }

        var options = new ParquetWriterOptions { Codec = CompressionCodec.Uncompressed, PageRowLimit = 1000 };
        WrittenFile file = Write(options, fields, batch);

        List<(PageHeader Header, int DataOffset)> pages = file.Pages(0, 0);
        int dictionaryEntries = pages[0].Header.DictionaryPageHeader!.NumValues;
        Assert.True(dictionaryEntries * 8 < options.DictionaryPageSizeLimit);
        Assert.InRange(dictionaryEntries, 1010, 10_000);
        PageEncodingStats[] data = [.. file.Column(0, 0).EncodingStats!.Where(s => s.PageType == PageType.DataPage)];
        Assert.Contains(data, s => s.Encoding == ParquetEncoding.RleDictionary);
        Assert.Contains(data, s => s.Encoding == ParquetEncoding.Plain && s.Count > 5);
    }

    [Fact]
    public void Long_string_bounds_are_truncated_and_flagged_inexact()
    {
        var fields = new[] { new ColumnField("s", ColumnType.String) };
        using var batch = ColumnBatch.Create(fields);
        var strings = (BinaryVector)batch.Column(0);
        strings.Append(new string('a', 100));
        strings.Append(new string('z', 100));
        var options = new ParquetWriterOptions { Codec = CompressionCodec.Uncompressed, MaxStatisticsSize = 8 };
        WrittenFile file = Write(options, fields, batch);

        ParquetStatistics stats = file.Column(0, 0).Statistics!;
        Assert.Equal("aaaaaaaa", Utf8.UTF8.GetString(stats.MinValue!));
        Assert.Equal("zzzzzzz{", Utf8.UTF8.GetString(stats.MaxValue!));
        Assert.False(stats.IsMinValueExact);
        Assert.False(stats.IsMaxValueExact);
    }

    [Fact]
    public void Map_keys_are_written_required_even_when_declared_nullable()
    {
        var fields = new[] { new ColumnField("m", ColumnType.Map(new ColumnField("key", ColumnType.String), new ColumnField("value", ColumnType.Int32))) };
        using var batch = ColumnBatch.Create(fields);
        var map = (MapVector)batch.Column(0);
        ((BinaryVector)map.Keys).Append("k");
        ((PrimitiveVector<int>)map.Values).AppendNull();
        map.EndMap();
        WrittenFile file = Write(new ParquetWriterOptions { Codec = CompressionCodec.Uncompressed }, fields, batch);

        SchemaElement key = file.Footer.Schema.Single(e => e.Name == "key");
        Assert.Equal(FieldRepetitionType.Required, key.RepetitionType);
        Assert.Equal(0, file.Column(0, 0).Statistics!.NullCount);
        Assert.Equal(1, file.Column(0, 1).Statistics!.NullCount);
    }

    [Fact]
    public void Statistics_can_be_switched_off()
    {
        using ColumnBatch batch = Batch(0, 10);
        WrittenFile file = Write(new ParquetWriterOptions { Codec = CompressionCodec.Uncompressed, WriteStatistics = false }, batch);

        Assert.Null(file.Column(0, 0).Statistics);
    }

    [Theory]
    [InlineData(CompressionCodec.Uncompressed, DataPageVersion.V1)]
    [InlineData(CompressionCodec.Zstd, DataPageVersion.V1)]
    [InlineData(CompressionCodec.Zstd, DataPageVersion.V2)]
    [InlineData(CompressionCodec.Uncompressed, DataPageVersion.V2)]
    public void Page_checksums_are_written_by_default_and_cover_the_stored_page(CompressionCodec codec, DataPageVersion version)
    {
        using ColumnBatch batch = Batch(0, 300);
        WrittenFile file = Write(new ParquetWriterOptions { Codec = codec, DataPageVersion = version, PageRowLimit = 100 }, batch);

        Assert.Contains(file.Pages(0, 2), p => p.Header.Type == PageType.DictionaryPage);
        Assert.True(file.Pages(0, 0).Count > 1);
        ReferenceCrc32.AssertEveryPageChecksummed(file);
    }

    [Fact]
    public void Page_checksums_can_be_switched_off()
    {
        using ColumnBatch batch = Batch(0, 300);
        WrittenFile file = Write(new ParquetWriterOptions { WritePageChecksums = false, PageRowLimit = 100 }, batch);

        Assert.All(file.Chunks().SelectMany(c => file.Pages(c.RowGroup, c.Column)), p => Assert.Null(p.Header.Crc));
    }

    [Fact]
    public void Batches_of_another_shape_are_rejected()
    {
        using var stream = new MemoryStream();
        using var writer = new ParquetFileWriter(stream, s_fields, new ParquetWriterOptions { Codec = CompressionCodec.Uncompressed });
        using var other = ColumnBatch.Create([new ColumnField("id", ColumnType.Int32)]);

        Assert.Throws<FloeException>(() => writer.WriteBatch(other));
    }

    [Fact]
    public void Nulls_in_a_required_column_are_rejected()
    {
        using ColumnBatch batch = Batch(0, 3);
        batch.Column(0).AppendNull();
        batch.Column(1).AppendNull();
        batch.Column(2).AppendNull();
        using var stream = new MemoryStream();
        using var writer = new ParquetFileWriter(stream, s_fields, new ParquetWriterOptions { Codec = CompressionCodec.Uncompressed });

        FloeException error = Assert.Throws<FloeException>(() => writer.WriteBatch(batch));
        Assert.Contains("id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        using var stream = new MemoryStream();
        Assert.Throws<ParquetException>(() => new ParquetFileWriter(stream, s_fields, new ParquetWriterOptions { PageRowLimit = 0 }));
        var encodings = new Dictionary<string, ColumnEncoding> { ["name"] = ColumnEncoding.DeltaBinaryPacked };
        Assert.Throws<ParquetException>(() => new ParquetFileWriter(stream, s_fields, new ParquetWriterOptions { ColumnEncodings = encodings }));
    }

    [Fact]
    public void Empty_file_has_a_footer_and_no_row_groups()
    {
        byte[] bytes = WriteBytes(new ParquetWriterOptions { Codec = CompressionCodec.Uncompressed }, out ParquetFileMetrics metrics);
        var file = new WrittenFile(bytes);

        Assert.Empty(file.Footer.RowGroups);
        Assert.Equal(0, metrics.RecordCount);
        Assert.Null(metrics.Columns[0].LowerBound);
    }

    internal static ColumnBatch Batch(int start, int count)
    {
        var batch = ColumnBatch.Create(s_fields, count);
        var ids = (PrimitiveVector<long>)batch.Column(0);
        var scores = (PrimitiveVector<double>)batch.Column(1);
        var names = (BinaryVector)batch.Column(2);
        for (int row = start; row < start + count; row++)
        {
            ids.Append(row);
            if (row % 10 == 9)
            {
                scores.AppendNull();
                names.AppendNull();
                continue;
            }

            scores.Append(row % 7 == 3 ? double.NaN : row % 2 == 0 ? -0.5 * row : row);
            names.Append("name-" + (row % 23));
        }

        return batch;
    }

    private static WrittenFile Write(ParquetWriterOptions options, params ColumnBatch[] batches) =>
        new(WriteBytes(options, out _, batches));

    private static WrittenFile Write(ParquetWriterOptions options, ColumnField[] fields, ColumnBatch batch)
    {
        using var stream = new MemoryStream();
        using (var writer = new ParquetFileWriter(stream, fields, options, leaveOpen: true))
        {
            writer.WriteBatch(batch);
            writer.Close();
        }

        return new WrittenFile(stream.ToArray());
    }

    private static byte[] WriteBytes(ParquetWriterOptions options, out ParquetFileMetrics metrics, params ColumnBatch[] batches)
    {
        using var stream = new MemoryStream();
        using (var writer = new ParquetFileWriter(stream, s_fields, options, leaveOpen: true))
        {
            foreach (ColumnBatch batch in batches)
            {
                writer.WriteBatch(batch);
            }

            writer.Close();
            metrics = writer.Metrics;
        }

        return stream.ToArray();
    }
}
