using Floe.Core.Schemas;

namespace Floe.Sql.Tests;

public sealed class SqlSortOrderTests
{
    private static readonly Schema s_schema = TestSchemas.Table();

    [Fact]
    public void Parse_reads_directions_and_null_orders()
    {
        var order = SqlSortOrder.Parse("id desc nulls first, day(ts), bucket(4, name) ASC NULLS LAST, `Breed Name` desc", s_schema);

        Assert.Equal(
            ["identity(1) desc nulls-first", "day(2) asc nulls-first", "bucket[4](3) asc nulls-last", "identity(4) desc nulls-last"],
            order.Fields.Select(f => f.ToString()));
        Assert.Equal(1, order.OrderId);
    }

    [Fact]
    public void Blank_text_is_unsorted() => Assert.True(SqlSortOrder.Parse("", s_schema).IsUnsorted);

    [Theory]
    [InlineData("id nulls middle", 10, "expected 'first' or 'last' (nulls first or nulls last) but found 'middle'")]
    [InlineData("desc", 1, "unknown column 'desc'")]
    [InlineData("nope", 1, "unknown column 'nope'")]
    [InlineData("id as x", 4, "sort fields have no names")]
    [InlineData("id desc,", 9, "expected a column or transform but found end of text")]
    [InlineData("id asc desc", 8, "expected end of text but found 'desc'")]
    [InlineData("truncate(4, name", 17, "expected ')' but found end of text")]
    [InlineData("name, month(id)", 7, "Invalid source type long for transform month")]
    public void Errors_give_the_column(string text, int column, string detail)
    {
        SqlTextException error = TestSchemas.SyntaxError(() => SqlSortOrder.Parse(text, s_schema, "--sort-by"));
        Assert.Equal(column, error.Column);
        Assert.StartsWith(detail, error.Detail, StringComparison.Ordinal);
        Assert.StartsWith($"Invalid --sort-by at position {column}: ", error.Message, StringComparison.Ordinal);
    }
}
