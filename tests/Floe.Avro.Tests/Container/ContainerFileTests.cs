using System.Text;
using Floe.Avro.Codecs;
using Floe.Avro.Container;
using Floe.Avro.Generic;
using Floe.Avro.Schemas;

namespace Floe.Avro.Tests.Container;

public sealed class ContainerFileTests
{
    public static TheoryData<string> CodecNames => ["null", "deflate", "snappy", "zstandard"];

    private static List<object?> Records(int count) => [.. Enumerable.Range(1, count).Select(i => (object?)TestSchemas.EveryTypeValue(i))];

    [Theory]
    [MemberData(nameof(CodecNames))]
    public void Every_codec_round_trips_many_blocks(string codec)
    {
        List<object?> records = Records(500);

        byte[] file = AvroContainer.WriteToArray(TestSchemas.EveryType, records, AvroCodecs.Get(codec), new AvroContainerWriterOptions { BlockSize = 4096 });

        using var reader = AvroContainerReader.Open(new MemoryStream(file));
        Assert.Equal(codec, reader.Header.Codec.Name);
        Assert.Equal(codec, reader.Header.GetMetadataString("avro.codec"));
        List<object?> read = [.. reader.ReadGeneric()];
        Assert.Equal(records.Count, read.Count);
        for (int i = 0; i < records.Count; i++)
        {
            Assert.True(AvroDatum.ValuesEqual(records[i], read[i]), $"record {i}");
        }

        Assert.True(reader.BlocksRead > 10, $"expected many blocks, got {reader.BlocksRead}");
    }

    [Fact]
    public void Header_has_magic_schema_codec_and_user_metadata_in_order()
    {
        var options = new AvroContainerWriterOptions
        {
            Codec = AvroCodecs.Deflate,
            SyncMarker = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray(),
            Metadata =
            [
                new("schema", Encoding.UTF8.GetBytes("""{"type":"struct"}""")),
                new("partition-spec", Encoding.UTF8.GetBytes("[]")),
                new("partition-spec-id", Encoding.UTF8.GetBytes("0")),
                new("format-version", Encoding.UTF8.GetBytes("2")),
                new("content", Encoding.UTF8.GetBytes("data")),
            ],
        };
        AvroSchema schema = AvroSchema.Parse(TestSchemas.IcebergManifestEntryJson);

        byte[] file = AvroContainer.WriteToArray(schema, [], options: options);

        Assert.Equal("Obj\u0001"u8.ToArray(), file[..4]);
        Assert.Equal(options.SyncMarker, file[^16..]);
        using var reader = AvroContainerReader.Open(new MemoryStream(file));
        Assert.Equal(
            ["avro.schema", "avro.codec", "schema", "partition-spec", "partition-spec-id", "format-version", "content"],
            reader.Header.Metadata.Keys.ToArray());
        Assert.Equal(TestSchemas.IcebergManifestEntryJson, reader.Header.SchemaJson);
        Assert.Equal("2", reader.Header.GetMetadataString("format-version"));
        Assert.Empty(reader.ReadGeneric());
        Assert.Equal(file.Length, reader.Header.Length);
    }

    [Fact]
    public void Writer_flushes_a_block_when_it_reaches_the_block_size()
    {
        using var stream = new MemoryStream();
        using var writer = new AvroContainerWriter(stream, PrimitiveSchema.Of(AvroTypeKind.String), new AvroContainerWriterOptions { BlockSize = 100, LeaveOpen = true });

        writer.Append(new string('x', 60));
        long afterFirst = stream.Length;
        writer.Append(new string('y', 60));
        long afterSecond = stream.Length;

        Assert.Equal(0, afterFirst);
        Assert.True(afterSecond > 120);
        Assert.Equal(0, writer.PendingRecords);
        Assert.Equal(2, writer.RecordCount);
    }

    [Fact]
    public async Task Async_write_and_read_round_trip()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var stream = new MemoryStream();
        await using (var writer = new AvroContainerWriter(stream, TestSchemas.EveryType, new AvroContainerWriterOptions { Codec = AvroCodecs.Zstandard, BlockSize = 2000, LeaveOpen = true }))
        {
            for (int i = 1; i <= 50; i++)
            {
                await writer.AppendAsync(TestSchemas.EveryTypeValue(i), ct);
            }
        }

        stream.Position = 0;
        await using AvroContainerReader reader = await AvroContainerReader.OpenAsync(stream, cancellationToken: ct);
        int n = 0;
        await foreach (object? record in reader.ReadGenericAsync(cancellationToken: ct))
        {
            n++;
            Assert.Equal(TestSchemas.EveryTypeValue(n), record);
        }

