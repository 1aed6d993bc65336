using Floe.Core.Expressions;
using Floe.Core.Manifests;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Table.Scanning;

namespace Floe.Table.Tests.Scanning;

public sealed class StrictMetricsFilterTests
{
    private static readonly Schema s_schema = new([
        NestedField.Required(1, "id", PrimitiveType.Int),
        NestedField.Optional(2, "name", PrimitiveType.String),
        NestedField.Optional(3, "score", PrimitiveType.Double),
        NestedField.Optional(4, "empty", PrimitiveType.String),
        NestedField.Optional(5, "tags", new ListType(6, PrimitiveType.Int, isElementRequired: true)),
    ]);

    // ids 10..20 (required, no null count stored), names "apple".."apricot" without nulls, scores 1.0..2.0 with
    // 2 NaN, column 4 all null, list elements 1..1.
    private static readonly DataFile s_file = new()
    {
        FilePath = "f", Format = FileFormat.Parquet, RecordCount = 10, FileSizeInBytes = 100,
        ValueCounts = new Dictionary<int, long> { [1] = 10, [2] = 10, [3] = 10, [4] = 10, [6] = 10 },
        NullValueCounts = new Dictionary<int, long> { [2] = 0, [3] = 0, [4] = 10, [6] = 0 },
        NanValueCounts = new Dictionary<int, long> { [3] = 2 },
        LowerBounds = new Dictionary<int, byte[]>
        {
            [1] = SingleValueBinary.ToBytes(Literal.Of(10)), [2] = SingleValueBinary.ToBytes(Literal.Of("apple")),
            [3] = SingleValueBinary.ToBytes(Literal.Of(1.0)), [6] = SingleValueBinary.ToBytes(Literal.Of(1)),
        },
        UpperBounds = new Dictionary<int, byte[]>
        {
            [1] = SingleValueBinary.ToBytes(Literal.Of(20)), [2] = SingleValueBinary.ToBytes(Literal.Of("apricot")),
            [3] = SingleValueBinary.ToBytes(Literal.Of(2.0)), [6] = SingleValueBinary.ToBytes(Literal.Of(1)),
        },
    };

    public static TheoryData<string, bool> Cases() => new()
    {
        { "id < 21", true }, { "id < 20", false }, { "id <= 20", true }, { "id > 9", true }, { "id > 10", false }, { "id >= 10", true },
        { "id = 15", false }, { "id != 9", true }, { "id != 21", true }, { "id != 15", false }, { "id in 10 20", false },
        { "id not null", true }, { "id is null", false },
        { "name startsWith ap", true }, { "name startsWith app", false }, { "name not null", true }, { "name is null", false },
        { "name > aa", true }, { "name < b", true }, { "name < apricot", false },
        { "score < 3", false }, { "score > 0", false }, { "score is nan", false },
        { "empty is null", true }, { "empty not null", false }, { "empty = x", false }, { "empty != x", true },
        { "not id >= 21", true }, { "not id < 21", false },
        { "id < 21 and name startsWith ap", true }, { "id < 21 and score < 3", false }, { "id < 5 or name not null", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Files_match_wholly_only_when_their_metrics_prove_it(string filter, bool expected)
    {
        Assert.Equal(expected, new StrictMetricsFilter(s_schema, MetricsFilterTests.Parse(filter)).AllRowsMatch(s_file));
    }

    [Fact]
    public void Negated_sets_and_prefixes_hold_when_every_value_is_outside()
    {
        Assert.True(Strict(Expr.NotIn("id", [Literal.Of(1), Literal.Of(30)])));
        Assert.False(Strict(Expr.NotIn("id", [Literal.Of(1), Literal.Of(12)])));
        Assert.True(Strict(Expr.NotStartsWith("name", "b")));
        Assert.False(Strict(Expr.NotStartsWith("name", "apr")));
        Assert.True(Strict(Expr.NotStartsWith("empty", "x")));
    }

    [Fact]
    public void NaN_counts_decide_the_NaN_predicates()
    {
        var noNaN = new DataFile
        {
            FilePath = "n", Format = FileFormat.Parquet, RecordCount = 2, FileSizeInBytes = 10,
            ValueCounts = new Dictionary<int, long> { [3] = 2 }, NullValueCounts = new Dictionary<int, long> { [3] = 0 }, NanValueCounts = new Dictionary<int, long> { [3] = 0 },
            LowerBounds = new Dictionary<int, byte[]> { [3] = SingleValueBinary.ToBytes(Literal.Of(1.0)) },
            UpperBounds = new Dictionary<int, byte[]> { [3] = SingleValueBinary.ToBytes(Literal.Of(2.0)) },
        };
        var allNaN = new DataFile
        {
            FilePath = "m", Format = FileFormat.Parquet, RecordCount = 2, FileSizeInBytes = 10,
            ValueCounts = new Dictionary<int, long> { [3] = 2 }, NullValueCounts = new Dictionary<int, long> { [3] = 0 }, NanValueCounts = new Dictionary<int, long> { [3] = 2 },
        };

        Assert.True(new StrictMetricsFilter(s_schema, Expr.LessThan("score", Literal.Of(3.0))).AllRowsMatch(noNaN));
        Assert.True(new StrictMetricsFilter(s_schema, Expr.NotNaN("score")).AllRowsMatch(noNaN));
        Assert.False(new StrictMetricsFilter(s_schema, Expr.NotNaN("score")).AllRowsMatch(s_file));
        Assert.True(new StrictMetricsFilter(s_schema, Expr.IsNaN("score")).AllRowsMatch(allNaN));
        Assert.True(new StrictMetricsFilter(s_schema, Expr.NotEqual("score", Literal.Of(1.5))).AllRowsMatch(allNaN));
    }

    [Fact]
    public void Missing_metrics_and_list_elements_prove_nothing_while_empty_files_match()
    {
        var bare = new DataFile { FilePath = "g", Format = FileFormat.Parquet, RecordCount = 3, FileSizeInBytes = 10 };
        var empty = new DataFile { FilePath = "h", Format = FileFormat.Parquet, RecordCount = 0, FileSizeInBytes = 10 };
        var unknown = new DataFile { FilePath = "i", Format = FileFormat.Parquet, RecordCount = -1, FileSizeInBytes = 10 };

        Assert.False(Strict(Expr.LessThan("id", Literal.Of(100)), bare));
        Assert.True(Strict(Expr.LessThan("id", Literal.Of(100)), empty));
        Assert.False(Strict(Expr.AlwaysTrue(), unknown));
        Assert.False(Strict(Expr.Equal("tags.element", Literal.Of(1))));
    }

    [Fact]
    public void An_optional_column_without_a_null_count_may_hold_nulls()
    {
        var noNullCounts = new DataFile
        {
            FilePath = "j", Format = FileFormat.Parquet, RecordCount = 3, FileSizeInBytes = 10,
            LowerBounds = s_file.LowerBounds, UpperBounds = s_file.UpperBounds,
        };

        Assert.True(Strict(Expr.LessThan("id", Literal.Of(21)), noNullCounts));
        Assert.False(Strict(Expr.LessThan("name", Literal.Of("b")), noNullCounts));
    }

    private static bool Strict(Expression filter, DataFile? file = null) => new StrictMetricsFilter(s_schema, filter).AllRowsMatch(file ?? s_file);
}
