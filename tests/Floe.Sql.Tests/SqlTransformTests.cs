using Floe.Core.Transforms;

namespace Floe.Sql.Tests;

public sealed class SqlTransformTests
{
    [Theory]
    [InlineData("bucket(16, id) as b", "id", "bucket[16]", "b")]
    [InlineData("truncate(name, 4)", "name", "truncate[4]", null)]
    [InlineData("truncate(4, name)", "name", "truncate[4]", null)]
    [InlineData("YEAR(ts)", "ts", "year", null)]
    [InlineData("months(ts)", "ts", "month", null)]
    [InlineData("hours(ts)", "ts", "hour", null)]
    [InlineData("void(x)", "x", "void", null)]
    [InlineData("\"weird(col)\"", "weird(col)", "identity", null)]
    [InlineData("bucket", "bucket", "identity", null)]
    [InlineData("identity(`a b`) as `c d`", "a b", "identity", "c d")]
    public void Parse_reads_one_term(string text, string source, string transform, string? name)
    {
        TransformTerm term = SqlTransform.Parse(text);
        Assert.Equal((source, transform, name), (term.SourceName, term.Transform.ToString(), term.TargetName));
    }

    [Fact]
    public void The_spec_form_is_not_transform_text()
    {
        SqlTextException error = TestSchemas.SyntaxError(() => SqlTransform.Parse("bucket[16]"));
        Assert.Equal(7, error.Column);
        Assert.Equal(Transform.Bucket(16), Transform.Parse("bucket[16]"));
    }

    [Theory]
    [InlineData("day(ts) x", 9, "expected end of text but found 'x'")]
    [InlineData("day(ts), x", 8, "expected end of text but found ','")]
    [InlineData("day()", 5, "expected a column for day but found ')'")]
    [InlineData("'ts'", 1, "expected a column or transform but found 'ts'")]
    [InlineData("day(missing)", 5, "unknown column 'missing'")]
    public void Errors_give_the_column(string text, int column, string detail)
    {
        SqlTextException error = TestSchemas.SyntaxError(() => SqlTransform.Parse(text, TestSchemas.Table()));
        Assert.Equal((column, detail), (error.Column, error.Detail));
    }
}
