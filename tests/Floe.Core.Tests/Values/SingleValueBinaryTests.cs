using Floe.Common.Errors;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Tests.Values;

public sealed class SingleValueBinaryTests
{
    public static TheoryData<string, string, string> Vectors => new()
    {
        { "boolean", "true", "01" },
        { "boolean", "false", "00" },
        { "int", "34", "22000000" },
        { "int", "-1", "FFFFFFFF" },
        { "long", "34", "2200000000000000" },
        { "float", "1.0", "0000803F" },
        { "double", "1.0", "000000000000F03F" },
        { "date", "\"2017-11-16\"", "4E440000" },
        { "time", "\"22:31:08\"", "008307E012000000" },
        { "timestamp", "\"2017-11-16T22:31:08\"", "00C3262D215E0500" },
        { "timestamptz", "\"2017-11-16T22:31:08+00:00\"", "00C3262D215E0500" },
        { "string", "\"iceberg\"", "69636562657267" },
        { "uuid", "\"f79c3e09-677c-4bbd-a479-3f349cb785e7\"", "F79C3E09677C4BBDA4793F349CB785E7" },
        { "fixed[4]", "\"00010203\"", "00010203" },
        { "binary", "\"00010203\"", "00010203" },
        { "decimal(9, 2)", "\"14.20\"", "058C" },
        { "decimal(9, 2)", "\"-14.20\"", "FA74" },
        { "decimal(9, 2)", "\"0.00\"", "00" },
        { "decimal(9, 2)", "\"1.28\"", "0080" },
        { "decimal(9, 2)", "\"-1.28\"", "80" },
        { "decimal(9, 2)", "\"-1.29\"", "FF7F" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Value_serializes_to_spec_bytes_and_back(string typeText, string json, string hex)
    {
        var type = PrimitiveType.Parse(typeText);
        var value = SingleValueJson.FromJson(type, json);

        byte[] bytes = SingleValueBinary.ToBytes(value);

        Assert.Equal(hex, Convert.ToHexString(bytes));
        Assert.Equal(value, SingleValueBinary.Read(type, bytes));
    }

    [Fact]
    public void Wide_decimal_uses_sixteen_bytes()
    {
        var value = Literal.OfDecimal(Int128.MaxValue / 2, 0);

        byte[] bytes = SingleValueBinary.ToBytes(value);

        Assert.Equal(16, bytes.Length);
        Assert.Equal(value, SingleValueBinary.Read(PrimitiveType.Decimal(38, 0), bytes));
    }

    [Fact]
    public void Promoted_columns_read_four_byte_bounds()
    {
        Assert.Equal(Literal.Of(-2L), SingleValueBinary.Read(PrimitiveType.Long, Convert.FromHexString("FEFFFFFF")));
        Assert.Equal(Literal.Of(1.0), SingleValueBinary.Read(PrimitiveType.Double, Convert.FromHexString("0000803F")));
    }

    [Theory]
    [InlineData("int", "220000")]
    [InlineData("long", "220000000000")]
    [InlineData("uuid", "00")]
    [InlineData("date", "")]
    [InlineData("fixed[2]", "000102")]
    [InlineData("decimal(38, 0)", "0102030405060708090A0B0C0D0E0F1011")]
    [InlineData("string", "C328")]
    [InlineData("time", "FFFFFFFFFFFFFFFF")]
    public void Corrupt_bytes_throw_invalid_data(string typeText, string hex)
    {
        var error = Assert.Throws<FloeException>(() => SingleValueBinary.Read(PrimitiveType.Parse(typeText), Convert.FromHexString(hex)));

        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
    }

    [Fact]
    public void Write_reports_too_small_destination() =>
        Assert.Throws<FloeException>(() => SingleValueBinary.Write(Literal.Of(1L), new byte[4]));
}
