using System.Text;
using Floe.Avro.Binary;
using Floe.Avro.Codecs;
using Floe.Avro.Container;
using Floe.Avro.Schemas;
using Floe.Common.Errors;

namespace Floe.Avro.Tests.Container;

public sealed class CorruptFileTests
{
    private static readonly byte[] Sync = Enumerable.Range(100, 16).Select(i => (byte)i).ToArray();

    private static byte[] Header(AvroSchema schema, string codec = "null") =>
        AvroContainer.WriteToArray(schema, [], AvroCodecs.Get(codec), new AvroContainerWriterOptions { SyncMarker = Sync });

    private static byte[] Block(long count, ReadOnlySpan<byte> data, long? size = null, byte[]? sync = null)
    {
        using var writer = new AvroBufferWriter();
        writer.WriteLong(count);
        writer.WriteLong(size ?? data.Length);
        writer.WriteFixed(data);
        writer.WriteFixed(sync ?? Sync);
        return writer.WrittenSpan.ToArray();
    }

    private static AvroException ReadFails(byte[] file)
    {
        var ex = Assert.Throws<AvroException>(() => AvroContainer.ReadAll(file));
        Assert.Equal(FloeErrorKind.InvalidData, ex.Kind);
        return ex;
    }

    [Fact]
    public void Empty_file_is_rejected() => Assert.Contains("not an Avro container file", ReadFails([]).Message);

    [Fact]
    public void Bad_magic_is_rejected()
    {
        string message = ReadFails("PAR1xxxxxxxxxxxxxxxxxxxxxxxx"u8.ToArray()).Message;
        Assert.Contains("not the Avro magic", message);
        // The message must not echo the file's bytes, as text or as hex.
        Assert.DoesNotContain("PAR1", message);
        Assert.DoesNotContain("50415231", message);
    }

    [Fact]
    public void Truncated_header_is_rejected()
    {
        byte[] header = Header(PrimitiveSchema.Of(AvroTypeKind.Int));

        for (int cut = 4; cut < header.Length; cut += 5)
        {
            ReadFails(header[..cut]);
        }
    }

    [Fact]
    public void Header_with_huge_metadata_count_is_rejected_without_allocating()
    {
        byte[] file = [.. "Obj\u0001"u8, 0xFE, 0xFF, 0xFF, 0xFF, 0x0F, 0x02];

        Assert.Contains("items", ReadFails(file).Message);
    }

    [Fact]
    public void Header_with_invalid_schema_is_rejected()
    {
        using var writer = new AvroBufferWriter();
        writer.WriteFixed("Obj\u0001"u8);
        writer.WriteLong(1);
        writer.WriteString("avro.schema");
        writer.WriteBytes(Encoding.UTF8.GetBytes("""{"type":"recordx"}"""));
        writer.WriteLong(0);
        writer.WriteFixed(Sync);

        Assert.Contains("avro.schema is invalid", ReadFails(writer.WrittenSpan.ToArray()).Message);
    }

    [Fact]
    public void Header_without_schema_is_rejected()
    {
        byte[] file = [.. "Obj\u0001"u8, 0x00, .. Sync];

        Assert.Contains("no avro.schema", ReadFails(file).Message);
    }

    [Fact]
    public void Unknown_codec_is_rejected()
    {
        byte[] header = Header(PrimitiveSchema.Of(AvroTypeKind.Int), "null");
        string text = Encoding.Latin1.GetString(header).Replace("\u0008null", "\u0008lzma", StringComparison.Ordinal);

        Assert.Contains("unknown Avro codec 'lzma'", ReadFails(Encoding.Latin1.GetBytes(text)).Message);
    }

    [Fact]
    public void Bad_sync_marker_is_rejected_naming_the_block()
    {
        byte[] file = [.. Header(PrimitiveSchema.Of(AvroTypeKind.Int)), .. Block(1, [0x02]), .. Block(1, [0x04], sync: new byte[16])];

        AvroException ex = ReadFails(file);

        Assert.Contains("bad sync marker", ex.Message);
        Assert.Contains("block 1", ex.Message);
    }

    [Fact]
    public void Block_size_beyond_the_file_is_rejected()
    {
        byte[] file = [.. Header(PrimitiveSchema.Of(AvroTypeKind.Int)), .. Block(1, [0x02], size: 1_000_000)];

        Assert.Contains("the file ends", ReadFails(file).Message);
    }

    [Fact]
    public void Block_size_beyond_the_limit_is_rejected_before_reading()
    {
        byte[] file = [.. Header(PrimitiveSchema.Of(AvroTypeKind.Int)), .. Block(1, [0x02], size: long.MaxValue / 2)];

        Assert.Contains("invalid record count", ReadFails(file).Message);
    }

    [Fact]
    public void Negative_record_count_is_rejected()
    {
        byte[] file = [.. Header(PrimitiveSchema.Of(AvroTypeKind.Int)), .. Block(-1, [0x02])];

        Assert.Contains("invalid record count -1", ReadFails(file).Message);
    }

    [Fact]
    public void Record_count_larger_than_the_data_is_rejected()
    {
        byte[] file = [.. Header(PrimitiveSchema.Of(AvroTypeKind.Int)), .. Block(1_000_000_000, [0x02])];

        Assert.Contains("cannot fit", ReadFails(file).Message);
    }

