using Floe.Core.Expressions;
using Floe.Core.Manifests;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Table.Scanning;

namespace Floe.Table.Tests.Scanning;

public sealed class MetricsFilterTests
{
    private static readonly Schema s_schema = new([
        NestedField.Required(1, "id", PrimitiveType.Int),
        NestedField.Optional(2, "name", PrimitiveType.String),
        NestedField.Optional(3, "score", PrimitiveType.Double),
        NestedField.Optional(4, "empty", PrimitiveType.String),
    ]);

    // ids 10..20, names "apple".."melon", scores 1.0..2.0 with 2 NaN, column 4 all null.
    private static readonly DataFile s_file = new()
    {
        FilePath = "f", Format = FileFormat.Parquet, RecordCount = 10, FileSizeInBytes = 100,
        ValueCounts = new Dictionary<int, long> { [1] = 10, [2] = 10, [3] = 10, [4] = 10 },
        NullValueCounts = new Dictionary<int, long> { [1] = 0, [2] = 3, [3] = 0, [4] = 10 },
        NanValueCounts = new Dictionary<int, long> { [3] = 2 },
        LowerBounds = new Dictionary<int, byte[]>
        {
            [1] = SingleValueBinary.ToBytes(Literal.Of(10)), [2] = SingleValueBinary.ToBytes(Literal.Of("apple")), [3] = SingleValueBinary.ToBytes(Literal.Of(1.0)),
        },
        UpperBounds = new Dictionary<int, byte[]>
        {
            [1] = SingleValueBinary.ToBytes(Literal.Of(20)), [2] = SingleValueBinary.ToBytes(Literal.Of("melon")), [3] = SingleValueBinary.ToBytes(Literal.Of(2.0)),
        },
    };

    public static TheoryData<string, bool> Cases() => new()
    {
        { "id < 10", false }, { "id < 11", true }, { "id <= 10", true }, { "id > 20", false }, { "id >= 20", true },
        { "id = 9", false }, { "id = 15", true }, { "id = 21", false }, { "id in 1 2 30", false }, { "id in 1 12", true },
        { "id != 15", true }, { "id is null", false }, { "id not null", true },
        { "name is null", true }, { "name startsWith b", true }, { "name startsWith a", true }, { "name startsWith z", false }, { "name startsWith aa", false },
        { "score is nan", true }, { "score > 3", false }, { "score < 1.5", true },
        { "empty not null", false }, { "empty is null", true }, { "empty = x", false },
        { "not id < 10", true }, { "not id >= 10", false },
        { "id < 10 or name = banana", true }, { "id < 10 and name = banana", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Files_are_kept_unless_their_metrics_rule_out_every_row(string filter, bool expected)
    {
        Assert.Equal(expected, new MetricsFilter(s_schema, Parse(filter)).MightMatch(s_file));
    }

    [Fact]
    public void Missing_metrics_keep_the_file_and_empty_files_are_dropped()
    {
        var bare = new DataFile { FilePath = "g", Format = FileFormat.Parquet, RecordCount = 3, FileSizeInBytes = 10 };
        var empty = new DataFile { FilePath = "h", Format = FileFormat.Parquet, RecordCount = 0, FileSizeInBytes = 10 };
        var filter = new MetricsFilter(s_schema, Expr.Equal("id", Literal.Of(1)));

        Assert.True(filter.MightMatch(bare));
        Assert.False(filter.MightMatch(empty));
    }

    [Fact]
    public void Only_NaN_values_rule_out_comparisons()
    {
        var nans = new DataFile
        {
            FilePath = "n", Format = FileFormat.Parquet, RecordCount = 2, FileSizeInBytes = 10,
            ValueCounts = new Dictionary<int, long> { [3] = 2 }, NullValueCounts = new Dictionary<int, long> { [3] = 0 }, NanValueCounts = new Dictionary<int, long> { [3] = 2 },
        };

        Assert.False(new MetricsFilter(s_schema, Expr.GreaterThan("score", Literal.Of(0.0))).MightMatch(nans));
        Assert.False(new MetricsFilter(s_schema, Expr.NotNaN("score")).MightMatch(nans));
        Assert.True(new MetricsFilter(s_schema, Expr.IsNaN("score")).MightMatch(nans));
    }

    internal static Expression Parse(string text)
    {
        string[] parts = text.Split(' ');
        if (parts[0] == "not")
        {
            return Expr.Not(Parse(string.Join(' ', parts[1..])));
        }

        int or = Array.IndexOf(parts, "or");
        int and = Array.IndexOf(parts, "and");
        if (or > 0)
        {
            return Expr.Or(Parse(string.Join(' ', parts[..or])), Parse(string.Join(' ', parts[(or + 1)..])));
        }

        if (and > 0)
        {
            return Expr.And(Parse(string.Join(' ', parts[..and])), Parse(string.Join(' ', parts[(and + 1)..])));
        }

        string column = parts[0];
        Literal Value(string s) => column == "id" ? Literal.Of(int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))
            : column == "score" ? Literal.Of(double.Parse(s, System.Globalization.CultureInfo.InvariantCulture))
            : Literal.Of(s);
        return parts[1] switch
        {
            "<" => Expr.LessThan(column, Value(parts[2])),
            "<=" => Expr.LessThanOrEqual(column, Value(parts[2])),
            ">" => Expr.GreaterThan(column, Value(parts[2])),
            ">=" => Expr.GreaterThanOrEqual(column, Value(parts[2])),
            "=" => Expr.Equal(column, Value(parts[2])),
            "!=" => Expr.NotEqual(column, Value(parts[2])),
            "in" => Expr.In(column, parts[2..].Select(Value)),
            "startsWith" => Expr.StartsWith(column, parts[2]),
            "is" when parts[2] == "null" => Expr.IsNull(column),
            "is" when parts[2] == "nan" => Expr.IsNaN(column),
            "not" => Expr.NotNull(column),
            _ => throw new ArgumentException(text),
        };
    }
}
