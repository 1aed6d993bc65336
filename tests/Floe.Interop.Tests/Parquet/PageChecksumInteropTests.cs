using System.Globalization;
using System.Text.Json;
using Floe.Common.Columnar;
using Floe.Parquet.Compression;
using Floe.Parquet.Metadata;
using Floe.Parquet.Writing;
using Floe.TestKit;

namespace Floe.Interop.Tests.Parquet;

/// <summary>The page CRCs Floe writes, checked with zlib's CRC-32 in Node.js, and read by DuckDB.</summary>
public sealed class PageChecksumInteropTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("floe-crc-").FullName;

    [Theory]
    [InlineData(CompressionCodec.Snappy, DataPageVersion.V1)]
    [InlineData(CompressionCodec.Zstd, DataPageVersion.V2)]
    [InlineData(CompressionCodec.Gzip, DataPageVersion.V2)]
    public async Task Zlib_crc32_of_every_page_matches_its_header(CompressionCodec codec, DataPageVersion version)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string path = Path.Combine(_directory, $"{codec}-{version}.parquet");
        var options = new ParquetWriterOptions { Codec = codec, DataPageVersion = version, PageRowLimit = 400, RowGroupSizeBytes = 20_000 };
        await using (var writer = ParquetFileWriter.Create(path, FloeWritesSampleData.Fields, options))
        {
            using ColumnBatch batch = FloeWritesSampleData.Batch(0, FloeWritesParquetTests.Rows);
            await writer.WriteBatchAsync(batch, ct);
            await writer.CloseAsync(ct);
        }

        var file = new WrittenFile(await File.ReadAllBytesAsync(path, ct));
        List<(PageHeader Header, int DataOffset)> pages = [.. file.Chunks().SelectMany(c => file.Pages(c.RowGroup, c.Column))];
        Assert.Contains(pages, p => p.Header.Type == PageType.DictionaryPage);
        Assert.True(file.Footer.RowGroups.Count > 1);

        string output = await NodeRunner.RunAsync(
            "zlib-crc32.mjs",
            [path, .. pages.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.DataOffset}:{p.Header.CompressedPageSize}"))],
            ct);
        uint[] zlib = JsonSerializer.Deserialize<uint[]>(output)!;

        Assert.Equal(pages.Count, zlib.Length);
        Assert.Equal(zlib, pages.Select(p => unchecked((uint)(p.Header.Crc ?? throw new Xunit.Sdk.XunitException($"a {p.Header.Type} page has no crc")))));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