    [Fact]
    public void Bad_union_index_is_rejected_naming_block_record_and_offset()
    {
        byte[] file = [.. Header(AvroSchema.Parse("""["null","int"]""")), .. Block(2, [0x00, 0x06, 0x02])];

        AvroException ex = ReadFails(file);

        Assert.Contains("block 0", ex.Message);
        Assert.Contains("record 1", ex.Message);
        Assert.Contains("union branch index 3", ex.Message);
        Assert.Contains("byte offset 1", ex.Message);
    }

    [Fact]
    public void Bad_enum_index_is_rejected()
    {
        byte[] file = [.. Header(AvroSchema.Parse("""{"type":"enum","name":"E","symbols":["A","B"]}""")), .. Block(1, [0x04])];

        Assert.Contains("enum index 2 is out of range", ReadFails(file).Message);
    }

    [Fact]
    public void Varint_overflow_in_data_is_rejected()
    {
        byte[] file = [.. Header(PrimitiveSchema.Of(AvroTypeKind.Long)), .. Block(1, Convert.FromHexString("FFFFFFFFFFFFFFFFFFFF01"))];

        Assert.Contains("varint", ReadFails(file).Message);
    }

    [Fact]
    public void Huge_string_length_is_rejected_without_allocating()
    {
        byte[] file = [.. Header(PrimitiveSchema.Of(AvroTypeKind.String)), .. Block(1, Convert.FromHexString("FEFFFFFFFFFFFFFF7F41"))];

        Assert.Contains("exceeds", ReadFails(file).Message);
    }

    [Fact]
    public void Huge_array_of_nulls_is_rejected()
    {
        var schema = AvroSchema.Parse("""{"type":"array","items":"null"}""");
        byte[] data = Convert.FromHexString("FEFFFFFFFFFFFFFF7F00");
        byte[] file = [.. Header(schema), .. Block(1, data)];

        Assert.Contains("empty items", ReadFails(file).Message);
    }

    [Fact]
    public void Schema_that_nests_without_end_is_rejected_when_read_not_a_stack_overflow()
    {
        var schema = AvroSchema.Parse("""{"type":"record","name":"R","fields":[{"name":"again","type":"R"}]}""");
        byte[] file = [.. Header(schema), .. Block(1, [0x00])];

        Assert.Contains("nest deeper", ReadFails(file).Message);
    }

    [Fact]
    public void Deeply_nested_data_is_rejected_not_a_stack_overflow()
    {
        var schema = AvroSchema.Parse("""{"type":"record","name":"N","fields":[{"name":"next","type":["null","N"]}]}""");
        byte[] data = [.. Enumerable.Repeat((byte)0x02, 100_000), 0x00];
        byte[] file = [.. Header(schema), .. Block(1, data)];

        Assert.Contains("nest deeper", ReadFails(file).Message);
    }

    [Fact]
    public void Trailing_bytes_in_a_block_are_rejected()
    {
        byte[] file = [.. Header(PrimitiveSchema.Of(AvroTypeKind.Int)), .. Block(1, [0x02, 0x04])];

        Assert.Contains("1 bytes remain after its 1 records", ReadFails(file).Message);
    }

    [Fact]
    public void Corrupt_deflate_block_is_rejected()
    {
        byte[] file = [.. Header(PrimitiveSchema.Of(AvroTypeKind.Int), "deflate"), .. Block(1, [0xFF, 0xFF, 0xFF])];

        Assert.Contains("block 0", ReadFails(file).Message);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("deflate")]
    [InlineData("snappy")]
    [InlineData("zstandard")]
    public void Every_truncation_either_fails_cleanly_or_ends_at_a_block_boundary(string codec)
    {
        byte[] file = AvroContainer.WriteToArray(TestSchemas.EveryType, Enumerable.Range(1, 6).Select(i => (object?)TestSchemas.EveryTypeValue(i)),
            AvroCodecs.Get(codec), new AvroContainerWriterOptions { BlockSize = 300 });
        int full = AvroContainer.ReadAll(file).Count;

        for (int cut = 0; cut < file.Length; cut++)
        {
            try
            {
                int count = AvroContainer.ReadAll(file[..cut]).Count;
                Assert.True(count < full, $"cut at {cut} read {count} of {full} records");
            }
            catch (AvroException)
            {
            }
        }
    }

    [Theory]
    [InlineData("null")]
    [InlineData("deflate")]
    [InlineData("snappy")]
    [InlineData("zstandard")]
    public void Random_byte_flips_raise_only_avro_exception(string codec)
    {
        byte[] file = AvroContainer.WriteToArray(TestSchemas.EveryType, Enumerable.Range(1, 4).Select(i => (object?)TestSchemas.EveryTypeValue(i)),
            AvroCodecs.Get(codec), new AvroContainerWriterOptions { BlockSize = 500 });
        var random = new Random(12345);

        for (int attempt = 0; attempt < 400; attempt++)
        {
            byte[] damaged = (byte[])file.Clone();
            for (int flips = random.Next(1, 4); flips > 0; flips--)
            {
                damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            }

            try
            {
                AvroContainer.ReadAll(damaged);
            }
            catch (AvroException)
            {
            }
        }
    }
}
