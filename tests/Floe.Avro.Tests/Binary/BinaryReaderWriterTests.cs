using Floe.Avro.Binary;

namespace Floe.Avro.Tests.Binary;

public sealed class BinaryReaderWriterTests
{
    [Fact]
    public void Primitives_round_trip()
    {
        using var writer = new AvroBufferWriter(16);
        writer.WriteBoolean(true);
        writer.WriteBoolean(false);
        writer.WriteFloat(3.25f);
        writer.WriteDouble(-1e300);
        writer.WriteBytes([1, 2, 3]);
        writer.WriteString("a");
        writer.WriteString(new string('é', 100));
        writer.WriteString(string.Empty);
        writer.WriteFixed([9, 8]);

        var reader = new AvroBinaryReader(writer.WrittenSpan);
        Assert.True(reader.ReadBoolean());
        Assert.False(reader.ReadBoolean());
        Assert.Equal(3.25f, reader.ReadFloat());
        Assert.Equal(-1e300, reader.ReadDouble());
        Assert.Equal([1, 2, 3], reader.ReadBytes());
        Assert.Equal("a", reader.ReadString());
        Assert.Equal(new string('é', 100), reader.ReadString());
        Assert.Equal(string.Empty, reader.ReadString());
        Assert.Equal([9, 8], reader.ReadFixed(2).ToArray());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void String_has_specification_encoding()
    {
        using var writer = new AvroBufferWriter();
        writer.WriteString("foo");

        Assert.Equal("06666F6F", Convert.ToHexString(writer.WrittenSpan));
    }

    [Fact]
    public void Short_string_with_multi_byte_characters_gets_correct_length_prefix()
    {
        // 40 three-byte characters: 120 bytes, which needs a two-byte length varint.
        string text = new('✓', 40);
        using var writer = new AvroBufferWriter();
        writer.WriteString(text);

        var reader = new AvroBinaryReader(writer.WrittenSpan);
        Assert.Equal(text, reader.ReadString());
        Assert.True(reader.IsAtEnd);
    }

    [Theory]
    [InlineData("01")]
    [InlineData("0A01")]
    [InlineData("FEFFFFFF0F")]
    public void Bytes_with_bad_length_raises_avro_exception(string hex)
    {
        byte[] data = Convert.FromHexString(hex);

        var ex = Assert.Throws<AvroException>(() => new AvroBinaryReader(data).ReadBytes());

        Assert.Contains("length", ex.Message);
    }

    [Fact]
    public void String_invalid_utf8_is_rejected()
    {
        byte[] data = [0x04, 0xC3, 0x28];

        Assert.Throws<AvroException>(() => new AvroBinaryReader(data).ReadString());
    }

    [Fact]
    public void Boolean_other_than_zero_or_one_is_rejected()
    {
        Assert.Throws<AvroException>(() => new AvroBinaryReader([2]).ReadBoolean());
    }

    [Fact]
    public void Floats_truncated_are_rejected()
    {
        Assert.Throws<AvroException>(() => new AvroBinaryReader([1, 2, 3]).ReadFloat());
        Assert.Throws<AvroException>(() => new AvroBinaryReader([1, 2, 3, 4, 5, 6, 7]).ReadDouble());
    }

    [Fact]
    public void Union_index_out_of_range_is_rejected()
    {
        var ex = Assert.Throws<AvroException>(() => new AvroBinaryReader([0x04]).ReadUnionIndex(2));

        Assert.Contains("union branch index 2", ex.Message);
    }

    [Fact]
    public void Block_count_larger_than_remaining_bytes_is_rejected()
    {
        // 1,000,000 items of at least one byte each, but only 2 bytes follow.
        byte[] data = [0x80, 0x89, 0x7A, 0x02, 0x02];

        Assert.Throws<AvroException>(() => new AvroBinaryReader(data).ReadBlockCount(1));
    }

    [Fact]
    public void Block_count_negative_reads_size_and_returns_absolute_count()
    {
        byte[] data = [0x03, 0x04, 0x02, 0x04];

        var reader = new AvroBinaryReader(data);

        Assert.Equal(2, reader.ReadBlockCount(1));
        Assert.Equal(2, reader.Position);
    }

    [Fact]
    public void Buffer_writer_grows_beyond_its_initial_capacity()
    {
        using var writer = new AvroBufferWriter(64);
        for (int i = 0; i < 10_000; i++)
        {
            writer.WriteLong(i * 1_000_003L);
        }

        var reader = new AvroBinaryReader(writer.WrittenSpan);
        for (int i = 0; i < 10_000; i++)
        {
            Assert.Equal(i * 1_000_003L, reader.ReadLong());
        }
    }
}
