using Floe.Common.Errors;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Tests.Values;

public sealed class SerializedValueComparerTests
{
    public static TheoryData<string, string, string> Pairs => new()
    {
        { "int", "-5", "3" },
        { "long", "-9223372036854775808", "9223372036854775807" },
        { "float", "-1.5", "2.5" },
        { "double", "-0.5", "0.25" },
        { "decimal(9, 2)", "\"-1.29\"", "\"-1.28\"" },
        { "decimal(38, 0)", "\"-1\"", "\"99999999999999999999999999999999999999\"" },
        { "date", "\"1969-12-31\"", "\"1970-01-01\"" },
        { "timestamp", "\"1969-12-31T23:59:59.999999\"", "\"1970-01-01T00:00:00\"" },
        { "string", "\"\uFF61\"", "\"\U0001F600\"" },
        { "string", "\"ab\"", "\"b\"" },
        { "uuid", "\"00000000-0000-0000-0000-000000000001\"", "\"f79c3e09-677c-4bbd-a479-3f349cb785e7\"" },
        { "binary", "\"7F\"", "\"80\"" },
        { "boolean", "false", "true" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Compare_agrees_with_literal_order(string typeText, string lowJson, string highJson)
    {
        var type = PrimitiveType.Parse(typeText);
        var low = SingleValueJson.FromJson(type, lowJson);
        var high = SingleValueJson.FromJson(type, highJson);
        byte[] lowBytes = SingleValueBinary.ToBytes(low);
        byte[] highBytes = SingleValueBinary.ToBytes(high);

        Assert.True(low < high);
        Assert.True(SerializedValueComparer.Compare(type, lowBytes, highBytes) < 0);
        Assert.True(SerializedValueComparer.Compare(type, highBytes, lowBytes) > 0);
        Assert.Equal(0, SerializedValueComparer.Compare(type, lowBytes, lowBytes.ToArray()));
    }

    [Fact]
    public void Compare_promoted_bounds_mix_widths()
    {
        byte[] fromInt = SingleValueBinary.ToBytes(Literal.Of(7));
        byte[] fromLong = SingleValueBinary.ToBytes(Literal.Of(8L));

        Assert.True(SerializedValueComparer.Compare(PrimitiveType.Long, fromInt, fromLong) < 0);
        Assert.True(SerializedValueComparer.Compare(PrimitiveType.Double, SingleValueBinary.ToBytes(Literal.Of(1.5f)), SingleValueBinary.ToBytes(Literal.Of(1.25))) > 0);
    }

    [Fact]
    public void Compare_wrong_length_is_invalid_data() =>
        Assert.Equal(FloeErrorKind.InvalidData, Assert.Throws<FloeException>(() => SerializedValueComparer.Compare(PrimitiveType.Int, new byte[4], new byte[3])).Kind);
}
