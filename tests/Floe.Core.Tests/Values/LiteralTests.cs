using Floe.Common.Errors;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Tests.Values;

public sealed class LiteralTests
{
    [Fact]
    public void Default_is_null()
    {
        Literal value = default;

        Assert.True(value.IsNull);
        Assert.Equal(Literal.Null, value);
        Assert.Equal("null", value.ToString());
        Assert.Throws<FloeException>(() => value.TypeId);
    }

    [Fact]
    public void Accessors_return_stored_values()
    {
        Assert.True(Literal.Of(true).AsBoolean());
        Assert.Equal(34, Literal.Of(34).AsInt());
        Assert.Equal(34L, Literal.Of(34).AsLong());
        Assert.Equal(1.5f, Literal.Of(1.5f).AsFloat());
        Assert.Equal(2.25, Literal.Of(2.25).AsDouble());
        Assert.Equal(new DateOnly(2017, 11, 16), Literal.Of(new DateOnly(2017, 11, 16)).AsDate());
        Assert.Equal(17486, Literal.Of(new DateOnly(2017, 11, 16)).AsDateDays());
        Assert.Equal(14.20m, Literal.OfDecimal(14.20m).AsDecimal());
        Assert.Equal(1420, Literal.OfDecimal(14.20m).DecimalUnscaled);
        Assert.Equal(2, Literal.OfDecimal(14.20m).DecimalScale);
        Assert.Equal(-5, Literal.OfDecimal(-0.5m).DecimalUnscaled);
        var uuid = Guid.Parse("f79c3e09-677c-4bbd-a479-3f349cb785e7");
        Assert.Equal(uuid, Literal.Of(uuid).AsUuid());
        Assert.Equal(0xf7, Literal.Of(uuid).AsBytes()[0]);
    }

    [Fact]
    public void Accessor_of_wrong_type_throws_naming_both()
    {
        var error = Assert.Throws<FloeException>(() => Literal.Of("x").AsInt());

        Assert.Contains("int", error.Message);
        Assert.Contains("string", error.Message);
    }

    [Fact]
    public void Wide_decimal_keeps_all_38_digits()
    {
        var unscaled = Int128.Parse("-99999999999999999999999999999999999999");
        var value = Literal.OfDecimal(unscaled, 10);

        Assert.Equal(unscaled, value.DecimalUnscaled);
        Assert.Equal("-9999999999999999999999999999.9999999999", value.ToString());
        Assert.True(value.IsCompatibleWith(PrimitiveType.Decimal(38, 10)));
        Assert.False(value.IsCompatibleWith(PrimitiveType.Decimal(37, 10)));
        Assert.Throws<FloeException>(() => value.AsDecimal());
    }

    [Fact]
    public void Compare_strings_by_code_point_not_utf16_unit()
    {
        // U+FF61 is below U+1F600 as a code point, but its UTF-16 unit is above the surrogate 0xD83D.
        var halfwidth = Literal.Of("\uFF61");
        var emoji = Literal.Of("\U0001F600");

        Assert.True(halfwidth < emoji);
        Assert.True(string.CompareOrdinal("\uFF61", "\U0001F600") > 0);
        Assert.True(Literal.Of("a") < Literal.Of("ab"));
        Assert.True(Literal.Of("b") > Literal.Of("ab"));
    }

    [Fact]
    public void Compare_binary_is_unsigned_lexicographic()
    {
        Assert.True(Literal.OfBinary([0x01]) < Literal.OfBinary([0xFF]));
        Assert.True(Literal.OfBinary([0x01]) < Literal.OfBinary([0x01, 0x00]));
        Assert.True(Literal.OfFixed([0x80, 0x00]) > Literal.OfFixed([0x7F, 0xFF]));
    }

    [Fact]
    public void Compare_floats_puts_negative_zero_first_and_nan_last()
    {
        Assert.True(Literal.Of(-0.0) < Literal.Of(0.0));
        Assert.True(Literal.Of(double.NaN) > Literal.Of(double.PositiveInfinity));
        Assert.True(Literal.Of(float.NaN) > Literal.Of(float.MaxValue));
        Assert.Equal(0, Literal.Of(double.NaN).CompareTo(Literal.Of(double.NaN)));
        Assert.Equal(Literal.Of(double.NaN), Literal.Of(BitConverter.Int64BitsToDouble(0x7ff8000000000001)));
        Assert.NotEqual(Literal.Of(-0.0f), Literal.Of(0.0f));
    }

    [Fact]
    public void Compare_mixed_widths_widen()
    {
        Assert.True(Literal.Of(3) < Literal.Of(4L));
        Assert.True(Literal.Of(2.5f) < Literal.Of(3.0));
        Assert.True(Literal.OfDecimal(1.5m) > Literal.OfDecimal(1.49m));
        Assert.Equal(0, Literal.OfDecimal(1.50m).CompareTo(Literal.OfDecimal(1.5m)));
        Assert.Throws<FloeException>(() => Literal.Of(1).CompareTo(Literal.Of("1")));
    }

    [Fact]
    public void Compare_null_first()
    {
        Assert.True(Literal.Null < Literal.Of(int.MinValue));
        Assert.Equal(0, Literal.Null.CompareTo(Literal.Null));
    }

    [Fact]
    public void Equality_is_by_type_and_value()
    {
        Assert.Equal(Literal.Of("abc"), Literal.Of(new string(['a', 'b', 'c'])));
        Assert.NotEqual(Literal.Of(34), Literal.Of(34L));
        Assert.NotEqual(Literal.OfDate(3), Literal.Of(3));
        Assert.Equal(Literal.OfBinary([1, 2]).GetHashCode(), Literal.OfBinary([1, 2]).GetHashCode());
        Assert.NotEqual(Literal.OfDecimal(1.50m), Literal.OfDecimal(1.5m));
    }

    [Fact]
    public void To_string_uses_iso_forms()
    {
        Assert.Equal("2017-11-16", Literal.Of(new DateOnly(2017, 11, 16)).ToString());
        Assert.Equal("22:31:08", Literal.Of(new TimeOnly(22, 31, 8)).ToString());
        Assert.Equal("2017-11-16T22:31:08.000001", Literal.OfTimestamp(1510871468000001).ToString());
        Assert.Equal("2017-11-16T22:31:08+00:00", Literal.OfTimestampTz(1510871468000000).ToString());
        Assert.Equal("1969-12-31T23:59:59.999999", Literal.OfTimestamp(-1).ToString());
        Assert.Equal("2017-11-16T22:31:08.000000001", Literal.OfTimestampNs(1510871468000000001).ToString());
        Assert.Equal("0.05", Literal.OfDecimal(5, 2).ToString());
        Assert.Equal("-0.05", Literal.OfDecimal(-5, 2).ToString());
        Assert.Equal("00010203", Literal.OfBinary([0, 1, 2, 3]).ToString());
    }

    [Fact]
    public void Time_outside_one_day_is_rejected() =>
        Assert.Throws<FloeException>(() => Literal.OfTime(DateTimeUtil.MicrosPerDay));
}
