using Floe.Common.Errors;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Tests.Values;

public sealed class SingleValueJsonTests
{
    [Theory]
    [InlineData("boolean", "true")]
    [InlineData("int", "34")]
    [InlineData("long", "-9223372036854775808")]
    [InlineData("float", "1.5")]
    [InlineData("double", "-2.25")]
    [InlineData("decimal(9, 2)", "\"14.20\"")]
    [InlineData("decimal(38, 4)", "\"-1234567890123456789012345678901234.5678\"")]
    [InlineData("date", "\"2017-11-16\"")]
    [InlineData("time", "\"22:31:08.123456\"")]
    [InlineData("timestamp", "\"2017-11-16T22:31:08.123456\"")]
    [InlineData("timestamptz", "\"2017-11-16T22:31:08.123456+00:00\"")]
    [InlineData("timestamp_ns", "\"2017-11-16T22:31:08.123456789\"")]
    [InlineData("timestamptz_ns", "\"2017-11-16T22:31:08.123456789+00:00\"")]
    [InlineData("string", "\"iceberg \\\"x\\\"\"")]
    [InlineData("uuid", "\"f79c3e09-677c-4bbd-a479-3f349cb785e7\"")]
    [InlineData("fixed[4]", "\"000102FF\"")]
    [InlineData("binary", "\"0001\"")]
    [InlineData("int", "null")]
    public void Json_round_trips_in_spec_form(string typeText, string json)
    {
        var value = SingleValueJson.FromJson(PrimitiveType.Parse(typeText), json);

        Assert.Equal(json, SingleValueJson.ToJson(value));
    }

    [Fact]
    public void Timestamptz_with_other_offset_is_converted_to_utc()
    {
        var value = SingleValueJson.FromJson(PrimitiveType.TimestampTz, "\"2017-11-16T14:31:08-08:00\"");

        Assert.Equal("\"2017-11-16T22:31:08+00:00\"", SingleValueJson.ToJson(value));
        Assert.Equal(value, SingleValueJson.FromJson(PrimitiveType.TimestampTz, "\"2017-11-16T22:31:08Z\""));
    }

    [Fact]
    public void Time_reads_short_forms()
    {
        Assert.Equal(Literal.Of(new TimeOnly(22, 31)), SingleValueJson.FromJson(PrimitiveType.Time, "\"22:31\""));
        Assert.Equal(Literal.OfTime(81068100000), SingleValueJson.FromJson(PrimitiveType.Time, "\"22:31:08.1\""));
    }

    [Fact]
    public void Hex_is_case_insensitive_on_read() =>
        Assert.Equal(Literal.OfBinary([0xAB]), SingleValueJson.FromJson(PrimitiveType.Binary, "\"ab\""));

    [Theory]
    [InlineData("int", "\"34\"")]
    [InlineData("int", "3000000000")]
    [InlineData("decimal(9, 2)", "\"14.2\"")]
    [InlineData("decimal(9, 2)", "14.20")]
    [InlineData("decimal(3, 2)", "\"14.20\"")]
    [InlineData("date", "\"2017-13-01\"")]
    [InlineData("timestamp", "\"2017-11-16T22:31:08+00:00\"")]
    [InlineData("timestamptz", "\"2017-11-16T22:31:08\"")]
    [InlineData("uuid", "\"not-a-uuid\"")]
    [InlineData("fixed[2]", "\"000102\"")]
    [InlineData("binary", "\"0G\"")]
    [InlineData("boolean", "1")]
    public void Json_invalid_throws_invalid_data(string typeText, string json)
    {
        var error = Assert.Throws<FloeException>(() => SingleValueJson.FromJson(PrimitiveType.Parse(typeText), json));

        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
    }

    [Theory]
    [InlineData("double", "1e400")]
    [InlineData("double", "-1e400")]
    [InlineData("float", "1e39")]
    [InlineData("float", "-3.5e38")]
    public void Json_numbers_beyond_the_types_range_are_refused_not_made_infinite(string typeText, string json)
    {
        var error = Assert.Throws<FloeException>(() => SingleValueJson.FromJson(PrimitiveType.Parse(typeText), json));

        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
        Assert.Contains($"number {json} is out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_largest_finite_numbers_are_kept()
    {
        Assert.Equal(Literal.Of(float.MaxValue), SingleValueJson.FromJson(PrimitiveType.Float, "3.4028235e38"));
        Assert.Equal(Literal.Of(double.MaxValue), SingleValueJson.FromJson(PrimitiveType.Double, "1.7976931348623157e308"));
    }

    [Fact]
    public void Nan_has_no_json_form() =>
        Assert.Throws<FloeException>(() => SingleValueJson.ToJson(Literal.Of(double.NaN)));
}
