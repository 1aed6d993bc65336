using System.Diagnostics;
using Floe.Parquet.Compression;
using Floe.Parquet.Encodings;
using Floe.Parquet.Metadata;
using Floe.Parquet.Reading;
using Floe.Parquet.Thrift;
using Floe.Parquet.Writing;

/// <summary>
/// The codec's share of a rewrite, alone: every page of the input files (already in memory) decompressed and compressed
/// again with the output's codec and level, on one thread, with no decoding or encoding of values. A rewrite that reads
/// and writes every page can go no faster than this, whatever its own code does; the figure is input MB per second of
/// this thread's CPU time.
/// </summary>
internal static class CodecFloor
{
    public static async Task<double> MeasureAsync(IReadOnlyList<string> paths, ParquetWriterOptions output, CancellationToken cancellationToken = default)
    {
        var files = new List<(byte[] Bytes, FileMetaData Metadata)>();
        long inputBytes = 0;
        foreach (string path in paths)
        {
            byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            using var stream = new MemoryStream(bytes, writable: false);
            using ParquetFileReader reader = await ParquetFileReader.OpenAsync(stream, cancellationToken: cancellationToken);
            files.Add((bytes, reader.Metadata));
            inputBytes += bytes.Length;
        }

        ICompressor compressor = Compressors.Create(output.Codec, output.CompressionLevel);
        using var compressed = new PooledBuffer(1 << 20);
        byte[] plain = new byte[1 << 20];
        // Twice: the first pass warms the code and the codec's contexts; the second is timed.
        TimeSpan cpu = TimeSpan.Zero;
        for (int pass = 0; pass < 2; pass++)
        {
            TimeSpan start = Environment.CpuUsage.TotalTime;
            var clock = Stopwatch.StartNew();
            foreach ((byte[] bytes, FileMetaData metadata) in files)
            {
                foreach (RowGroup rowGroup in metadata.RowGroups)
                {
                    foreach (ColumnChunk chunk in rowGroup.Columns)
                    {
                        RoundTrip(bytes, chunk.MetaData!, compressor, compressed, ref plain);
                    }
                }
            }

            // The process's CPU time, less any other thread's: the wall time bounds it from above on one thread.
            cpu = TimeSpan.FromTicks(Math.Min((Environment.CpuUsage.TotalTime - start).Ticks, clock.Elapsed.Ticks));
        }

        return inputBytes / 1e6 / cpu.TotalSeconds;
    }

    /// <summary>Decompresses and compresses again every page of one column chunk; <paramref name="plain"/> grows to the largest page.</summary>
    private static void RoundTrip(byte[] file, ColumnMetaData column, ICompressor output, PooledBuffer compressed, ref byte[] plain)
    {
        ICompressor input = Compressors.Get(column.Codec);
        long offset = column.DictionaryPageOffset is long dictionary && dictionary > 0 ? Math.Min(dictionary, column.DataPageOffset) : column.DataPageOffset;
        long end = offset + column.TotalCompressedSize;
        while (offset < end)
        {
            var reader = new ThriftCompactReader(file.AsSpan((int)offset, (int)(end - offset)));
            PageHeader header = PageHeader.Read(ref reader);
            int body = (int)offset + reader.Position;
            int levels = header.DataPageHeaderV2 is { } v2 ? v2.DefinitionLevelsByteLength + v2.RepetitionLevelsByteLength : 0;
            bool isCompressed = header.DataPageHeaderV2?.IsCompressed ?? true;
            int size = header.UncompressedPageSize - levels;
            if (isCompressed && size > 0)
            {
                if (plain.Length < size)
                {
                    plain = new byte[size];
                }

                input.Decompress(file.AsSpan(body + levels, header.CompressedPageSize - levels), plain.AsSpan(0, size));
                compressed.Clear();
                output.Compress(plain.AsSpan(0, size), compressed);
            }

            offset = body + header.CompressedPageSize;
        }
    }
}
