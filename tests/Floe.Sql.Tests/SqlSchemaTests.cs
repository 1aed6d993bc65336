using Floe.Core.Schemas;
using Floe.Core.Types;

namespace Floe.Sql.Tests;

public sealed class SqlSchemaTests
{
    [Fact]
    public void Parse_reads_primitives_and_nested_types_with_fresh_ids()
    {
        Schema schema = SqlSchema.Parse("id long not null, price decimal(9, 2), point struct<x: double not null, y: double>, tags list<string>, attrs map<string, int>");
        Assert.Equal(["id", "price", "point", "tags", "attrs"], schema.Columns.Select(c => c.Name));
        Assert.True(schema.Columns[0].IsRequired);
        Assert.Equal(PrimitiveType.Decimal(9, 2), schema.Columns[1].Type);
        var point = Assert.IsType<StructType>(schema.Columns[2].Type);
        Assert.True(point.Fields[0].IsRequired);
        Assert.Equal(PrimitiveType.String, Assert.IsType<ListType>(schema.Columns[3].Type).ElementType);
        var map = Assert.IsType<MapType>(schema.Columns[4].Type);
        Assert.Equal(PrimitiveType.Int, map.ValueType);
        Assert.Equal(schema.HighestFieldId, schema.FieldsById.Count);
    }

    [Fact]
    public void Ids_follow_reading_order_through_nesting()
    {
        Schema schema = SqlSchema.Parse("a list<struct<b: int, c: map<string, list<long>>>>, d int");
        Assert.Equal([(1, "a"), (3, "b"), (4, "c"), (8, "d")], schema.FieldsById.Values.Where(f => f.Name is "a" or "b" or "c" or "d").Select(f => (f.Id, f.Name)).Order());
        Assert.Equal(8, schema.HighestFieldId);
    }

    [Fact]
    public void Names_may_be_quoted_and_types_use_any_case_and_sql_aliases()
    {
        Schema schema = SqlSchema.Parse("\"my col\" INTEGER, `x``y` bigint NOT NULL, v varchar, t Text, r real, f fixed[16], ts timestamptz_ns, \"not\" boolean");
        Assert.Equal(["my col", "x`y", "v", "t", "r", "f", "ts", "not"], schema.Columns.Select(c => c.Name));
        Assert.Equal(
            [PrimitiveType.Int, PrimitiveType.Long, PrimitiveType.String, PrimitiveType.String, PrimitiveType.Float, PrimitiveType.Fixed(16), PrimitiveType.TimestampTzNs, PrimitiveType.Boolean],
            schema.Columns.Select(c => c.Type));
        Assert.True(schema.Columns[1].IsRequired);
    }

    [Theory]
    [InlineData("id lng", 4, "unknown type 'lng'")]
    [InlineData("m map<string>", 13, "expected ',' and the map's value type but found '>'")]
    [InlineData("s struct<a: int", 16, "expected '>' to close the struct< at position 3 but found end of text")]
    [InlineData("s struct<a int>", 12, "expected ':' but found 'int'")]
    [InlineData("x list<int, y int", 11, "expected '>' to close the list< at position 3 but found ','")]
    [InlineData("", 1, "the schema has no columns")]
    [InlineData("   ", 4, "the schema has no columns")]
    [InlineData("id int,", 8, "expected a column name but found end of text")]
    [InlineData("id int,, x int", 8, "expected a column name but found ','")]
    [InlineData("id", 3, "expected a type for column 'id' but found end of text")]
    [InlineData("id int, id long", 9, "column 'id' is defined twice")]
    [InlineData("p decimal(40, 2)", 11, "decimal(40, 2) needs 1 <= precision <= 38 and 0 <= scale <= precision")]
    [InlineData("p decimal(4, 5)", 11, "decimal(4, 5) needs 1 <= precision <= 38 and 0 <= scale <= precision")]
    [InlineData("p decimal(4)", 12, "expected ',' but found ')'")]
    [InlineData("p decimal(99999999999, 1)", 11, "'99999999999' is out of range for an int")]
    [InlineData("f fixed[0]", 9, "fixed[L] needs a length of at least 1")]
    [InlineData("x int not", 10, "expected 'null' after 'not' but found end of text")]
    [InlineData("x int null", 7, "expected end of text but found 'null'")]
    [InlineData("x int)", 6, "expected end of text but found ')'")]
    [InlineData("x 'int'", 3, "expected a type name but found 'int'")]
    public void Errors_give_the_column(string text, int column, string detail)
    {
        SqlTextException error = TestSchemas.SyntaxError(() => SqlSchema.Parse(text, "--schema"));
        Assert.Equal((column, detail), (error.Column, error.Detail));
        Assert.StartsWith($"Invalid --schema at position {column}: {detail}", error.Message, StringComparison.Ordinal);
    }
}