        Assert.Equal(50, n);
    }

    [Fact]
    public async Task Async_read_honours_cancellation()
    {
        byte[] file = AvroContainer.WriteToArray(TestSchemas.EveryType, Records(20), options: new AvroContainerWriterOptions { BlockSize = 100 });
        using var cts = new CancellationTokenSource();
        await using AvroContainerReader reader = await AvroContainerReader.OpenAsync(new MemoryStream(file), cancellationToken: TestContext.Current.CancellationToken);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (object? _ in reader.ReadGenericAsync(cancellationToken: cts.Token))
            {
            }
        });
    }

    [Fact]
    public void Reader_streams_block_by_block_from_a_non_seekable_stream()
    {
        byte[] file = AvroContainer.WriteToArray(PrimitiveSchema.Of(AvroTypeKind.Long), Enumerable.Range(0, 100_000).Select(i => (object?)(long)i),
            options: new AvroContainerWriterOptions { BlockSize = 10_000 });
        using var reader = AvroContainerReader.Open(new TrickleStream(file, 7));

        long expected = 0;
        while (reader.TryReadBlock(out AvroContainerBlock block))
        {
            Assert.True(block.Data.Length <= 10_100, "only the current block is held");
            var values = new List<object?>();
            AvroContainerReader.DecodeBlock(block, new GenericDatumReader(reader.Schema), values);
            foreach (object? value in values)
            {
                Assert.Equal(expected++, value);
            }
        }

        Assert.Equal(100_000, expected);
    }

    [Fact]
    public void Reader_applies_a_reader_schema()
    {
        byte[] file = AvroContainer.WriteToArray(TestSchemas.EveryType, Records(3));
        var projection = (RecordSchema)AvroSchema.Parse("""{"type":"record","name":"P","fields":[{"name":"s","type":"string"},{"name":"i","type":"double"},{"name":"extra","type":"int","default":-1}]}""");

        List<object?> read = AvroContainer.ReadAll(file, projection);

        Assert.Equal(3, read.Count);
        var second = (AvroRecord)read[1]!;
        Assert.Equal("héllo wörld ✓ 2", second["s"]);
        Assert.Equal(-246912d, second["i"]);
        Assert.Equal(-1, second["extra"]);
    }

    [Fact]
    public void Open_by_path_reads_the_file_and_releases_it()
    {
        string path = Path.Combine(Path.GetTempPath(), $"floe-avro-{Guid.NewGuid():N}.avro");
        try
        {
            File.WriteAllBytes(path, AvroContainer.WriteToArray(TestSchemas.EveryType, Records(2), AvroCodecs.Snappy));
            using (AvroContainerReader reader = AvroContainerReader.Open(path))
            {
                Assert.Equal(2, reader.ReadGeneric().Count());
            }

            File.Delete(path);
            Assert.False(File.Exists(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Reader_enforces_max_block_size()
    {
        byte[] file = AvroContainer.WriteToArray(PrimitiveSchema.Of(AvroTypeKind.String), [new string('x', 5000)]);

        var ex = Assert.Throws<AvroException>(() =>
        {
            using var reader = AvroContainerReader.Open(new MemoryStream(file), new AvroContainerReaderOptions { MaxBlockSize = 1000 });
            reader.ReadGeneric().ToList();
        });

        Assert.Contains("limit 1000", ex.Message);
    }

    [Fact]
    public void Writer_rejects_reserved_metadata_keys()
    {
        Assert.Throws<ArgumentException>(() => new AvroContainerWriter(new MemoryStream(), PrimitiveSchema.Of(AvroTypeKind.Int),
            new AvroContainerWriterOptions { Metadata = [new("avro.codec", [])] }));
    }

    [Fact]
    public void Writer_failed_append_leaves_no_partial_record()
    {
        var schema = (RecordSchema)AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"a","type":"string"},{"name":"b","type":"int"}]}""");
        using var stream = new MemoryStream();
        using (var writer = new AvroContainerWriter(stream, schema, new AvroContainerWriterOptions { LeaveOpen = true }))
        {
            writer.Append(new AvroRecord(schema, ["ok", 1]));
            Assert.Throws<AvroException>(() => writer.Append(new AvroRecord(schema, ["half", "not an int"])));
            writer.Append(new AvroRecord(schema, ["ok2", 2]));
        }

        List<object?> read = AvroContainer.ReadAll(stream.ToArray());
        Assert.Equal(["ok", "ok2"], read.Select(r => ((AvroRecord)r!)["a"]));
    }

    /// <summary>A non-seekable stream that returns at most a few bytes per read.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, chunk), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer.AsSpan(offset));
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
