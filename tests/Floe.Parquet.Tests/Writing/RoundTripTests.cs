using Floe.Common.Columnar;
using Floe.Parquet.Compression;
using Floe.Parquet.Reading;
using Floe.Parquet.Writing;
using Floe.TestKit;

namespace Floe.Parquet.Tests.Writing;

/// <summary>Files written by <see cref="ParquetFileWriter"/> read back by <see cref="ParquetFileReader"/> value for value.</summary>
public sealed class RoundTripTests
{
    public static TheoryData<CompressionCodec, DataPageVersion, string> Variants()
    {
        var data = new TheoryData<CompressionCodec, DataPageVersion, string>();
        CompressionCodec[] codecs =
        [
            CompressionCodec.Uncompressed, CompressionCodec.Snappy, CompressionCodec.Gzip,
            CompressionCodec.Zstd, CompressionCodec.Lz4Raw, CompressionCodec.Brotli,
        ];
        string[] encodings = ["dictionary", "plain", "delta", "split"];
        int i = 0;
        foreach (CompressionCodec codec in codecs)
        {
            foreach (DataPageVersion version in new[] { DataPageVersion.V1, DataPageVersion.V2 })
            {
                // Every codec and page version with the default encoding, plus each other encoding spread over them.
                data.Add(codec, version, "dictionary");
                data.Add(codec, version, encodings[1 + (i++ % 3)]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Every_type_and_shape_reads_back_identically(CompressionCodec codec, DataPageVersion version, string encoding)
    {
        IReadOnlyList<ColumnField> fields = RandomColumns.AllTypes();
        var random = new Random(1234 + (int)codec * 10 + (int)version);
        using ColumnBatch first = RandomColumns.Batch(fields, 400, random);
        using ColumnBatch second = RandomColumns.Batch(fields, 217, random);
        var options = new ParquetWriterOptions
        {
            Codec = codec,
            DataPageVersion = version,
            EnableDictionary = encoding == "dictionary",
            ColumnEncodings = Encodings(fields, encoding),
            PageRowLimit = 128,
            RowGroupSizeBytes = 24 * 1024,
        };

        byte[] file = await WriteAsync(fields, options, first, second);
        var structure = new WrittenFile(file);
        ReferenceCrc32.AssertEveryPageChecksummed(structure);
        Assert.Equal(
            encoding == "dictionary",
            structure.Chunks().Any(c => structure.Pages(c.RowGroup, c.Column).Any(p => p.Header.Type == Floe.Parquet.Metadata.PageType.DictionaryPage)));
        List<string> written = [.. Rows(first), .. Rows(second)];

        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(new MemoryStream(file), cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(reader.RowGroups.Count > 1);
        Assert.Equal(fields.Select(f => (f.Name, f.Type, f.Nullable)), reader.Fields.Select(f => (f.Name, f.Type, f.Nullable)));
        var read = new List<string>();
        await foreach (ColumnBatch batch in reader.ReadAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                read.AddRange(Rows(batch));
            }
        }

        Assert.Equal(written.Count, read.Count);
        for (int row = 0; row < written.Count; row++)
        {
            Assert.Equal(written[row], read[row]);
        }
    }

    [Fact]
    public async Task A_row_group_large_enough_to_decode_in_parallel_reads_back_identically_from_a_file_and_a_stream()
    {
        IReadOnlyList<ColumnField> fields = RandomColumns.AllTypes();
        using ColumnBatch batch = RandomColumns.Batch(fields, 12_000, new Random(77));
        var options = new ParquetWriterOptions { Codec = CompressionCodec.Uncompressed, RowGroupSizeBytes = 64L << 20 };
        byte[] file = await WriteAsync(fields, options, batch);
        Assert.True(file.Length > 1 << 20, $"the row group must pass the parallel decoding threshold; the file has {file.Length} bytes");
        string path = Path.Combine(Path.GetTempPath(), $"floe-parallel-{Guid.NewGuid():N}.parquet");
        await File.WriteAllBytesAsync(path, file, TestContext.Current.CancellationToken);
        try
        {
            List<string> written = [.. Rows(batch)];
            foreach (int? degree in new int?[] { null, 1, 3 })
            {
                var read = new ParquetReadOptions { MaxDegreeOfParallelism = degree };
                await using (ParquetFileReader fromStream = await ParquetFileReader.OpenAsync(new MemoryStream(file), cancellationToken: TestContext.Current.CancellationToken))
                {
                    Assert.Single(fromStream.RowGroups);
                    using ColumnBatch streamed = await fromStream.ReadRowGroupAsync(0, read, TestContext.Current.CancellationToken);
                    Assert.Equal(written, Rows(streamed));
                }

                await using ParquetFileReader fromFile = await ParquetFileReader.OpenAsync(File.OpenRead(path), cancellationToken: TestContext.Current.CancellationToken);
                using ColumnBatch local = await fromFile.ReadRowGroupAsync(0, read, TestContext.Current.CancellationToken);
                Assert.Equal(written, Rows(local));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Empty_lists_null_lists_and_lists_of_nulls_stay_distinct()
    {
        var fields = new[] { new ColumnField("xs", ColumnType.List(new ColumnField("element", ColumnType.Int32))) };
        using var batch = ColumnBatch.Create(fields);
        var list = (ListVector)batch.Column(0);
        var ints = (PrimitiveVector<int>)list.Elements;
        list.EndList();
        list.AppendNull();
        ints.AppendNull();
        list.EndList();
        ints.Append(3);
        ints.AppendNull();
        list.EndList();

        byte[] file = await WriteAsync(fields, new ParquetWriterOptions(), batch);
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(new MemoryStream(file), cancellationToken: TestContext.Current.CancellationToken);
        using ColumnBatch read = await reader.ReadRowGroupAsync(0, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["[]", "null", "[null]", "[3,null]"], Enumerable.Range(0, 4).Select(r => RandomColumns.Render(read.Column(0).GetValue(r))));
    }

    private static Dictionary<string, ColumnEncoding> Encodings(IReadOnlyList<ColumnField> fields, string encoding)
    {
        var result = new Dictionary<string, ColumnEncoding>();
        foreach (ColumnField field in fields.Where(f => !f.Type.IsNested))
        {
            ColumnEncoding? chosen = (encoding, field.Type.Kind) switch
            {
                ("delta", ColumnKind.Int32 or ColumnKind.Int64 or ColumnKind.Date or ColumnKind.Time or ColumnKind.Timestamp) => ColumnEncoding.DeltaBinaryPacked,
                ("delta", ColumnKind.Decimal) when field.Type.Precision <= 18 => ColumnEncoding.DeltaBinaryPacked,
                ("delta", ColumnKind.Decimal or ColumnKind.FixedBinary or ColumnKind.Uuid) => ColumnEncoding.DeltaByteArray,
                ("delta", ColumnKind.String) => ColumnEncoding.DeltaByteArray,
                ("delta", ColumnKind.Binary) => ColumnEncoding.DeltaLengthByteArray,
                ("split", not (ColumnKind.Boolean or ColumnKind.String or ColumnKind.Binary)) => ColumnEncoding.ByteStreamSplit,
                _ => null,
            };
            if (chosen is ColumnEncoding value)
            {
                result[field.Name] = value;
            }
        }

        if (encoding == "delta")
        {
            result["tags.list.element"] = ColumnEncoding.DeltaByteArray;
            result["matrix.list.element.list.element"] = ColumnEncoding.DeltaBinaryPacked;
        }

        return result;
    }

    private static async Task<byte[]> WriteAsync(IReadOnlyList<ColumnField> fields, ParquetWriterOptions options, params ColumnBatch[] batches)
    {
        using var stream = new MemoryStream();
        await using (var writer = new ParquetFileWriter(stream, fields, options, leaveOpen: true))
        {
            foreach (ColumnBatch batch in batches)
            {
                await writer.WriteBatchAsync(batch, TestContext.Current.CancellationToken);
            }

            await writer.CloseAsync(TestContext.Current.CancellationToken);
        }

        return stream.ToArray();
    }

    private static IEnumerable<string> Rows(ColumnBatch batch) =>
        Enumerable.Range(0, batch.RowCount).Select(row => RandomColumns.RenderRow(batch, row));
}
