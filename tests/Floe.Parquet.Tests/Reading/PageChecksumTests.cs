using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Parquet.Compression;
using Floe.Parquet.Metadata;
using Floe.Parquet.Reading;
using Floe.Parquet.Tests.Writing;
using Floe.Parquet.Writing;
using Floe.TestKit;

namespace Floe.Parquet.Tests.Reading;

/// <summary>Page CRCs checked on read: a single flipped bit in a stored page fails the read and says where.</summary>
public sealed class PageChecksumTests
{
    private const int IdColumn = 0;
    private const int NameColumn = 1;

    private static readonly ColumnField[] s_fields =
    [
        new("id", ColumnType.Int64, Nullable: false),
        new("name", ColumnType.String),
    ];

    [Fact]
    public async Task A_flipped_bit_in_a_zstd_data_page_fails_naming_file_column_row_group_and_page()
    {
        string path = Path.Combine(Path.GetTempPath(), $"floe-crc-{Guid.NewGuid():N}.parquet");
        try
        {
            byte[] bytes = Write(new ParquetWriterOptions { Codec = CompressionCodec.Zstd, PageRowLimit = 100, RowGroupSizeBytes = 2500 });
            var file = new WrittenFile(bytes);
            Assert.True(file.Footer.RowGroups.Count >= 2, $"{file.Footer.RowGroups.Count} row groups");
            List<(PageHeader Header, int DataOffset)> pages = file.Pages(1, IdColumn);
            Assert.True(pages.Count >= 3, $"{pages.Count} pages");
            (PageHeader header, int offset) = pages[2];
            Assert.Equal(PageType.DataPage, header.Type);
            bytes[offset + (header.CompressedPageSize / 2)] ^= 0x08;
            await File.WriteAllBytesAsync(path, bytes, TestContext.Current.CancellationToken);

            ParquetException error = await Assert.ThrowsAsync<ParquetException>(() => ReadIdsAsync(path));

            uint actual = ReferenceCrc32.Compute(bytes.AsSpan(offset, header.CompressedPageSize));
            Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
            Assert.Contains($"'{path}'", error.Message);
            Assert.Contains("Column 'id', row group 1, page 2 at byte", error.Message);
            Assert.Contains($"CRC-32 0x{actual:x8} but the page header records 0x{(uint)header.Crc!.Value:x8}", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_flipped_bit_in_a_dictionary_page_is_detected()
    {
        byte[] bytes = Write(new ParquetWriterOptions { Codec = CompressionCodec.Snappy, PageRowLimit = 100 });
        (PageHeader header, int offset) = new WrittenFile(bytes).Pages(0, NameColumn)[0];
        Assert.Equal(PageType.DictionaryPage, header.Type);
        bytes[offset + header.CompressedPageSize - 1] ^= 0x01;

        ParquetException error = await Assert.ThrowsAsync<ParquetException>(() => ReadIdsAsync(bytes));

        Assert.Contains("Column 'name', row group 0, page 0 at byte", error.Message);
        Assert.Contains("the dictionary page's", error.Message);
    }

    [Fact]
    public async Task A_flipped_bit_in_the_levels_of_a_v2_page_is_detected()
    {
        byte[] bytes = Write(new ParquetWriterOptions { Codec = CompressionCodec.Zstd, DataPageVersion = DataPageVersion.V2, PageRowLimit = 100 });
        (PageHeader header, int offset) = new WrittenFile(bytes).Pages(0, NameColumn)[1];
        Assert.Equal(PageType.DataPageV2, header.Type);
        Assert.True(header.DataPageHeaderV2!.DefinitionLevelsByteLength > 0);
        bytes[offset] ^= 0x40;

        ParquetException error = await Assert.ThrowsAsync<ParquetException>(() => ReadIdsAsync(bytes));

        Assert.Contains("Column 'name', row group 0, page 1 at byte", error.Message);
        Assert.Contains("the data page's", error.Message);
    }

    [Fact]
    public async Task Without_verification_a_flipped_bit_silently_changes_a_value()
    {
        byte[] bytes = Write(new ParquetWriterOptions { Codec = CompressionCodec.Uncompressed, EnableDictionary = false, PageRowLimit = 100 });
        (PageHeader header, int offset) = new WrittenFile(bytes).Pages(0, IdColumn)[0];
        Assert.Equal(PageType.DataPage, header.Type);
        // A required INT64 column's v1 PLAIN page is the values alone: flip the low bit of id 29.
        bytes[offset + (29 * sizeof(long))] ^= 0x01;

        List<long> unverified = await ReadIdsAsync(bytes, new ParquetReadOptions { VerifyPageChecksums = false });
        ParquetException error = await Assert.ThrowsAsync<ParquetException>(() => ReadIdsAsync(bytes));

        Assert.Equal(28, unverified[29]);
        Assert.Contains("Column 'id', row group 0, page 0 at byte", error.Message);
    }

    [Fact]
    public async Task Files_written_without_checksums_carry_none_and_read_back()
    {
        byte[] bytes = Write(new ParquetWriterOptions { WritePageChecksums = false, PageRowLimit = 100, RowGroupSizeBytes = 6000 });
        var file = new WrittenFile(bytes);

        Assert.All(file.Chunks().SelectMany(c => file.Pages(c.RowGroup, c.Column)), p => Assert.Null(p.Header.Crc));
        Assert.Equal(Enumerable.Range(0, Rows).Select(i => (long)i), await ReadIdsAsync(bytes));
    }

    [Fact]
    public async Task Checksummed_files_read_back_with_verification_on_and_off()
    {
        byte[] bytes = Write(new ParquetWriterOptions { PageRowLimit = 100, RowGroupSizeBytes = 6000 });
        ReferenceCrc32.AssertEveryPageChecksummed(new WrittenFile(bytes));

        Assert.Equal(Enumerable.Range(0, Rows).Select(i => (long)i), await ReadIdsAsync(bytes));
        Assert.Equal(Enumerable.Range(0, Rows).Select(i => (long)i), await ReadIdsAsync(bytes, new ParquetReadOptions { VerifyPageChecksums = false }));
    }

    private const int Rows = 1200;

    private static byte[] Write(ParquetWriterOptions options)
    {
        using var batch = ColumnBatch.Create(s_fields, Rows);
        var ids = (PrimitiveVector<long>)batch.Column(IdColumn);
        var names = (BinaryVector)batch.Column(NameColumn);
        for (int row = 0; row < Rows; row++)
        {
            ids.Append(row);
            if (row % 7 == 3)
            {
                names.AppendNull();
            }
            else
            {
                names.Append("name-" + (row % 13));
            }
        }

        using var stream = new MemoryStream();
        using (var writer = new ParquetFileWriter(stream, s_fields, options, leaveOpen: true))
        {
            writer.WriteBatch(batch);
            writer.Close();
        }

        return stream.ToArray();
    }

    private static async Task<List<long>> ReadIdsAsync(byte[] bytes, ParquetReadOptions? options = null)
    {
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(new MemoryStream(bytes), cancellationToken: TestContext.Current.CancellationToken);
        return await ReadIdsAsync(reader, options);
    }

    private static async Task<List<long>> ReadIdsAsync(string path)
    {
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(path, TestContext.Current.CancellationToken);
        return await ReadIdsAsync(reader, null);
    }

    private static async Task<List<long>> ReadIdsAsync(ParquetFileReader reader, ParquetReadOptions? options)
    {
        var ids = new List<long>();
        await foreach (ColumnBatch batch in reader.ReadAsync(options, TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                ids.AddRange(((PrimitiveVector<long>)batch.Column(IdColumn)).Values);
            }
        }

        return ids;
    }
}
