using Floe.Common.Errors;
using Floe.Core.Transforms;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Tests.Transforms;

public sealed class TransformTests
{
    [Theory]
    [InlineData("identity", "identity")]
    [InlineData("bucket[16]", "bucket[16]")]
    [InlineData("truncate[10]", "truncate[10]")]
    [InlineData("year", "year")]
    [InlineData("years", "year")]
    [InlineData("month", "month")]
    [InlineData("day", "day")]
    [InlineData("days", "day")]
    [InlineData("hour", "hour")]
    [InlineData("void", "void")]
    public void Parse_gives_canonical_string(string text, string expected) =>
        Assert.Equal(expected, Transform.Parse(text).ToString());

    [Fact]
    public void Parse_unknown_is_kept_but_cannot_apply()
    {
        var transform = Transform.Parse("zorder");

        Assert.IsType<UnknownTransform>(transform);
        Assert.Equal("zorder", transform.ToString());
        Assert.Equal(FloeErrorKind.Unsupported, Assert.Throws<FloeException>(() => transform.Apply(Literal.Of(1))).Kind);
    }

    [Theory]
    [InlineData("bucket[0]")]
    [InlineData("bucket[x]")]
    [InlineData("truncate[-1]")]
    public void Parse_bad_parameter_throws(string text) =>
        Assert.Contains(text, Assert.Throws<FloeException>(() => Transform.Parse(text)).Message);

    [Fact]
    public void Equality_is_by_string()
    {
        Assert.Equal(Transform.Bucket(16), Transform.Parse("bucket[16]"));
        Assert.NotEqual(Transform.Bucket(16), Transform.Bucket(8));
        Assert.True(Transform.Day == Transform.Parse("days"));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(-1, -10)]
    [InlineData(10, 10)]
    [InlineData(-10, -10)]
    [InlineData(15, 10)]
    [InlineData(-15, -20)]
    public void Truncate_integers_floor_to_multiple(int value, int expected)
    {
        Assert.Equal(Literal.Of(expected), Transform.Truncate(10).Apply(Literal.Of(value)));
        Assert.Equal(Literal.Of((long)expected), Transform.Truncate(10).Apply(Literal.Of((long)value)));
    }

    [Fact]
    public void Truncate_decimal_uses_unscaled_value()
    {
        Assert.Equal(Literal.OfDecimal(10.50m), Transform.Truncate(50).Apply(Literal.OfDecimal(10.65m)));
        Assert.Equal(Literal.OfDecimal(-0.50m), Transform.Truncate(50).Apply(Literal.OfDecimal(-0.05m)));
    }

    [Fact]
    public void Truncate_string_counts_code_points()
    {
        Assert.Equal(Literal.Of("ice"), Transform.Truncate(3).Apply(Literal.Of("iceberg")));
        Assert.Equal(Literal.Of("a\U0001F600b"), Transform.Truncate(3).Apply(Literal.Of("a\U0001F600bc")));
        Assert.Equal(Literal.Of("ab"), Transform.Truncate(3).Apply(Literal.Of("ab")));
        Assert.Equal(5, TruncateTransform.Utf8CodePointPrefixLength("a\U0001F600bc"u8, 2));
    }

    [Fact]
    public void Truncate_binary_keeps_prefix() =>
        Assert.Equal(Literal.OfBinary([1, 2]), Transform.Truncate(2).Apply(Literal.OfBinary([1, 2, 3])));

    [Fact]
    public void Truncate_unsupported_types()
    {
        Assert.False(Transform.Truncate(2).CanTransform(PrimitiveType.Double));
        Assert.False(Transform.Truncate(2).CanTransform(PrimitiveType.Fixed(4)));
        Assert.True(Transform.Truncate(2).CanTransform(PrimitiveType.Decimal(9, 2)));
    }

    [Fact]
    public void Time_transforms_on_timestamp()
    {
        var ts = Literal.OfTimestamp(1510871468000000); // 2017-11-16T22:31:08

        Assert.Equal(Literal.Of(47), Transform.Year.Apply(ts));
        Assert.Equal(Literal.Of((47 * 12) + 10), Transform.Month.Apply(ts));
        Assert.Equal(Literal.Of(new DateOnly(2017, 11, 16)), Transform.Day.Apply(ts));
        Assert.Equal(Literal.Of(419686), Transform.Hour.Apply(ts));
    }

