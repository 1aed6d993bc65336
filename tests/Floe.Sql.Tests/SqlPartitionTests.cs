using Floe.Core.Schemas;
using Floe.Core.Transforms;

namespace Floe.Sql.Tests;

public sealed class SqlPartitionTests
{
    private static readonly Schema s_schema = TestSchemas.Table();

    [Fact]
    public void Parse_reads_terms()
    {
        var spec = SqlPartition.Parse("bucket(16, id), day(ts), truncate(name, 4) as n4, `Breed Name`, void(score) as s", s_schema, specId: 3);

        Assert.Equal(
            ["id_bucket:bucket[16]", "ts_day:day", "n4:truncate[4]", "Breed Name:identity", "s:void"],
            spec.Fields.Select(f => $"{f.Name}:{f.Transform}"));
        Assert.Equal(3, spec.SpecId);
    }

    [Fact]
    public void Transform_names_ignore_case_and_accept_plurals()
    {
        var spec = SqlPartition.Parse("DAYS(ts), Bucket(4, loc.city) AS \"city bucket\", IDENTITY(name)", s_schema);
        Assert.Equal(["ts_day:day", "city bucket:bucket[4]", "name:identity"], spec.Fields.Select(f => $"{f.Name}:{f.Transform}"));
    }

    [Fact]
    public void Blank_text_is_unpartitioned() => Assert.True(SqlPartition.Parse("  ", s_schema).IsUnpartitioned);

    [Fact]
    public void ParseTerms_needs_no_schema()
    {
        Assert.Equal(
            [new TransformTerm("x", Transform.Bucket(16), "b"), new TransformTerm("y", Transform.Identity, null), new TransformTerm("z", Transform.Hour, null)],
            SqlPartition.ParseTerms("bucket(16, x) as b, y, hour(z)"));
    }

    [Theory]
    [InlineData("bucket(id)", 10, "expected ',': bucket takes a number and a column but found ')'")]
    [InlineData("bucket(4, 5)", 11, "expected a column (bucket takes one number and one column) but found '5'")]
    [InlineData("bucket(id, name)", 12, "expected the bucket count (bucket takes one number and one column) but found 'name'")]
    [InlineData("bucket(0, id)", 8, "the bucket count must be at least 1")]
    [InlineData("truncate(name, -1)", 16, "expected the truncate width (truncate takes one number and one column) but found '-'")]
    [InlineData("bucket(99999999999, id)", 8, "'99999999999' is out of range for an int")]
    [InlineData("zorder(id)", 1, "unknown transform 'zorder' (expected identity, year, month, day, hour, void, bucket or truncate)")]
    [InlineData("day(ts", 7, "expected ')' but found end of text")]
    [InlineData("day(ts))", 8, "expected end of text but found ')'")]
    [InlineData("day(ts, id)", 7, "expected ')' but found ','")]
    [InlineData("id,,ts", 4, "expected a column or transform but found ','")]
    [InlineData("id,", 4, "expected a column or transform but found end of text")]
    [InlineData("nope", 1, "unknown column 'nope'")]
    [InlineData("id, day(nope)", 9, "unknown column 'nope'")]
    [InlineData("id as", 6, "expected a partition field name after 'as' but found end of text")]
    [InlineData("id id", 4, "expected end of text but found 'id'")]
    [InlineData("name, day(id)", 7, "Invalid source type long for transform day")]
    [InlineData("id, id", 5, "Cannot use partition name 'id' more than once")]
    public void Errors_give_the_column(string text, int column, string detail)
    {
        SqlTextException error = TestSchemas.SyntaxError(() => SqlPartition.Parse(text, s_schema, subject: "--partition-by"));
        Assert.Equal(column, error.Column);
        Assert.StartsWith(detail, error.Detail, StringComparison.Ordinal);
        Assert.StartsWith($"Invalid --partition-by at position {column}: ", error.Message, StringComparison.Ordinal);
    }
}
