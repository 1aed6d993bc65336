using System.Text;
using Floe.Common.Errors;

namespace Floe.Catalog.Tests;

public sealed class PropertiesJsonTests
{
    [Fact]
    public void Round_trip_keeps_every_pair()
    {
        var properties = new Dictionary<string, string> { ["b"] = "2", ["a"] = "é\"1", ["empty"] = "" };

        var parsed = PropertiesJson.Parse(PropertiesJson.ToText(properties), "test");

        Assert.Equal(properties, parsed);
    }

    [Theory]
    [InlineData("[1]", "expected a JSON object")]
    [InlineData("{\"a\": 1}", "the value of 'a' is not a string")]
    [InlineData("{\"a\": \"1\", \"a\": \"2\"}", "key 'a' appears twice")]
    [InlineData("{\"a\": \"1\"", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    public void Damaged_input_is_invalid_data_naming_the_problem_and_place(string json, string problem)
    {
        var error = Assert.Throws<FloeException>(() => PropertiesJson.Parse(Encoding.UTF8.GetBytes(json), "namespace db"));

        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("namespace db", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_input_is_refused_before_parsing()
    {
        var error = Assert.Throws<FloeException>(() => PropertiesJson.Parse(new byte[PropertiesJson.MaxBytes + 1], "catalog c"));

        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
    }

    [Fact]
    public void Apply_reports_updated_removed_and_missing()
    {
        var current = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" };

        var change = PropertiesJson.Apply(current, ["a", "zz", "a"], new Dictionary<string, string> { ["c"] = "3", ["b"] = "9" }, "namespace db");

        Assert.Equal(["b", "c"], change.Updated);
        Assert.Equal(["a"], change.Removed);
        Assert.Equal(["zz"], change.Missing);
        Assert.Equal(new Dictionary<string, string> { ["b"] = "9", ["c"] = "3" }, current);
    }
}
