using Floe.Common.Errors;
using Floe.Core.Transforms;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Tests.Transforms;

public sealed class BucketTransformTests
{
    public static TheoryData<string, string, int> SpecVectors => new()
    {
        { "int", "34", 2017239379 },
        { "long", "34", 2017239379 },
        { "decimal(9, 2)", "\"14.20\"", -500754589 },
        { "date", "\"2017-11-16\"", -653330422 },
        { "time", "\"22:31:08\"", -662762989 },
        { "timestamp", "\"2017-11-16T22:31:08\"", -2047944441 },
        { "timestamp", "\"2017-11-16T22:31:08.000001\"", -1207196810 },
        { "timestamptz", "\"2017-11-16T14:31:08-08:00\"", -2047944441 },
        { "timestamptz", "\"2017-11-16T14:31:08.000001-08:00\"", -1207196810 },
        { "timestamp_ns", "\"2017-11-16T22:31:08\"", -2047944441 },
        { "timestamptz_ns", "\"2017-11-16T22:31:08.000001001+00:00\"", -1207196810 },
        { "string", "\"iceberg\"", 1210000089 },
        { "string", "\"34\"", -427558391 },
        { "uuid", "\"f79c3e09-677c-4bbd-a479-3f349cb785e7\"", 1488055340 },
        { "fixed[4]", "\"00010203\"", -188683207 },
        { "binary", "\"00010203\"", -188683207 },
    };

    [Theory]
    [MemberData(nameof(SpecVectors))]
    public void Hash_matches_spec_appendix(string type, string json, int expected)
    {
        var value = SingleValueJson.FromJson(PrimitiveType.Parse(type), json);

        Assert.Equal(expected, BucketTransform.Hash(value));
    }

    [Fact]
    public void Murmur3_spec_extras_boolean_and_double_bits()
    {
        Assert.Equal(1392991556, Murmur3.HashLong(1));
        Assert.Equal(-142385009, Murmur3.HashLong(BitConverter.DoubleToInt64Bits(1.0)));
        Assert.Equal(1669671676, Murmur3.HashLong(0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("abc")]
    [InlineData("abcd")]
    [InlineData("abcde")]
    public void Hash_long_equals_hash_of_its_little_endian_bytes(string seed)
    {
        long value = seed.Length * 0x0102030405060708L;
        Assert.Equal(Murmur3.HashBytes(BitConverter.GetBytes(value)), Murmur3.HashLong(value));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Hash_int_equals_hash_of_its_little_endian_bytes(int value) =>
        Assert.Equal(Murmur3.HashBytes(BitConverter.GetBytes(value)), Murmur3.HashInt(value));

    [Fact]
    public void Hash_string_long_strings_use_pooled_buffer()
    {
        string text = new('é', 1000);

        Assert.Equal(Murmur3.HashBytes(System.Text.Encoding.UTF8.GetBytes(text)), BucketTransform.HashString(text));
    }

    [Fact]
    public void Apply_is_non_negative_modulo()
    {
        var bucket = Transform.Bucket(16);

        // -2047944441 & MaxValue = 99539207; mod 16 = 7.
        Assert.Equal(Literal.Of(7), bucket.Apply(Literal.OfTimestamp(1510871468000000)));
        Assert.Equal(Literal.Of(2017239379 % 16), bucket.Apply(Literal.Of(34)));
        Assert.True(bucket.Apply(Literal.Null).IsNull);
        Assert.Equal(PrimitiveType.Int, bucket.ResultType(PrimitiveType.String));
    }

    [Fact]
    public void Int_and_long_share_buckets_so_promotion_is_safe() =>
        Assert.Equal(Transform.Bucket(7).Apply(Literal.Of(123456)), Transform.Bucket(7).Apply(Literal.Of(123456L)));

    [Theory]
    [InlineData("boolean")]
    [InlineData("float")]
    [InlineData("double")]
    public void Cannot_bucket_boolean_and_floating_point(string type)
    {
        Assert.False(Transform.Bucket(4).CanTransform(PrimitiveType.Parse(type)));
        Assert.Throws<FloeException>(() => Transform.Bucket(4).Apply(Literal.Of(1.0)));
    }

    [Fact]
    public void Zero_buckets_are_rejected() => Assert.Throws<FloeException>(() => Transform.Bucket(0));
}
