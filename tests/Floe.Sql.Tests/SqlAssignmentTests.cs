using Floe.Common.Errors;
using Floe.Core.Schemas;

namespace Floe.Sql.Tests;

public sealed class SqlAssignmentTests
{
    private static readonly Schema s_schema = TestSchemas.Table();

    [Theory]
    [InlineData("price = price * 2 + 1", "price = ((price * 2) + 1)")]
    [InlineData("name == cast(id as string)", "name = cast(id as string)")]
    [InlineData("`and` = -n % 3", "and = (-n % 3)")]
    [InlineData("score = null", "score = null")]
    public void Parse_reads_a_column_and_any_value(string text, string expected)
    {
        Assert.Equal(expected, SqlAssignment.Parse(text).ToString());
        Assert.Equal(expected, SqlAssignment.Parse(text, s_schema).ToString());
    }

    [Theory]
    [InlineData("price price", 7, "expected '=' after 'price' but found 'price'")]
    [InlineData("price = price *", 16, "expected a value but found end of text")]
    [InlineData("and = 1", 1, "expected a column name but found 'and'")]
    [InlineData("= 1", 1, "expected a column name but found '='")]
    [InlineData("id = 1 2", 8, "expected end of text but found '2'")]
    [InlineData("colour = 1", 1, "unknown column 'colour'")]
    [InlineData("loc.city = 'x'", 1, "unknown column 'loc.city'")]
    [InlineData("id = nope + 1", 6, "unknown column 'nope'")]
    public void Errors_give_the_column(string text, int column, string detail)
    {
        SqlTextException error = TestSchemas.SyntaxError(() => SqlAssignment.Parse(text, s_schema, "--set"));
        Assert.Equal((column, detail), (error.Column, error.Detail));
        Assert.StartsWith($"Invalid --set at position {column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_with_a_schema_only()
    {
        Assert.Equal("name = 5", SqlAssignment.Parse("name = 5").ToString());
        var error = Assert.Throws<FloeException>(() => SqlAssignment.Parse("name = 5", s_schema, "--set"));
        Assert.StartsWith("Invalid --set \"name = 5\": Cannot set column 'name'", error.Message, StringComparison.Ordinal);
    }
}