    [Fact]
    public void Time_transforms_floor_before_epoch()
    {
        var ts = Literal.OfTimestamp(-1);

        Assert.Equal(Literal.Of(-1), Transform.Year.Apply(ts));
        Assert.Equal(Literal.Of(-1), Transform.Month.Apply(ts));
        Assert.Equal(Literal.OfDate(-1), Transform.Day.Apply(ts));
        Assert.Equal(Literal.Of(-1), Transform.Hour.Apply(ts));
        Assert.Equal(Literal.Of(-1), Transform.Year.Apply(Literal.OfDate(-1)));
        Assert.Equal(Literal.Of(-12), Transform.Month.Apply(Literal.Of(new DateOnly(1969, 1, 31))));
    }

    [Fact]
    public void Time_transforms_on_nanos_convert_first() =>
        Assert.Equal(Literal.OfDate(-1), Transform.Day.Apply(Literal.OfTimestampNs(-1)));

    [Fact]
    public void Time_transforms_result_types_and_sources()
    {
        Assert.Equal(PrimitiveType.Date, Transform.Day.ResultType(PrimitiveType.TimestampTz));
        Assert.Equal(PrimitiveType.Int, Transform.Month.ResultType(PrimitiveType.Date));
        Assert.False(Transform.Hour.CanTransform(PrimitiveType.Date));
        Assert.True(Transform.Year.CanTransform(PrimitiveType.Date));
        Assert.False(Transform.Day.CanTransform(PrimitiveType.Long));
    }

    [Fact]
    public void Human_strings_match_java_partition_paths()
    {
        Assert.Equal("2017", Transform.Year.ToHumanString(Literal.Of(47)));
        Assert.Equal("1969", Transform.Year.ToHumanString(Literal.Of(-1)));
        Assert.Equal("2017-11", Transform.Month.ToHumanString(Literal.Of((47 * 12) + 10)));
        Assert.Equal("1969-12", Transform.Month.ToHumanString(Literal.Of(-1)));
        Assert.Equal("2017-11-16", Transform.Day.ToHumanString(Literal.Of(new DateOnly(2017, 11, 16))));
        Assert.Equal("2017-11-16", Transform.Day.ToHumanString(Literal.Of(17486)));
        Assert.Equal("2017-11-16-22", Transform.Hour.ToHumanString(Literal.Of(419686)));
        Assert.Equal("3", Transform.Bucket(16).ToHumanString(Literal.Of(3)));
        Assert.Equal("null", Transform.Bucket(16).ToHumanString(Literal.Null));
        Assert.Equal("2017-11-16T22:31", Transform.Identity.ToHumanString(Literal.OfTimestamp(1510871460000000)));
        Assert.Equal("2017-11-16T22:31:08.123Z", Transform.Identity.ToHumanString(Literal.OfTimestampTz(1510871468123000)));
        Assert.Equal("22:31:08.000001", Transform.Identity.ToHumanString(Literal.OfTime(81068000001)));
        Assert.Equal("AAECAw==", Transform.Identity.ToHumanString(Literal.OfBinary([0, 1, 2, 3])));
        Assert.Equal("1.0", Transform.Identity.ToHumanString(Literal.Of(1.0)));
        Assert.Equal("14.20", Transform.Identity.ToHumanString(Literal.OfDecimal(14.20m)));
    }

    [Fact]
    public void Void_is_always_null()
    {
        Assert.True(Transform.Void.Apply(Literal.Of(3)).IsNull);
        Assert.True(Transform.Void.CanTransform(StructType.Empty));
    }

    [Fact]
    public void Order_preservation()
    {
        Assert.True(Transform.Identity.PreservesOrder);
        Assert.True(Transform.Truncate(3).PreservesOrder);
        Assert.True(Transform.Day.PreservesOrder);
        Assert.False(Transform.Bucket(3).PreservesOrder);
        Assert.False(Transform.Void.PreservesOrder);
    }
}
