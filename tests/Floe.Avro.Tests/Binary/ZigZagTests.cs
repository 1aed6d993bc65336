using Floe.Avro.Binary;

namespace Floe.Avro.Tests.Binary;

public sealed class ZigZagTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(-1L, "01")]
    [InlineData(1L, "02")]
    [InlineData(-2L, "03")]
    [InlineData(2L, "04")]
    [InlineData(-64L, "7F")]
    [InlineData(64L, "8001")]
    [InlineData(8192L, "808001")]
    [InlineData(long.MaxValue, "FEFFFFFFFFFFFFFFFF01")]
    [InlineData(long.MinValue, "FFFFFFFFFFFFFFFFFF01")]
    public void Long_matches_specification_encoding(long value, string hex)
    {
        using var writer = new AvroBufferWriter();
        writer.WriteLong(value);

        Assert.Equal(hex, Convert.ToHexString(writer.WrittenSpan));
        var reader = new AvroBinaryReader(Convert.FromHexString(hex));
        Assert.Equal(value, reader.ReadLong());
        Assert.True(reader.IsAtEnd);
    }

    [Theory]
    [InlineData(int.MaxValue, "FEFFFFFF0F")]
    [InlineData(int.MinValue, "FFFFFFFF0F")]
    [InlineData(-64, "7F")]
    public void Int_round_trips_at_the_limits(int value, string hex)
    {
        using var writer = new AvroBufferWriter();
        writer.WriteInt(value);

        Assert.Equal(hex, Convert.ToHexString(writer.WrittenSpan));
        var reader = new AvroBinaryReader(writer.WrittenSpan);
        Assert.Equal(value, reader.ReadInt());
    }

    [Fact]
    public void Long_longer_than_ten_bytes_is_rejected()
    {
        byte[] data = Convert.FromHexString("FFFFFFFFFFFFFFFFFFFF01");

        var ex = Assert.Throws<AvroException>(() => new AvroBinaryReader(data).ReadLong());

        Assert.Contains("varint", ex.Message);
        Assert.Contains("byte offset", ex.Message);
    }

    [Fact]
    public void Long_tenth_byte_overflowing_64_bits_is_rejected()
    {
        byte[] data = Convert.FromHexString("FFFFFFFFFFFFFFFFFF7F");

        var ex = Assert.Throws<AvroException>(() => new AvroBinaryReader(data).ReadLong());

        Assert.Contains("overflows", ex.Message);
    }

    [Fact]
    public void Int_out_of_range_is_rejected_and_position_is_kept()
    {
        byte[] data = Convert.FromHexString("8080808010");
        var reader = new AvroBinaryReader(data);
        AvroException? caught = null;
        try
        {
            reader.ReadInt();
        }
        catch (AvroException ex)
        {
            caught = ex;
        }

        Assert.NotNull(caught);
        Assert.Equal(0, reader.Position);
    }

    [Fact]
    public void Truncated_varint_is_rejected()
    {
        var ex = Assert.Throws<AvroException>(() => new AvroBinaryReader(Convert.FromHexString("80")).ReadLong());

        Assert.Contains("unexpected end", ex.Message);
    }
}
